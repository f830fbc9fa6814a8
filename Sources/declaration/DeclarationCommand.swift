import ArgumentParser
import DeclarationRegistry

/// The `declaration` command: sign, keep and verify the registry of
/// signatories of the Subnational Open Government Declaration.
@main
struct DeclarationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declaration",
        abstract: "Sign, keep and verify the public registry of signatories of the Subnational Open Government Declaration.",
        discussion: ExitStatus.summary,
        subcommands: [
            DemoCommand.self,
            ShowCommand.self,
            KeygenCommand.self,
            InitCommand.self,
            SignCommand.self,
            WithdrawCommand.self,
            AppendCommand.self,
            VerifyCommand.self,
            ListCommand.self,
            ExportCommand.self,
            RepairCommand.self,
        ]
    )
}
