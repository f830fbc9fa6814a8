import ArgumentParser
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// `declaration verify`: anyone checks that a registry is authentic,
/// unaltered and complete.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the registry: header, declaration texts, every entry, every signature, the rules and the checkpoint.",
        discussion: """
            With --checkpoint FILE, also proves that the ledger still begins with exactly the entries that \
            checkpoint (saved earlier, or got from elsewhere) committed to: that is how a truncated, rolled-back \
            or rewritten history is caught. Keep the last checkpoint you verified.

            With --since FILE, verifies incrementally: FILE must be a checkpoint that you saved after a full \
            verification of your own. The entries it covers are re-hashed to prove they are exactly the ones it \
            committed to, and replayed to rebuild the roll of signatories, but their signatures are not checked \
            again; every entry after it is checked in full. A checkpoint got from anyone else proves nothing \
            about the signatures: use --checkpoint for it.

            With --save-checkpoint FILE, writes the registrar's checkpoint just verified to FILE (whole or not \
            at all; an existing regular file is replaced, since moving it forward is its purpose, but a symbolic \
            link, FIFO or device never is) when the registry verifies: the file to pass to --since next time, to this command or \
            to `declaration export`. A checkpoint saved after an incremental verification is as good as one \
            saved after a full one, since every entry it covers was then checked in full once.

            From a URL (`declaration verify https://host/prefix`, or --registry URL): fetches the registry's \
            published site (C2SP tlog-tiles: checkpoint, registry.json, declaration/, entry bundles and tiles), \
            keeps a verified copy of it in the trust state (--state DIR, else $XDG_STATE_HOME/declaration, else \
            ~/.local/state/declaration) and checks it as a local registry is checked, and every published tile \
            against the entries. The next verification of the same origin fetches only what is new and proves \
            the new checkpoint consistent with the one verified before; a checkpoint that is smaller, of the \
            same size with another root, or not consistent is refused (exit 1) as evidence of a split view, \
            saved to a file under the state folder. With --log-key VKEY, a checkpoint not signed by that key is \
            refused; without it, the first verification trusts the key the header names, and says so. With \
            --checkpoint FILE, also proves the registry consistent with that checkpoint. --since applies to a \
            directory only: the trust state does it for a URL. Nothing is saved to the trust state unless \
            everything verifies. Rules, limits and the state's layout: docs/REMOTE.md.

            With --policy FILE (a c2sp.org/tlog-policy of log, witness, group and quorum lines), the \
            checkpoint must also be signed by a log the policy lists (when it lists any) and cosigned by a \
            quorum of its witnesses; otherwise it is refused (exit 1), naming the missing witnesses, and \
            nothing is saved. The witnesses that cosigned are shown, with their times. docs/WITNESSES.md.

            Exits 0 when the registry verifies, 1 when it does not, and 2 when an append was interrupted \
            and nothing proves the registry altered (run `declaration repair`); `declaration --help` lists \
            every exit code.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The registry: its directory, or the URL of its published site (https://host/prefix); the same as --registry.",
                                 valueName: "dir-or-url"))
    var location: String?

    @OptionGroup var source: RegistrySourceOption

    @Option(help: ArgumentHelp("A signed checkpoint saved earlier, which the ledger must still contain.", valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("A checkpoint saved after a full verification of your own: check only the entries added since.", valueName: "file"))
    var since: String?

    @Option(help: ArgumentHelp("When the registry verifies, write the checkpoint verified to this file, for a later --since.", valueName: "file"))
    var saveCheckpoint: String?

    @Option(help: "Output format.")
    var format: Format = .text

    @OptionGroup var progressOption: ProgressOption

    @Option(help: "The language of the verdict (default: the locale's, else en).")
    var lang: Language?

    /// The verdict's language: --lang, else the locale's.
    private var language: Language {
        InterfaceLanguage.resolve(lang, environment: ProcessInfo.processInfo.environment)
    }

    func validate() throws {
        if checkpoint != nil && since != nil {
            throw ValidationError("Use either --checkpoint or --since, not both: --since also proves the ledger still holds that checkpoint's entries.")
        }
    }

    func run() throws {
        do throws(CommandError) {
            let directory: String
            switch try source.source(positional: location) {
            case .url(let url):
                try verifyRemote(url)
                return
            case .directory(let path):
                directory = path
            }
            let policy = try source.policy.load()
            let verifier = RegistryVerifier(layout: RegistryLayout(directory: directory))
            let saved = try (since ?? checkpoint).map { path throws(CommandError) in (path: path, bytes: try StatementFile.readBytes(path)) }
            let report: VerificationReport
            do throws(RegistryError) {
                report = try progressOption.line.run("Verifying the registry \(directory)…") { () throws(RegistryError) in
                    try verifier.verify(savedCheckpoint: saved, trustingSavedCheckpoint: since != nil,
                                        keepingSignatoryDetails: false, policy: policy)
                }
            } catch {
                throw .registry(error)
            }
            try deliver(checkpointNote: report.checkpointNote,
                        text: { VerificationSummary.text(report, language: language) }, json: { VerificationSummary.json(report) })
        } catch {
            // In JSON, a verdict is also printed on standard output, for
            // programs reading it; other failures are not verdicts.
            // If that cannot be written either, the verdict on standard
            // error and the exit code still tell.
            if format == .json {
                switch error {
                case .registry(.verificationFailed(let verdict)), .remote(.registry(.verificationFailed(let verdict))):
                    try? Terminal.print(VerificationSummary.json(verdict))
                case .remote(.splitView(let evidence)):
                    try? Terminal.print(VerificationSummary.json(evidence))
                case .registry(.checkpointRefused(let refusal)), .remote(.registry(.checkpointRefused(let refusal))):
                    try? Terminal.print(WitnessSummary.json(refusal))
                default:
                    break
                }
            }
            // A verdict says so in the user's language; the failure itself
            // (file, line, entry, what was found) is the verifier's.
            switch error {
            case .registry(.verificationFailed(let verdict)), .remote(.registry(.verificationFailed(let verdict))):
                let report = error.report
                Terminal.standardError(TerminalStyle.label(Message.errorLabel.text(in: language)) + " "
                                       + Message.notVerified.text(in: language, ["reason": verdict.description]))
                throw ExitCode(report.code)
            default:
                throw error.reportOnStandardError()
            }
        }
    }

    /// Verifies from a URL, through the trust state.
    private func verifyRemote(_ url: String) throws(CommandError) {
        if since != nil {
            throw .usage("--since applies to a registry directory: for a URL, the trust state keeps the checkpoint last verified and the next verification is incremental")
        }
        let policy = try source.policy.load()
        let given = try checkpoint.map { path throws(CommandError) in (path: path, bytes: try StatementFile.readBytes(path)) }
        let report = try progressOption.line.run("Verifying \(url)…") { () throws(CommandError) in
            try RemoteSession.verify(url, options: source.remote, policy: policy, checkpoint: given,
                                     keepingSignatoryDetails: false)
        }
        try deliver(checkpointNote: report.verification.checkpointNote,
                    text: { VerificationSummary.text(report, language: language) }, json: { VerificationSummary.json(report) })
    }

    /// Saves the checkpoint verified when asked, then prints the verdict.
    /// The file is saved first, so that a verdict on standard output always
    /// comes with the file asked for.
    private func deliver(checkpointNote: [UInt8], text: () -> String, json: () -> String) throws(CommandError) {
        if let saveCheckpoint {
            try OutputFile.write(checkpointNote, to: saveCheckpoint, replacing: true)
        }
        let done = saveCheckpoint.map { "the registry verified and its checkpoint is saved to \($0)" }
            ?? "the registry verified"
        try Terminal.reporting(done) { () throws(CommandError) in
            switch format {
            case .text: try Terminal.print(text())
            case .json: try Terminal.print(json())
            }
        }
    }
}
