import ArgumentParser
import DeclarationRegistry
import Foundation
import RegistryFormat

// Parsed from its code; an unknown code is rejected with the list of valid ones.
extension Language: ExpressibleByArgument {}

/// `declaration show`: prints the declaration in one language with its digests.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the declaration in one language, with its adoption details and digests."
    )

    @Option(help: "The language to print: \(Language.allCases.map(\.rawValue).joined(separator: ", ")).")
    var lang: Language = .en

    @Option(
        help: ArgumentHelp(
            "A declaration directory to read instead of the built-in declaration.",
            valueName: "directory"
        )
    )
    var declaration: String?

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let loaded: Declaration
            do throws(DeclarationError) {
                if let declaration {
                    loaded = try Declaration.load(from: URL(fileURLWithPath: declaration))
                } else {
                    loaded = try Declaration.embedded
                }
            } catch {
                throw .declaration(error)
            }
            try Terminal.write(Array(loaded.rendered(in: lang).utf8))
        }
    }
}
