import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// A registry of many made-up signatories, built deterministically from a
/// seed: the same seed gives the same keys, statements, times and so the
/// same bytes. Every seventh append withdraws the oldest active signatory,
/// and every nineteenth signs again with a key whose signature was withdrawn.
public struct SyntheticRegistry: Sendable {
    /// The registry directory.
    public var directory: String
    /// The registry's origin.
    public var origin: String
    /// The registrar's key.
    public var registrarKey: Ed25519PrivateKey
    /// The bytes of the checkpoint signed after each append, by tree size
    /// (index 0 is the checkpoint of the empty registry).
    public var checkpoints: [[UInt8]]
    /// Every statement appended, in order.
    public var statements: [Statement]

    /// Jurisdictions the made-up signatories come from.
    static let jurisdictions = ["FR", "US-TX", "MX-JAL", "BR-SP", "KE-05", "GB-SCT", "ES-MD", "CA-ON", "DE", "JP-13"]

    /// Builds a registry of `entries` entries in `directory` (which must not
    /// exist), appending one statement at a time with fixed times.
    public static func build(in directory: String, entries: Int, seed: UInt64,
                             origin: String = "tamper.declaration-registry.example/matrix") throws -> SyntheticRegistry {
        var random = SeededGenerator(seed: seed)
        let declaration = try Declaration.embedded
        let registrarKey = try Ed25519PrivateKey(seed: random.bytes(32))
        try Registry.create(directory: directory, origin: origin, declaration: declaration, registrarKey: registrarKey)
        let registry = Registry(directory: directory)
        let checkpointPath = registry.layout.checkpoint
        var checkpoints = [try Self.read(checkpointPath)]
        var statements: [Statement] = []
        var active: [(key: Ed25519PrivateKey, signatory: Signatory, language: Language)] = []
        var withdrawn: [(key: Ed25519PrivateKey, signatory: Signatory, language: Language)] = []
        let start = Date(timeIntervalSince1970: 1_481_277_600) // 2016-12-09T10:00:00Z
        let languages: [Language] = [.en, .fr, .es]

        for index in 1...max(entries, 1) {
            let now = start.addingTimeInterval(Double(index) * 60)
            let signedAt = Timestamp.string(from: now.addingTimeInterval(-30))
            let statement: Statement
            if index % 7 == 0, !active.isEmpty {
                let leaving = active.removeFirst()
                statement = try Statement.signed(.withdrawal(reason: "Withdrawn in test \(index)"), registry: origin,
                                                 declarationDigest: declaration.digest, signedAt: signedAt, key: leaving.key)
                withdrawn.append(leaving)
            } else if index % 19 == 0, !withdrawn.isEmpty {
                let returning = withdrawn.removeFirst()
                statement = try Statement.signed(.signature(language: returning.language, signatory: returning.signatory),
                                                 registry: origin, declarationDigest: declaration.digest,
                                                 signedAt: signedAt, key: returning.key)
                active.append(returning)
            } else {
                let key = try Ed25519PrivateKey(seed: random.bytes(32))
                let kind: SignatoryKind = index % 3 == 0 ? .civilSociety : .government
                let jurisdiction = try Jurisdiction(code: jurisdictions[index % jurisdictions.count])
                let signatory = Signatory(kind: kind, name: "Signatory \(index)", jurisdiction: jurisdiction,
                                          representative: "Office of the Representative \(index)", title: "Mayor",
                                          website: index % 5 == 0 ? "https://signatory-\(index).example" : nil)
                let language = languages[index % languages.count]
                statement = try Statement.signed(.signature(language: language, signatory: signatory), registry: origin,
                                                 declarationDigest: declaration.digest, signedAt: signedAt, key: key)
                active.append((key, signatory, language))
            }
            _ = try registry.append([.init(statement, source: "statement \(index)")], registrarKey: registrarKey, now: now)
            statements.append(statement)
            checkpoints.append(try Self.read(checkpointPath))
        }
        return SyntheticRegistry(directory: registry.layout.directory, origin: origin, registrarKey: registrarKey,
                                 checkpoints: checkpoints, statements: statements)
    }

    /// Appends `count` signatures of signatories no other registry of this
    /// seed has, each in its own append, with keys drawn from `seed`: how a
    /// test forks a registry (two histories under one registrar key).
    public mutating func appendOthers(_ count: Int, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let declaration = try Declaration.embedded
        let registry = Registry(directory: directory)
        let start = Date(timeIntervalSince1970: 1_481_277_600 + Double(statements.count + 1) * 60)
        for index in 0..<count {
            let now = start.addingTimeInterval(Double(index) * 60)
            let signatory = Signatory(kind: .government, name: "Other \(seed)-\(index)", jurisdiction: try Jurisdiction(code: "FR"),
                                      representative: "Office of the Mayor", title: "Mayor", website: nil)
            let statement = try Statement.signed(.signature(language: .en, signatory: signatory), registry: origin,
                                                 declarationDigest: declaration.digest,
                                                 signedAt: Timestamp.string(from: now.addingTimeInterval(-30)),
                                                 key: try Ed25519PrivateKey(seed: random.bytes(32)))
            _ = try registry.append([.init(statement, source: "other \(index)")], registrarKey: registrarKey, now: now)
            statements.append(statement)
            checkpoints.append(try Self.read(registry.layout.checkpoint))
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
