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
        let loaded = try declaration.map { path throws(DeclarationError) in
            try Declaration.load(from: URL(fileURLWithPath: path))
        } ?? Declaration.embedded
        print(loaded.rendered(in: lang), terminator: "")
    }
}
