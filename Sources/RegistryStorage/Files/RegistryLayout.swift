/// Where the registry's files are inside its directory: every name the
/// registry gives a file or folder on disk is built here, and nowhere else.
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
        /// The registry's witness policy (c2sp.org/tlog-policy), when it has
        /// one: the witnesses every new checkpoint is submitted to, and the
        /// quorum a checkpoint needs before it is published.
        public static let witnessPolicy = "witnesses.policy"
        /// The folder of derived state an append works from
        /// (`RegistryState`); deleting it is always safe.
        static let state = "state"
        /// In `state/`: the state's summary, replaced last by every change.
        static let stateTip = "tip"
        /// In `state/`: the sorted file of every key seen.
        static let signatoriesByKey = "signatories-by-key"
        /// In `state/`: the sorted file of active signatories by identity.
        static let signatoriesByIdentity = "signatories-by-identity"
        /// In `state/`: the index's change log since the last merge.
        static let signatoryChanges = "signatory-changes"
        /// In `state/`: the tree size each witness last cosigned, as far as
        /// the registry knows.
        static let witnessSizes = "witness-sizes"
        /// In `state/`: the tree's frontier at the sizes witnesses hold.
        static let witnessFrontiers = "witness-frontiers"
        /// What marks a temporary file (`temporaryPath(for:)`).
        package static let temporaryMarker = ".tmp-"
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
    /// The witness policy's path.
    public var witnessPolicy: String { path(Name.witnessPolicy) }

    /// The path of the declaration file `name` in the declaration folder.
    package func declarationFile(_ name: String) -> String { declaration + "/" + name }

    // MARK: - Derived state

    /// The derived state's folder.
    package var state: String { path(Name.state) }
    /// The derived state's tip.
    package var stateTip: String { state + "/" + Name.stateTip }
    /// The signatory index's sorted file by key.
    package var signatoriesByKey: String { state + "/" + Name.signatoriesByKey }
    /// The signatory index's sorted file by identity.
    package var signatoriesByIdentity: String { state + "/" + Name.signatoriesByIdentity }
    /// The signatory index's change log.
    package var signatoryChanges: String { state + "/" + Name.signatoryChanges }
    /// The sizes the witnesses last cosigned.
    package var witnessSizes: String { state + "/" + Name.witnessSizes }
    /// The tree's frontiers at the sizes the witnesses hold.
    package var witnessFrontiers: String { state + "/" + Name.witnessFrontiers }

    // MARK: - Files of the registrar's operations

    /// Where `create` assembles the registry before renaming it into place:
    /// a sibling of the directory named for this process, so concurrent
    /// creations do not collide.
    package var creationStaging: RegistryLayout {
        RegistryLayout(directory: directory + ".creating-\(FileSystem.processID)")
    }

    /// Where a repair saves the bytes it removes from the ledger, named for
    /// the time of the repair (`timestamp`, RFC 3339, its colons dropped so
    /// the name is portable) and this process.
    package func ledgerBackup(removedAt timestamp: String) -> String {
        let stamp = timestamp.replacing(":", with: "")
        return path("ledger.removed-\(stamp)-\(FileSystem.processID).jsonl")
    }

    /// The folders where a killed writer can leave temporary files.
    package var foldersWithTemporaryFiles: [String] { [directory, state] }

    /// The temporary file an atomic replacement of `path` writes first,
    /// beside it and named for this process.
    package static func temporaryPath(for path: String) -> String {
        path + Name.temporaryMarker + "\(FileSystem.processID)"
    }

    /// Whether `name`, a name in one of `foldersWithTemporaryFiles`, is a
    /// temporary file of `temporaryPath(for:)`.
    package static func isTemporaryFile(named name: String) -> Bool {
        name.contains(Name.temporaryMarker)
    }
}
