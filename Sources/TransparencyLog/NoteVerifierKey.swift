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
        let parts = string.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedVerifierKey(expected: "three parts joined by \"+\"", found: string)
        }
        let name = String(parts[0])
        guard NoteEncoding.isValidKeyName(name) else {
            throw .malformedVerifierKey(
                expected: "a non-empty key name without spaces or \"+\"", found: string
            )
        }
        guard parts[1].utf8.count == 8,
              parts[1].utf8.allSatisfy({ Hex.isLowercaseDigit($0) }),
              let statedHash = UInt32(parts[1], radix: 16)
        else {
            throw .malformedVerifierKey(
                expected: "8 lowercase hexadecimal digits of key hash after the name", found: string
            )
        }
        guard let encoded = NoteEncoding.decodeBase64(parts[2]),
              encoded.count == 33,
              encoded[0] == Self.ed25519Type,
              let publicKey = try? Ed25519PublicKey(rawRepresentation: Array(encoded[1...]))
        else {
            throw .malformedVerifierKey(
                expected: "base64 of 0x01 followed by a 32-byte Ed25519 public key", found: string
            )
        }
        try self.init(name: name, publicKey: publicKey)
        guard keyHash == statedHash else {
            throw .malformedVerifierKey(
                expected: "key hash \(Self.hex(keyHash)) for this name and key", found: string
            )
        }
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
        let digest = SHA256.hash(Array(name.utf8) + [0x0A, ed25519Type] + publicKey.rawRepresentation)
        return digest.bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
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
