import ArgumentParser
import DeclarationRegistry

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

            \(ExitStatus.summary)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var registryOption: RegistryOption

    @Option(help: ArgumentHelp("A signed checkpoint saved earlier, which the ledger must still contain.", valueName: "file"))
    var checkpoint: String?

    @Option(help: "Output format.")
    var format: Format = .text

    func run() throws {
        let verifier = RegistryVerifier(layout: RegistryLayout(directory: registryOption.directory))
        do {
            let saved = try checkpoint.map { path in (path: path, bytes: try StatementFile.readBytes(path)) }
            let report = try verifier.verify(savedCheckpoint: saved)
            switch format {
            case .text: Terminal.print(VerificationSummary.text(report))
            case .json: Terminal.print(VerificationSummary.json(report))
            }
        } catch {
            let failure = CommandFailure(error)
            switch (format, error) {
            case (.json, let verdict as VerificationFailure):
                Terminal.print(VerificationSummary.json(verdict))
            default:
                break
            }
            Terminal.standardError("error: " + failure.message)
            throw ExitCode(failure.code)
        }
    }
}
