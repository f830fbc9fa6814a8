import ArgumentParser
import DeclarationRegistry
import RegistryFormat
import RegistryStorage

/// `declaration list`: the signatories of a verified registry.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the active signatories, one per line, after verifying the registry.",
        discussion: """
            With --all, lists the whole history instead: every signature and withdrawal, in ledger order.

            \(ExitStatus.summary)
            """)

    @OptionGroup var registryOption: RegistryOption

    @Option(help: "Only signatories of this kind.")
    var kind: SignatoryKind?

    @Flag(help: "The whole history, withdrawals included.")
    var all = false

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let layout = RegistryLayout(directory: registryOption.directory)
            do throws(RegistryError) {
                if all {
                    let report = try RegistryVerifier(layout: layout).verify(collectingHistory: true)
                    for line in SignatoryList.historyLines(report.history, kind: kind) { Terminal.print(line) }
                } else {
                    let report = try RegistryVerifier(layout: layout).verify()
                    for line in SignatoryList.lines(report.roll.signatories, kind: kind) { Terminal.print(line) }
                }
            } catch {
                throw .registry(error)
            }
        }
    }
}

extension SignatoryKind: ExpressibleByArgument {}
