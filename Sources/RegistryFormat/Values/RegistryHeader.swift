import CryptoPrimitives
import TransparencyLog

/// The registry's header, `registry.json`: which registry this is, which
/// declaration it records and which key signs its checkpoints. The first
/// ledger entry links to its hash, binding the whole chain to it.
public struct RegistryHeader: Sendable, Hashable {
    /// The format this header and its ledger follow.
    public static let format = "declaration-registry/v1"

    /// The registry's unique origin name.
    public var origin: String
    /// The declaration's id, from its manifest.
    public var declarationID: String
    /// The declaration's version, from its manifest.
    public var declarationVersion: String
    /// The digest of the whole declaration every statement must sign.
    public var declarationDigest: SHA256Digest
    /// The registrar's key, which signs checkpoints.
    public var registrarKey: Ed25519PublicKey

    /// Creates a header.
    public init(origin: String, declarationID: String, declarationVersion: String,
                declarationDigest: SHA256Digest, registrarKey: Ed25519PublicKey) {
        self.origin = origin
        self.declarationID = declarationID
        self.declarationVersion = declarationVersion
        self.declarationDigest = declarationDigest
        self.registrarKey = registrarKey
    }

    /// The header as JSON.
    public var json: JSONValue {
        .object([
            "format": .string(Self.format),
            "origin": .string(origin),
            "declaration": .object([
                "id": .string(declarationID),
                "version": .string(declarationVersion),
                "digest": .string(declarationDigest.hex),
            ]),
            "registrar_key": .string(Base64.encode(registrarKey.rawRepresentation)),
        ])
    }

    /// The header's canonical JSON, without a line feed: what is hashed.
    public var canonicalBytes: [UInt8] { CanonicalJSON.encode(json) }

    /// The header file's bytes: its canonical JSON and a line feed.
    public var fileBytes: [UInt8] { canonicalBytes + [0x0A] }

    /// SHA-256 of the canonical header: the `previous` of entry 1.
    public var hash: SHA256Digest { SHA256.hash(canonicalBytes) }

    /// The C2SP verifier key for the registry's checkpoints: the key is
    /// named after the origin.
    public func checkpointVerifierKey() throws(TransparencyError) -> NoteVerifierKey {
        try NoteVerifierKey(name: origin, publicKey: registrarKey)
    }

    /// The C2SP verifier key as text (`name+hash+key`), for people to
    /// publish and compare; empty if the origin cannot name a key.
    public var checkpointVerifierKeyText: String {
        (try? checkpointVerifierKey())?.string ?? ""
    }

    /// Reads a header from its JSON, checking every field.
    public init(json: JSONValue) throws(FieldError) {
        var reader = try JSONObjectReader(json, path: "")
        let format = try reader.string("format")
        guard format == Self.format else {
            throw FieldError(field: "format", problem: .mismatch(expected: Self.format, found: format))
        }
        let origin = try reader.string("origin")
        try RegistryOrigin.check(origin)
        var declaration = try reader.object("declaration")
        let id = try declaration.string("id")
        let version = try declaration.string("version")
        let digestText = try declaration.string("digest")
        guard let digest = SHA256Digest(hex: digestText), digest.hex == digestText else {
            throw FieldError(field: "declaration.digest",
                             problem: .malformed(expected: "64 lowercase hexadecimal digits", found: Statement.quoted(digestText)))
        }
        try declaration.finish()
        let keyText = try reader.string("registrar_key")
        guard let raw = Base64.decode(keyText), raw.count == 32,
              let key = try? Ed25519PublicKey(rawRepresentation: raw) else {
            throw FieldError(field: "registrar_key",
                             problem: .malformed(expected: "the base64 of a valid 32-byte Ed25519 public key", found: Statement.quoted(keyText)))
        }
        try reader.finish()
        self.init(origin: origin, declarationID: id, declarationVersion: version,
                  declarationDigest: digest, registrarKey: key)
    }
}
