import CryptoPrimitives

/// A witness's Ed25519 cosigner key (c2sp.org/tlog-cosignature), written
/// as a verifier key `name+keyhash+base64(0x04 ‖ key)`.
///
/// As a `NoteVerifier` it checks the signature lines of a checkpoint's
/// note as cosignatures: each line's bytes after the key hash are the
/// timestamp and the Ed25519 signature of the cosigned message, so
/// `SignedNote.verify(with:)` works with it as with a log key.
public struct CosignerKey: NoteVerifier, Hashable {
    /// The signature type byte c2sp.org/signed-note assigns to timestamped
    /// Ed25519 checkpoint cosignatures.
    static let signatureType: UInt8 = 0x04

    /// The cosigner's name, which the spec recommends be a schema-less URL.
    public let name: String
    /// The Ed25519 public key.
    public let publicKey: Ed25519PublicKey
    /// The key ID: the first four bytes, big-endian, of
    /// SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key).
    public let keyHash: UInt32

    /// Names `publicKey`; fails if `name` is not a valid key name.
    public init(name: String, publicKey: Ed25519PublicKey) throws(TransparencyError) {
        try NoteEncoding.validateKeyName(name)
        self.name = name
        self.publicKey = publicKey
        self.keyHash = Self.keyHash(name: name, publicKey: publicKey)
    }

    /// Parses `name+keyhash+base64(0x04 ‖ key)`, checking that the key hash
    /// matches the name and key. A log's key (type 0x01) is refused: the
    /// same key must not be trusted as both.
    public init(parsing string: String) throws(TransparencyError) {
        // The form, the key's length and its key hash are checked as for
        // any verifier key; what is this type's own is the type byte.
        let key = try AnyVerifierKey(parsing: string)
        guard key.signatureType == Self.signatureType, let publicKey = key.ed25519PublicKey else {
            throw .malformedVerifierKey(expected: "base64 of 0x04 (an Ed25519 cosigner key) followed by a 32-byte Ed25519 public key", found: string)
        }
        try self.init(name: key.name, publicKey: publicKey)
    }

    /// The key written as `name+keyhash+base64(0x04 ‖ key)`.
    public var string: String {
        let encoded = Base64.encode([Self.signatureType] + publicKey.rawRepresentation)
        return "\(name)+\(NoteVerifierKey.hex(keyHash))+\(encoded)"
    }

    /// Whether `signature` (a signature line's bytes after the key hash:
    /// timestamp and Ed25519 signature) is this key's cosignature of the
    /// checkpoint body `text`.
    public func isValidSignature(_ signature: [UInt8], for text: [UInt8]) -> Bool {
        guard let parts = Cosignature.TimestampedSignature(signature),
              parts.timestamp <= Cosignature.maximumTimestamp
        else { return false }
        let message = Cosignature.message(timestamp: parts.timestamp, body: text)
        return publicKey.isValidSignature(parts.signature, for: message)
    }

    /// SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key), first four bytes, big-endian.
    public static func keyHash(name: String, publicKey: Ed25519PublicKey) -> UInt32 {
        AnyVerifierKey.keyHash(name: name, signatureType: signatureType, publicKey: publicKey.rawRepresentation)
    }
}
