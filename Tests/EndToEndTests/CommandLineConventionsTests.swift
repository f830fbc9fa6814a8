import CryptoPrimitives
import DeclarationRegistry
import Foundation
import Testing
import TestSupport

/// The conventions of a command-line tool: --version, the exit-code table
/// once, completions, the manual page, progress and colour on standard
/// error (docs/CLI.md).
@Suite struct CommandLineConventionsTests {
    /// Every subcommand the root command lists, from its own description.
    static func subcommands() throws -> [String] {
        let dump = try DeclarationProcess.run(["--experimental-dump-help"])
        let json = try JSONSerialization.jsonObject(with: Data(dump.standardOutput.utf8)) as? [String: Any]
        let command = json?["command"] as? [String: Any]
        let names = (command?["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        return names.filter { $0 != "help" }
    }

    @Test func versionNamesTheToolTheLibraryAndOpenSSL() throws {
        let result = try DeclarationProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines == [
            "declaration \(LibraryVersion.current)",
            "DeclarationRegistry library \(LibraryVersion.current)",
            OpenSSLVersion.text,
        ])
        // The run-time libcrypto's own text, as `openssl version` prints it.
        #expect(OpenSSLVersion.text.hasPrefix("OpenSSL 3."))
        let parts = LibraryVersion.current.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil })
    }

    @Test func theExitCodeTableIsInTheRootHelpOnly() throws {
        let root = try DeclarationProcess.run(["--help"])
        #expect(root.status == 0)
        #expect(root.standardOutput.components(separatedBy: "EXIT CODES").count == 2)
        for code in ["0", "1", "2", "3", "64", "65", "66", "73", "74", "75", "77"] {
            #expect(root.standardOutput.contains("\n  \(code) "), "exit code \(code) missing from the root help")
        }
        let names = try Self.subcommands()
        #expect(names.count >= 15)
        for name in names {
            let help = try DeclarationProcess.run([name, "--help"])
            #expect(help.status == 0)
            #expect(!help.standardOutput.contains("EXIT CODES"), "`\(name) --help` repeats the exit-code table")
            #expect(!help.standardOutput.contains("77 a private key"), "`\(name) --help` repeats the exit codes")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptNamesEverySubcommand(shell: String) throws {
        let result = try DeclarationProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.standardOutput.count > 1000)
        for name in try Self.subcommands() {
            #expect(result.standardOutput.contains(name), "the \(shell) script does not complete `\(name)`")
        }
        #expect(result.standardOutput.contains("verify-proof"))
        // fish spells a long option `-l 'registry'`, the others `--registry`.
        #expect(result.standardOutput.contains(shell == "fish" ? "-l 'registry'" : "--registry"))
    }

    @Test func theCommittedManualPageIsRenderedFromTheCommands() throws {
        let dump = try DeclarationProcess.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let rendered = try ManualPage.render(dumpHelp: Data(dump.standardOutput.utf8), version: LibraryVersion.current)
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/man/declaration.1")
        if ProcessInfo.processInfo.environment["DECLARATION_WRITE_MANUAL"] == "1" {
            try Data(rendered.utf8).write(to: committed)
        }
        let page = try String(contentsOf: committed, encoding: .utf8)
        #expect(page == rendered, "docs/man/declaration.1 is out of date: run scripts/generate-manual.sh and commit it")
        // What a reader of the page needs, checked apart from the renderer.
        #expect(page.hasPrefix(".TH DECLARATION 1 "))
        #expect(page.components(separatedBy: ".SH EXIT STATUS").count == 2)
        #expect(page.contains(".TP\n\\fB77\\fR\n"))
        for name in try Self.subcommands() {
            #expect(page.contains(".SS declaration \(name)\n"), "the page lacks `\(name)`")
        }
        #expect(page.contains(".SS declaration witness serve\n"))
        #expect(page.contains("\\fB\\-\\-passphrase\\-file\\fR"))
    }
}

