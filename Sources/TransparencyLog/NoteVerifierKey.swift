import CryptoPrimitives
import Foundation

/// Something that can check signatures in a signed note: a key known by its
/// name and 32-bit key hash (c2sp.org/signed-note).
public protocol NoteVerifier: Sendable {
    /// The key name that signature lines carry.
    var name: String { get }
    /// The key ID that prefixes each signature.
    var keyHash: UInt32 { get }
    /// Whether `signature` (without its key hash prefix) is valid for `text`.
    func isValidSignature(_ signature: [UInt8], for text: [UInt8]) -> Bool
}

/// An Ed25519 note verifier key, written `name+keyhash+base64(0x01 ‖ key)`
/// as in Go's golang.org/x/mod/sumdb/note and c2sp.org/signed-note.
public struct NoteVerifierKey: NoteVerifier, Hashable {
    /// The signature type byte C2SP assigns to Ed25519.
    static let ed25519Type: UInt8 = 0x01

    /// The key name.
    public let name: String
    /// The Ed25519 public key.
    public let publicKey: Ed25519PublicKey
    /// The key ID: the first four bytes, big-endian, of
    /// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
    public let keyHash: UInt32

    /// Names `publicKey`; fails if `name` is not a valid key name.
    public init(name: String, publicKey: Ed25519PublicKey) throws(TransparencyError) {
        try NoteEncoding.validateKeyName(name)
        self.name = name
        self.publicKey = publicKey
        self.keyHash = Self.keyHash(name: name, publicKey: publicKey)
    }

    /// Parses `name+keyhash+base64key`, checking that the key hash matches
    /// the name and key.
    public init(parsing string: String) throws(TransparencyError) {
        // The form, the key's length and its key hash are checked as for
        // any verifier key; what is this type's own is the type byte.
        let key = try AnyVerifierKey(parsing: string)
        guard key.signatureType == Self.ed25519Type, let publicKey = key.ed25519PublicKey else {
            throw .malformedVerifierKey(expected: "base64 of 0x01 followed by a 32-byte Ed25519 public key", found: string)
        }
        try self.init(name: key.name, publicKey: publicKey)
    }

    /// The key written as `name+keyhash+base64key`.
    public var string: String {
        let encoded = Data([Self.ed25519Type] + publicKey.rawRepresentation).base64EncodedString()
        return "\(name)+\(Self.hex(keyHash))+\(encoded)"
    }

    /// Whether `signature` is a valid Ed25519 signature of `text` by this key.
    public func isValidSignature(_ signature: [UInt8], for text: [UInt8]) -> Bool {
        publicKey.isValidSignature(signature, for: text)
    }

    /// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), first four bytes, big-endian.
    public static func keyHash(name: String, publicKey: Ed25519PublicKey) -> UInt32 {
        AnyVerifierKey.keyHash(name: name, signatureType: ed25519Type, publicKey: publicKey.rawRepresentation)
    }

    /// A key hash as 8 lowercase hexadecimal digits.
    static func hex(_ keyHash: UInt32) -> String {
        Hex.encode(withUnsafeBytes(of: keyHash.bigEndian) { Array($0) })
    }
}

extension Hex {
    /// Whether an ASCII byte is 0-9 or a-f.
    static func isLowercaseDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
