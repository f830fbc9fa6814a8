import ArgumentParser
import DeclarationRegistry

/// `declaration repair`: removes what an interrupted append left behind.
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Remove an interrupted append's leftovers from the end of the ledger, keeping a backup.",
        discussion: """
            An append interrupted by a crash or a full disk can leave an incomplete last line, or entries \
            the registrar's checkpoint does not cover; they were never reported recorded. This command \
            saves them in ledger.removed-TIME-PID.jsonl inside the registry and cuts the ledger back to \
            what the checkpoint covers. It never removes an entry the checkpoint covers. The next append \
            does the same on its own. It also rebuilds the registry's derived state (state/), which lets \
            appends check the rules without re-reading the ledger, when it is missing or stale.
            """)

    @OptionGroup var registryOption: RegistryOption

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let repaired: Registry.RepairResult?
            do throws(RegistryError) {
                repaired = try Registry(directory: registryOption.directory).repair()
            } catch {
                throw .registry(error)
            }
            if let result = repaired {
                Report.repaired(result)
            } else {
                try Terminal.print("Nothing to repair: the ledger ends exactly where the checkpoint does.")
            }
        }
    }
}
