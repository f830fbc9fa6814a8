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
        abstract: "Print the declaration in one language, with its adoption details and digests.",
        discussion: """
            Prints the built-in declaration, a declaration directory (--declaration), or the copy a \
            registry holds (--registry), which is what `sign --registry` signs.
            """
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

    @Option(
        help: ArgumentHelp(
            "A registry whose own copy of the declaration to print: the text its signatories sign.",
            valueName: "dir"
        )
    )
    var registry: String?

    func validate() throws {
        if declaration != nil && registry != nil {
            throw ValidationError("Use either --declaration DIR or --registry DIR, not both.")
        }
    }

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let loaded: Declaration
            if let registry {
                // Checked against the header and the declarations the tool
                // knows, as `sign --registry` does before showing it.
                do throws(RegistryError) {
                    loaded = try Registry(directory: registry).declaration()
                } catch {
                    throw .registry(error)
                }
            } else {
                do throws(DeclarationError) {
                    if let declaration {
                        loaded = try Declaration.load(from: URL(fileURLWithPath: declaration))
                    } else {
                        loaded = try Declaration.embedded
                    }
                } catch {
                    throw .declaration(error)
                }
            }
            try Terminal.write(Array(loaded.rendered(in: lang).utf8))
        }
    }
}
