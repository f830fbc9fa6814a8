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
            registry holds (--registry), which is what `sign --registry` signs. With --registry URL, the \
            registry is verified from its published site first, as `declaration verify URL` does (through \
            the trust state), and its verified copy of the declaration is printed.
            """
    )

    @Option(help: "The language to print: \(Language.allCases.map(\.rawValue).joined(separator: ", ")) (default: the locale's, else en).")
    var lang: Language?

    @Option(
        help: ArgumentHelp(
            "A declaration directory to read instead of the built-in declaration.",
            valueName: "directory"
        )
    )
    var declaration: String?

    @Option(
        help: ArgumentHelp(
            "A registry whose own copy of the declaration to print: the text its signatories sign; its directory, or the URL of its published site.",
            valueName: "dir-or-url"
        )
    )
    var registry: String?

    @OptionGroup var remote: RemoteOptions

    @OptionGroup var policy: PolicyOption

    func validate() throws {
        if declaration != nil && registry != nil {
            throw ValidationError("Use either --declaration DIR or --registry DIR, not both.")
        }
        let isURL: Bool
        if let registry, case .url = RegistrySource(registry) { isURL = true } else { isURL = false }
        if (remote.isAnyGiven || policy.path != nil) && !isURL {
            throw ValidationError("--state, --log-key, --timeout, --retries and --policy apply to --registry URL (https://…) only")
        }
    }

    func run() throws {
        let language = InterfaceLanguage.resolve(lang, environment: ProcessInfo.processInfo.environment)
        try runReportingFailures(in: language) { () throws(CommandError) in
            let loaded: Declaration
            if let registry, case .url(let url) = RegistrySource(registry) {
                loaded = try RemoteSession.verify(url, options: remote, policy: try policy.load(),
                                                  keepingSignatoryDetails: false).verification.declaration
            } else if let registry {
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
            try Terminal.write(Array(loaded.rendered(in: language).utf8))
        }
    }
}
