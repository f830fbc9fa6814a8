import ArgumentParser
import DeclarationRegistry
import Foundation
import LogClient
import RegistryStorage
import TransparencyLog

/// The options of a verification from a URL: where the trust state is,
/// the registrar's key to pin, and the client's timeout and retries.
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "With a URL: the trust state's folder.",
        discussion: "Defaults to $XDG_STATE_HOME/declaration, or ~/.local/state/declaration.",
        valueName: "dir"))
    var state: String?

    @Option(name: .customLong("log-key"), help: ArgumentHelp(
        "With a URL: the registrar's checkpoint key to pin (name+hash+base64, as verify and init print it).",
        valueName: "vkey"))
    var logKey: String?

    @Option(help: ArgumentHelp("With a URL: the most seconds a request may take (30 without any data).", valueName: "seconds"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("With a URL: how many times a request that failed for a transient reason (5xx, network, timeout) is repeated.",
                               valueName: "count"))
    var retries: Int = 3

    /// Whether any of these options was given, which makes sense with a URL only.
    var isAnyGiven: Bool {
        state != nil || logKey != nil || timeout != 120 || retries != 3
    }

    func validate() throws {
        if let logKey {
            do {
                _ = try NoteVerifierKey(parsing: logKey)
            } catch {
                throw ValidationError("--log-key: \(error)")
            }
        }
        guard timeout > 0, timeout <= 86_400 else {
            throw ValidationError("--timeout must be a number of seconds above 0, at most 86400; found \(timeout)")
        }
        guard (0...10).contains(retries) else {
            throw ValidationError("--retries must be from 0 to 10; found \(retries)")
        }
    }

    /// The pinned key, already checked by `validate`.
    var pinnedKey: NoteVerifierKey? {
        logKey.flatMap { try? NoteVerifierKey(parsing: $0) }
    }

    /// The client's limits: the idle timeout is 30 s, or the whole timeout when shorter.
    var configuration: HTTPClientConfiguration {
        let total = Duration.milliseconds(Int64(timeout * 1000))
        return HTTPClientConfiguration(idleTimeout: min(.seconds(30), total), totalTimeout: total, retries: retries)
    }

    /// The trust state's root: --state, else the XDG default.
    func stateRoot() throws(CommandError) -> String {
        if let state { return state }
        guard let root = TrustStateLayout.defaultRoot(environment: ProcessInfo.processInfo.environment) else {
            throw .usage("neither HOME nor XDG_STATE_HOME is set: say where to keep the trust state with --state DIR")
        }
        return root
    }
}

/// Where a command reads a registry: a directory, or the URL of its
/// published site.
enum RegistrySource {
    case directory(String)
    case url(String)

    /// A URL when `text` starts with `http://` or `https://`, else a directory.
    init(_ text: String) {
        let lowered = text.lowercased()
        self = lowered.hasPrefix("http://") || lowered.hasPrefix("https://") ? .url(text) : .directory(text)
    }
}

/// `--registry DIR-OR-URL` and the options of a URL, shared by the
/// commands that read a registry: verify, list, export.
struct RegistrySourceOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The registry: its directory, or the URL of its published site (https://host/prefix).",
        discussion: "Defaults to $DECLARATION_REGISTRY, or ./registry when that is not set.",
        valueName: "dir-or-url"))
    var registry: String?

    @OptionGroup var remote: RemoteOptions

    @OptionGroup var policy: PolicyOption

    /// The registry chosen by `positional`, the option, the environment or the default.
    func source(positional: String? = nil) throws(CommandError) -> RegistrySource {
        if positional != nil, registry != nil {
            throw .usage("name the registry once: as an argument or with --registry, not both")
        }
        let chosen = positional ?? registry ?? RegistryOption(registry: nil).directory
        let source = RegistrySource(chosen)
        if case .directory = source, remote.isAnyGiven {
            throw .usage("--state, --log-key, --timeout and --retries apply to a registry URL (https://…) only")
        }
        return source
    }
}

extension RegistryOption {
    init(registry: String?) {
        self.init()
        self.registry = registry
    }
}
