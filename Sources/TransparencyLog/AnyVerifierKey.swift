import CryptoPrimitives
import Foundation

/// A verifier key (c2sp.org/signed-note "vkey") of any signature type, kept
/// as written: `name+keyhash+base64(signature type ‖ public key)`.
///
/// `NoteVerifierKey` reads only Ed25519 note keys (type 0x01); policies also
/// name witnesses by cosignature keys (type 0x04 for Ed25519, 0x06 for
/// ML-DSA-44, c2sp.org/tlog-cosignature) and logs by whatever type they sign
/// with. For the types whose key ID the specs define as
/// SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] (0x01, 0x04, 0x06) the key's length
/// and key ID are checked; other types are kept unchecked, since their key IDs
/// are computed otherwise (0x02 hashes the key's SPKI, for instance).
public struct AnyVerifierKey: Hashable, Sendable, CustomStringConvertible {
    /// Ed25519 note signatures (c2sp.org/signed-note).
    public static let ed25519Type: UInt8 = 0x01
    /// Timestamped Ed25519 cosignatures (c2sp.org/tlog-cosignature).
    public static let ed25519CosignatureType: UInt8 = 0x04
    /// Timestamped ML-DSA-44 cosignatures (c2sp.org/tlog-cosignature).
    public static let mlDSA44CosignatureType: UInt8 = 0x06

    /// The key exactly as written.
    public let text: String
    /// The key name.
    public let name: String
    /// The key ID stated in the key.
    public let keyHash: UInt32
    /// The signature type byte.
    public let signatureType: UInt8
    /// The public key material after the type byte.
    public let publicKey: [UInt8]

    /// Parses `name+keyhash+base64key`; for types 0x01, 0x04 and 0x06
    /// checks the key's length and that the key hash matches name and key.
    public init(parsing text: String) throws(TransparencyError) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedVerifierKey(expected: "three parts joined by \"+\"", found: text)
        }
        let name = String(parts[0])
        guard NoteEncoding.isValidKeyName(name) else {
            throw .malformedVerifierKey(expected: "a non-empty key name without spaces or \"+\"", found: text)
        }
        guard parts[1].utf8.count == 8,
              parts[1].utf8.allSatisfy({ Hex.isLowercaseDigit($0) }),
              let keyHash = UInt32(parts[1], radix: 16)
        else {
            throw .malformedVerifierKey(
                expected: "8 lowercase hexadecimal digits of key hash after the name", found: text
            )
        }
        guard let encoded = NoteEncoding.decodeBase64(parts[2]), let type = encoded.first, encoded.count > 1 else {
            throw .malformedVerifierKey(
                expected: "canonical base64 of a signature type byte and a public key", found: text
            )
        }
        let publicKey = Array(encoded.dropFirst())
        if let length = Self.keyLength(ofType: type) {
            guard publicKey.count == length else {
                throw .malformedVerifierKey(
                    expected: "a \(length)-byte public key for signature type \(Self.hexByte(type))", found: text
                )
            }
            if type == Self.ed25519Type || type == Self.ed25519CosignatureType {
                guard (try? Ed25519PublicKey(rawRepresentation: publicKey)) != nil else {
                    throw .malformedVerifierKey(expected: "a valid Ed25519 public key", found: text)
                }
            }
            let expected = Self.keyHash(name: name, signatureType: type, publicKey: publicKey)
            guard expected == keyHash else {
                throw .malformedVerifierKey(
                    expected: "key hash \(NoteVerifierKey.hex(expected)) for this name, type and key", found: text
                )
            }
        }
        self.text = text
        self.name = name
        self.keyHash = keyHash
        self.signatureType = type
        self.publicKey = publicKey
    }

    /// The key as written.
    public var description: String { text }

    /// The Ed25519 public key, for types 0x01 and 0x04.
    public var ed25519PublicKey: Ed25519PublicKey? {
        guard signatureType == Self.ed25519Type || signatureType == Self.ed25519CosignatureType else { return nil }
        return try? Ed25519PublicKey(rawRepresentation: publicKey)
    }

    /// The same key as a `NoteVerifierKey`, for type 0x01 only: what
    /// verifies a log's checkpoint signature.
    public var noteVerifierKey: NoteVerifierKey? {
        guard signatureType == Self.ed25519Type, let key = ed25519PublicKey else { return nil }
        return try? NoteVerifierKey(name: name, publicKey: key)
    }

    /// The same key as a `CosignerKey`, for type 0x04 only: what verifies
    /// a witness's Ed25519 cosignature (tlog-cosignature).
    public var cosignerKey: CosignerKey? {
        guard signatureType == Self.ed25519CosignatureType, let key = ed25519PublicKey else { return nil }
        return try? CosignerKey(name: name, publicKey: key)
    }

    /// SHA-256(name ‖ 0x0A ‖ type ‖ public key), first four bytes, big-endian.
    public static func keyHash(name: String, signatureType: UInt8, publicKey: [UInt8]) -> UInt32 {
        let digest = SHA256.hash(Array(name.utf8) + [0x0A, signatureType] + publicKey)
        return digest.bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The public key length of the types whose key ID this type checks.
    static func keyLength(ofType type: UInt8) -> Int? {
        switch type {
        case ed25519Type, ed25519CosignatureType: 32
        case mlDSA44CosignatureType: 1312
        default: nil
        }
    }

    static func hexByte(_ byte: UInt8) -> String {
        "0x" + Hex.encode([byte])
    }
}
