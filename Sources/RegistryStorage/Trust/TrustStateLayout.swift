import CryptoPrimitives

/// Where the trust state of registries verified from a URL lives: every
/// name it gives a file or folder on disk is built here, and nowhere else.
///
/// ```
/// <root>/registries/<origin>/           one per origin, a registry directory:
///     registry.json, declaration/,      the verified copy of the registry, which
///     ledger.jsonl, checkpoint          `declaration verify --registry` also reads
///     trusted-checkpoint                the last checkpoint verified: the commit point
/// <root>/registries/.staging-…          a first verification being built (removed)
/// <root>/evidence/<origin>-<time>-<pid>.txt   two checkpoints that prove a split view
/// ```
///
/// The root is `--state DIR`, else `$XDG_STATE_HOME/declaration`, else
/// `~/.local/state/declaration` (`defaultRoot(environment:)`).
public struct TrustStateLayout: Sendable, Hashable {
    /// The state's root folder.
    public var root: String

    /// The layout under `root`.
    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    /// `$XDG_STATE_HOME/declaration` when that is an absolute path (the XDG
    /// Base Directory specification says to ignore a relative one), else
    /// `$HOME/.local/state/declaration`; nil when neither is set.
    public static func defaultRoot(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/declaration"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.local/state/declaration"
        }
        return nil
    }

    /// The folder holding one folder per origin.
    package var registries: String { root + "/registries" }
    /// The folder of evidence files.
    package var evidence: String { root + "/evidence" }

    /// The verified copy of the registry of `origin`: a registry directory.
    public func mirror(origin: String) -> RegistryLayout {
        RegistryLayout(directory: registries + "/" + Self.folderName(origin: origin))
    }

    /// The last checkpoint verified for the registry whose copy is `mirror`.
    package static func trustedCheckpoint(in mirror: RegistryLayout) -> String {
        mirror.path("trusted-checkpoint")
    }

    /// The template of a folder a first verification builds the copy in
    /// (for `FileSystem.makeUniqueDirectory`).
    package var stagingTemplate: String { registries + "/" + Self.stagingPrefix + "XXXXXX" }

    /// Whether `name`, in `registries`, is a staging folder left by a run
    /// that did not finish.
    package static func isStaging(_ name: String) -> Bool { name.hasPrefix(stagingPrefix) }

    private static let stagingPrefix = ".staging-"

    /// The evidence file for `origin`, named for the time `stamp` (RFC
    /// 3339, colons dropped so the name is portable) and this process.
    package func evidenceFile(origin: String, stamp: String) -> String {
        evidence + "/" + Self.folderName(origin: origin) + "-" + stamp.replacing(":", with: "")
            + "-\(FileSystem.processID).txt"
    }

    /// The origin as one file name: every byte but ASCII letters, digits,
    /// `-`, `_` and `.` (and a leading `.`) written `%XX`, so that two
    /// origins never share a folder and none is hidden or `..`; an origin
    /// whose name would pass 255 bytes is named by its SHA-256 instead.
    package static func folderName(origin: String) -> String {
        var name = ""
        for (position, byte) in origin.utf8.enumerated() {
            let plain = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || (byte == UInt8(ascii: ".") && position > 0)
            if plain {
                name.append(Character(Unicode.Scalar(byte)))
            } else {
                name += "%" + Hex.encode([byte]).uppercased()
            }
        }
        guard !name.isEmpty, name.utf8.count <= 200 else {
            return "sha256-" + SHA256.hash(Array(origin.utf8)).hex
        }
        return name
    }
}
