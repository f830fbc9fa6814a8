import Foundation

/// The manual page of `declaration` (docs/man/declaration.1), rendered in
/// man(7) from the command definitions as `declaration
/// --experimental-dump-help` describes them: every command, its options
/// and arguments, with the exit-code table once, in EXIT STATUS.
///
/// It is rendered here, not by swift-argument-parser's `generate-manual`
/// plugin, so that a test can render it on every run and compare it with
/// the committed page: the page cannot drift from the commands. Nothing in
/// it depends on the day it was made.
public enum ManualPage {
    /// The heading of the root command's exit-code table (`ExitStatus.table`).
    static let exitCodesHeading = "EXIT CODES"

    /// Renders the page from the JSON `--experimental-dump-help` prints.
    public static func render(dumpHelp: Data, version: String) throws -> String {
        let root = try JSONDecoder().decode(ToolInfo.self, from: dumpHelp).command
        var page = Page()
        page.line(".TH DECLARATION 1 \"\" \"declaration \(version)\" \"User Commands\"")
        page.section("NAME")
        page.line("declaration \\- " + escapeText(root.abstract))
        page.section("SYNOPSIS")
        page.line(".B declaration")
        page.text("<command> [<options>]")
        let (description, exitCodes) = split(root.discussion ?? "")
        page.section("DESCRIPTION")
        page.paragraphs(description)
        page.section("OPTIONS")
        page.options(root.arguments ?? [])
        page.section("COMMANDS")
        for command in root.visibleSubcommands {
            page.command(command, path: ["declaration"])
        }
        page.section("EXIT STATUS")
        page.exitCodes(exitCodes)
        page.section("SEE ALSO")
        page.text("openssl(1). The documentation in docs/ of the source distribution: README.md, docs/CLI.md, docs/FORMAT.md.")
        return page.text
    }

    /// The root discussion's paragraphs before the exit-code table, and
    /// the table's lines.
    private static func split(_ discussion: String) -> (String, [String]) {
        guard let range = discussion.range(of: exitCodesHeading + "\n") else { return (discussion, []) }
        let table = discussion[range.upperBound...].split(separator: "\n").map(String.init)
        return (String(discussion[..<range.lowerBound]), table)
    }

    struct ToolInfo: Decodable {
        var command: Command
    }

    struct Command: Decodable {
        var commandName: String
        var abstract: String
        var discussion: String?
        var shouldDisplay: Bool?
        var arguments: [Argument]?
        var subcommands: [Command]?

        var visibleSubcommands: [Command] {
            (subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
        }
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var names: [Name]?
        var valueName: String?
        var abstract: String?
        var discussion: String?
        var defaultValue: String?
        var allValues: [String]?
        var isOptional: Bool
        var isRepeating: Bool
        var shouldDisplay: Bool

        /// How the synopsis and the list show it: `--format <format>`, `-q, --quiet`.
        var label: String {
            let value = valueName.map { "\\fI<\($0)>\\fR" } ?? ""
            guard kind != "positional" else { return value + (isRepeating ? " ..." : "") }
            let spelled = (names ?? []).map { name in
                "\\fB" + (name.kind == "short" ? "\\-" : "\\-\\-") + escapeText(name.name) + "\\fR"
            }.joined(separator: ", ")
            return kind == "option" ? spelled + " " + value : spelled
        }
    }

    /// A man(7) document being written.
    struct Page {
        var text = ""

        mutating func line(_ line: String) {
            text += line + "\n"
        }

        mutating func section(_ name: String) {
            line(".SH " + name)
        }

        /// A line of running text: escaped, and kept from reading as a request.
        mutating func text(_ words: String) {
            let escaped = escapeText(words)
            line(escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped)
        }

        mutating func paragraphs(_ discussion: String) {
            let paragraphs = discussion.components(separatedBy: "\n\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            for (index, paragraph) in paragraphs.enumerated() {
                if index > 0 { line(".PP") }
                text(paragraph.replacingOccurrences(of: "\n", with: " "))
            }
        }

        mutating func options(_ arguments: [Argument]) {
            for argument in arguments where argument.shouldDisplay {
                line(".TP")
                line(argument.label)
                var help = argument.abstract ?? ""
                if let values = argument.allValues, !values.isEmpty {
                    help += " (values: " + values.joined(separator: ", ") + ")"
                }
                if let defaultValue = argument.defaultValue, !defaultValue.isEmpty {
                    help += " (default: " + defaultValue + ")"
                }
                text(help)
                if let discussion = argument.discussion, !discussion.isEmpty { text(discussion) }
            }
        }

        mutating func command(_ command: Command, path: [String]) {
            let path = path + [command.commandName]
            line(".SS " + path.joined(separator: " "))
            let positionals = (command.arguments ?? []).filter { $0.kind == "positional" && $0.shouldDisplay }
            let synopsis = ["\\fB" + path.joined(separator: " ") + "\\fR", "[<options>]"]
                + positionals.map { $0.isOptional ? "[" + $0.label + "]" : $0.label }
            line(synopsis.joined(separator: " "))
            line(".PP")
            text(command.abstract)
            if let discussion = command.discussion, !discussion.isEmpty {
                line(".PP")
                paragraphs(discussion)
            }
            if !(command.arguments ?? []).isEmpty {
                line(".PP")
                line("Options:")
                options(command.arguments ?? [])
            }
            for subcommand in command.visibleSubcommands {
                self.command(subcommand, path: path)
            }
        }

        /// The table's lines ("  64  the command line is wrong") as a list
        /// of codes.
        mutating func exitCodes(_ lines: [String]) {
            for entry in lines {
                let trimmed = entry.trimmingCharacters(in: .whitespaces)
                guard let space = trimmed.firstIndex(of: " ") else { continue }
                line(".TP")
                line("\\fB" + trimmed[..<space] + "\\fR")
                text(trimmed[space...].trimmingCharacters(in: .whitespaces))
            }
        }
    }

    /// Escapes what man(7) would read as an escape.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e")
    }

    /// Escapes running text, the hyphens of options included (so they are
    /// hyphens, not dashes, and a copied option works).
    static func escapeText(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "-", with: "\\-")
    }
}