/// Progress and colour on standard error, through a pseudo-terminal made by
/// util-linux `script`, which records every byte written to it.
@Suite struct TerminalOutputTests {
    /// What one run under a pseudo-terminal wrote to it (standard error;
    /// standard output is redirected to a file, `standardOutput`).
    struct TerminalRun {
        var status: Int32
        var terminal: String
        var standardOutput: String
    }

    /// Runs the binary with standard error (and input) on a new terminal
    /// and standard output to a file.
    static func runOnTerminal(_ arguments: [String], in directory: TemporaryDirectory,
                              environment: [String: String] = [:]) throws -> TerminalRun {
        let quoted = ([DeclarationProcess.executableURL.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let record = directory.path("terminal.log")
        let output = directory.path("stdout.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["--quiet", "--return", "--log-out", record, "--command", "exec \(quoted) > '\(output)'"]
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "DECLARATION_REGISTRY")
        merged["TERM"] = "xterm-256color"
        merged["NO_COLOR"] = ""
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return TerminalRun(status: process.terminationStatus,
                           terminal: try String(contentsOfFile: record, encoding: .utf8),
                           standardOutput: try String(contentsOfFile: output, encoding: .utf8))
    }

    static func demoRegistry(in directory: TemporaryDirectory) throws -> String {
        let demo = try DeclarationProcess.run(["demo", "--out", directory.path("demo")])
        #expect(demo.status == 0, "\(demo.standardError)")
        return directory.path("demo/registry")
    }

    @Test func progressIsShownOnATerminalAndNeverOnStandardOutput() throws {
        let directory = try TemporaryDirectory()
        let registry = try Self.demoRegistry(in: directory)
        let run = try Self.runOnTerminal(["verify", registry], in: directory)
        #expect(run.status == 0)
        #expect(run.terminal.contains("Verifying the registry \(registry)…"))
        // Erased once done, so the terminal keeps only the report.
        #expect(run.terminal.contains("\r\u{1B}[2K"))
        #expect(!run.standardOutput.contains("Verifying"))
        #expect(!run.standardOutput.contains("\u{1B}"))
        #expect(!run.standardOutput.isEmpty)
    }

    @Test func quietAndAPipeShowNoProgress() throws {
        let directory = try TemporaryDirectory()
        let registry = try Self.demoRegistry(in: directory)
        let quiet = try Self.runOnTerminal(["verify", "--quiet", registry], in: directory)
        #expect(quiet.status == 0)
        #expect(!quiet.terminal.contains("Verifying"))
        let piped = try DeclarationProcess.run(["verify", registry])
        #expect(piped.status == 0)
        #expect(piped.standardError.isEmpty)
        #expect(piped.standardOutput == quiet.standardOutput)
    }

    @Test func aDumbTerminalGetsProgressAsPlainLines() throws {
        let directory = try TemporaryDirectory()
        let registry = try Self.demoRegistry(in: directory)
        let run = try Self.runOnTerminal(["verify", registry], in: directory, environment: ["TERM": "dumb"])
        #expect(run.status == 0)
        #expect(run.terminal.contains("Verifying the registry"))
        #expect(!run.terminal.contains("\u{1B}"))
    }

    @Test func errorsAreColouredOnlyOnATerminalWithoutNoColor() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path("nothing-here")
        let coloured = try Self.runOnTerminal(["verify", "--quiet", missing], in: directory)
        #expect(coloured.status == 66)
        #expect(coloured.terminal.contains("\u{1B}[1;31merror:\u{1B}[0m "))
        for environment in [["NO_COLOR": "1"], ["TERM": "dumb"]] {
            let plain = try Self.runOnTerminal(["verify", "--quiet", missing], in: directory, environment: environment)
            #expect(plain.status == 66)
            #expect(plain.terminal.contains("error: "))
            #expect(!plain.terminal.contains("\u{1B}"), "colour despite \(environment)")
        }
        let piped = try DeclarationProcess.run(["verify", missing])
        #expect(piped.status == 66)
        #expect(piped.standardError.hasPrefix("error: "))
    }
}
