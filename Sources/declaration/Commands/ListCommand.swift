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

            With --registry URL, verifies the registry from its published site first, as \
            `declaration verify URL` does (through the trust state), and lists what verified.
            """)

    @OptionGroup var source: RegistrySourceOption

    @Option(help: "Only signatories of this kind.")
    var kind: SignatoryKind?

    @Flag(help: "The whole history, withdrawals included.")
    var all = false

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let lines: [String]
            let layout: RegistryLayout
            let policy = try source.policy.load()
            switch try source.source() {
            case .url(let url):
                let report = try RemoteSession.verify(url, options: source.remote, policy: policy, collectingHistory: all).verification
                lines = all ? SignatoryList.historyLines(report.history, kind: kind) : SignatoryList.lines(report.roll.signatories, kind: kind)
                try Terminal.write(Array(lines.map { $0 + "\n" }.joined().utf8))
                return
            case .directory(let directory):
                layout = RegistryLayout(directory: directory)
            }
            do throws(RegistryError) {
                if all {
                    let report = try RegistryVerifier(layout: layout).verify(collectingHistory: true, policy: policy)
                    lines = SignatoryList.historyLines(report.history, kind: kind)
                } else {
                    let report = try RegistryVerifier(layout: layout).verify(policy: policy)
                    lines = SignatoryList.lines(report.roll.signatories, kind: kind)
                }
            } catch {
                throw .registry(error)
            }
            // One write, so a long list is not a system call per line.
            try Terminal.write(Array(lines.map { $0 + "\n" }.joined().utf8))
        }
    }
}

extension SignatoryKind: ExpressibleByArgument {}
