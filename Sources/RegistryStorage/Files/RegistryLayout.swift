/// Where the registry's files are inside its directory.
public struct RegistryLayout: Sendable, Hashable {
    /// The registry directory.
    public var directory: String

    /// The layout of the registry in `directory`.
    public init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
    }

    /// File names inside the registry directory.
    public enum Name {
        /// The header.
        public static let header = "registry.json"
        /// The ledger of entries, one canonical JSON object per line.
        public static let ledger = "ledger.jsonl"
        /// The latest signed checkpoint (a C2SP signed note).
        public static let checkpoint = "checkpoint"
        /// The folder with the exact declaration files the registry binds to.
        public static let declaration = "declaration"
        /// The lock file appends and readers coordinate on.
        public static let lock = ".lock"
    }

    /// The path of `name` in the registry directory.
    public func path(_ name: String) -> String {
        directory + "/" + name
    }

    /// The header's path.
    public var header: String { path(Name.header) }
    /// The ledger's path.
    public var ledger: String { path(Name.ledger) }
    /// The checkpoint's path.
    public var checkpoint: String { path(Name.checkpoint) }
    /// The declaration folder's path.
    public var declaration: String { path(Name.declaration) }
    /// The lock file's path.
    public var lock: String { path(Name.lock) }
}
