import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// A registry that grows by batches of made-up signatories, appended
/// through the library hundreds at a time: how the publishing tests reach
/// the sizes where tiles fill up (256, 512, …) in well under a second. The
/// same seed gives the same keys, statements and so the same bytes.
public struct GrowingRegistry: Sendable {
    /// The registry directory.
    public private(set) var directory: String
    /// The registry's origin.
    public let origin: String
    /// The registrar's key.
    public let registrarKey: Ed25519PrivateKey
    /// The entries appended so far.
    public private(set) var size = 0
    private var random: SeededGenerator
    private let declaration: Declaration

    /// 2017-01-01T00:00:00Z: every batch is appended a minute after the one before.
    static let epoch = Date(timeIntervalSince1970: 1_483_228_800)

    /// Creates an empty registry in `directory`, which must not exist.
    public init(in directory: String, origin: String = "publish.declaration-registry.example/tests",
                seed: UInt64 = 11) throws {
        var random = SeededGenerator(seed: seed)
        self.directory = directory
        self.origin = origin
        self.registrarKey = try Ed25519PrivateKey(seed: random.bytes(32))
        self.declaration = try Declaration.embedded
        self.random = random
        try Registry.create(directory: directory, origin: origin, declaration: declaration, registrarKey: registrarKey)
    }

    /// The next `count` signatures, each by a fresh key, not yet appended.
    public mutating func statements(_ count: Int) throws -> [Statement] {
        try (0..<count).map { offset in
            let number = size + offset + 1
            let signatory = Signatory(kind: .government, name: "Town \(number)", jurisdiction: try Jurisdiction(code: "FR"),
                                      representative: "Office of the Mayor", title: "Mayor")
            return try Statement.signed(.signature(language: .en, signatory: signatory), registry: origin,
                                        declarationDigest: declaration.digest, signedAt: "2016-12-09T10:00:00Z",
                                        key: try Ed25519PrivateKey(seed: random.bytes(32)))
        }
    }

    /// Appends `count` new signatures, in batches of at most 1,000.
    public mutating func grow(by count: Int) throws {
        var remaining = count
        while remaining > 0 {
            let batch = min(remaining, 1_000)
            let statements = try statements(batch)
            let now = Self.epoch.addingTimeInterval(Double(size) * 60)
            _ = try Registry(directory: directory).append(
                statements.enumerated().map { .init($1, source: "statement \(size + $0 + 1)") },
                registrarKey: registrarKey, now: now)
            size += batch
            remaining -= batch
        }
    }

    /// Grows the registry to `target` entries.
    public mutating func grow(to target: Int) throws {
        try grow(by: target - size)
    }

    /// A copy of the registry in `directory` (which must not exist), with
    /// the same registrar, whose later statements come from `seed`: how a
    /// test makes a second history of the same registry.
    public func copy(to directory: String, seed: UInt64) throws -> GrowingRegistry {
        try FileManager.default.copyItem(atPath: self.directory, toPath: directory)
        var copy = self
        copy.directoryCopy(directory, seed: seed)
        return copy
    }

    private mutating func directoryCopy(_ directory: String, seed: UInt64) {
        self.directory = directory
        self.random = SeededGenerator(seed: seed)
    }

    /// Writes the next `count` signatures to statement files in `folder`,
    /// for `declaration append`, and counts them as appended: the caller
    /// appends them.
    public mutating func statementFiles(_ count: Int, in folder: String) throws -> [String] {
        let first = size + 1
        let files = try statements(count).enumerated().map { offset, statement in
            let path = folder + "/statement-\(first + offset).json"
            try Data(CanonicalJSON.encode(statement.json)).write(to: URL(fileURLWithPath: path))
            return path
        }
        size += count
        return files
    }

    /// Writes the registrar's key to a key file, as `declaration keygen` does.
    public func writeRegistrarKey(to path: String) throws {
        _ = try KeyFile.write(registrarKey, to: path)
    }
}
