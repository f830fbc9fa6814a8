import ArgumentParser
import DeclarationRegistry
import Glibc

/// The `declaration` command: sign, keep and verify the registry of
/// signatories of the Subnational Open Government Declaration.
@main
struct DeclarationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declaration",
        abstract: "Sign, keep and verify the public registry of signatories of the Subnational Open Government Declaration.",
        discussion: """
            Progress of long work (an append of many statements, a verification, a publish) is shown on \
            standard error when it is a terminal, never on standard output; --quiet silences it. Colour is \
            used only on a terminal, and never when NO_COLOR is set or TERM is dumb. docs/CLI.md.

            \(ExitStatus.table)
            """,
        version: ToolVersion.text,
        subcommands: [
            DemoCommand.self,
            ShowCommand.self,
            KeygenCommand.self,
            InitCommand.self,
            SignCommand.self,
            WithdrawCommand.self,
            AppendCommand.self,
            VerifyCommand.self,
            MonitorCommand.self,
            ProofCommand.self,
            VerifyProofCommand.self,
            ListCommand.self,
            ExportCommand.self,
            RepairCommand.self,
            PublishCommand.self,
            WitnessCommand.self,
        ]
    )

    /// Sets the process-wide signal handling, which is the program's to
    /// decide and not the library's, then runs the command.
    static func main() {
        // An append past `ulimit -f` must fail with EFBIG, which the
        // library reports (and after which it takes the partial line
        // back), rather than have SIGXFSZ end the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        // Writing to a closed pipe (`declaration list | head -1`) must fail
        // with EPIPE, which the commands report with exit code 74 (saying
        // what was already done), rather than end the process silently,
        // perhaps after an append has recorded its entries.
        signal(SIGPIPE, SIG_IGN)
        // The root command takes no argument of its own: a first argument
        // that is not an option must name a subcommand ("help" is the
        // parser's own).
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = CommandLine.arguments.dropFirst().first,
           let message = CommandSuggestion.unknownCommandMessage(first, names: names) {
            Terminal.standardError(TerminalStyle.errorLabel + " " + message)
            exit(withError: ExitCode(ExitStatus.usage))
        }
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            // What the parser ends with successfully (help) it would print
            // with `print`, whose failure is lost: a help screen sent to a
            // full disk or a closed pipe exited 0. It goes through the
            // terminal instead, so that failure is exit 74 like any other.
            guard exitCode(for: error) == .success else { exit(withError: error) }
            let message = fullMessage(for: error)
            do throws(CommandError) {
                if !message.isEmpty { try Terminal.print(message) }
            } catch {
                exit(withError: error.reportOnStandardError())
            }
            exit()
        }
    }
}
