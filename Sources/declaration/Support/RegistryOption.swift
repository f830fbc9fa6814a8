import ArgumentParser
import DeclarationRegistry
import Foundation

/// `--registry DIR`, shared by every command that works on a registry.
struct RegistryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The registry directory.",
        discussion: "Defaults to $DECLARATION_REGISTRY, or ./registry when that is not set.",
        valueName: "dir"))
    var registry: String?

    func validate() throws {
        if case .url = RegistrySource(directory) {
            throw ValidationError("this command works on a registry directory; a registry's URL is read by verify, list, export and show --registry only")
        }
    }

    /// The registry directory chosen by option, environment or default.
    var directory: String {
        if let registry { return registry }
        if let fromEnvironment = ProcessInfo.processInfo.environment["DECLARATION_REGISTRY"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "registry"
    }
}
