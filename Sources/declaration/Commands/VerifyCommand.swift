import ArgumentParser
import DeclarationRegistry
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

            \(ExitStatus.summary)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var registryOption: RegistryOption

    @Option(help: ArgumentHelp("A signed checkpoint saved earlier, which the ledger must still contain.", valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("A checkpoint saved after a full verification of your own: check only the entries added since.", valueName: "file"))
    var since: String?

    @Option(help: ArgumentHelp("When the registry verifies, write the checkpoint verified to this file, for a later --since.", valueName: "file"))
    var saveCheckpoint: String?

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        if checkpoint != nil && since != nil {
            throw ValidationError("Use either --checkpoint or --since, not both: --since also proves the ledger still holds that checkpoint's entries.")
        }
    }

    func run() throws {
        let verifier = RegistryVerifier(layout: RegistryLayout(directory: registryOption.directory))
        do throws(CommandError) {
            let saved = try (since ?? checkpoint).map { path throws(CommandError) in (path: path, bytes: try StatementFile.readBytes(path)) }
            let report: VerificationReport
            do throws(RegistryError) {
                report = try verifier.verify(savedCheckpoint: saved, trustingSavedCheckpoint: since != nil,
                                             keepingSignatoryDetails: false)
            } catch {
                throw .registry(error)
            }
            // Saved before the verdict is printed, so that a verdict on
            // standard output always comes with the file asked for.
            if let saveCheckpoint {
                try OutputFile.write(report.checkpointNote, to: saveCheckpoint, replacing: true)
            }
            let done = saveCheckpoint.map { "the registry verified and its checkpoint is saved to \($0)" }
                ?? "the registry verified"
            try Terminal.reporting(done) { () throws(CommandError) in
                switch format {
                case .text: try Terminal.print(VerificationSummary.text(report))
                case .json: try Terminal.print(VerificationSummary.json(report))
                }
            }
        } catch {
            // In JSON, a verdict is also printed on standard output, for
            // programs reading it; other failures are not verdicts.
            // If that cannot be written either, the verdict on standard
            // error and the exit code still tell.
            if format == .json, case .registry(.verificationFailed(let verdict)) = error {
                try? Terminal.print(VerificationSummary.json(verdict))
            }
            throw error.reportOnStandardError()
        }
    }
}
