internal import COpenSSL
import Foundation

/// An Ed25519 public key (RFC 8032): 32 bytes.
///
/// Creating one rejects small-order and non-canonical encodings, and
/// `isValidSignature(_:for:)` applies the strict checks described in
/// docs/KEYS.md, so a signature that one implementation accepts and another
/// refuses never counts.
public struct Ed25519PublicKey: Hashable, Sendable {
    /// The 32-byte encoding of the key, as in RFC 8032 section 5.1.5.
    public let rawRepresentation: [UInt8]
    /// Wraps a raw 32-byte public key, refusing the encodings no honest key
    /// has: small-order points and unreduced y coordinates.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        guard rawRepresentation.count == 32 else {
            throw .invalidKeyLength(expected: 32, found: rawRepresentation.count)
        }
        let refusal: CryptoError? = rawRepresentation.withUnsafeBufferPointer { raw in
            if Ed25519Strictness.hasSmallOrder(raw) {
                return .smallOrderPublicKey(encoding: Hex.encode(raw))
            }
            if !Ed25519Strictness.isCanonicalPoint(raw) {
                return .nonCanonicalPublicKey(encoding: Hex.encode(raw))
            }
            return nil
        }
        if let refusal { throw refusal }
        try self.init(trustedRaw: rawRepresentation)
    }

    /// Wraps 32 bytes already known to be a sound key, such as the public
    /// half OpenSSL computed from a private key.
    ///
    /// Only the 32 bytes are kept: OpenSSL's copy of the key is made for
    /// each verification and freed after it. A verifier holds one key per
    /// active signatory, and an OpenSSL key with its context would cost
    /// some thirty times more memory than the bytes, for no gain: each key
    /// in a ledger checks one signature.
    init(trustedRaw raw: [UInt8]) throws(CryptoError) {
        self.rawRepresentation = raw
    }

    /// A short name for the key: the first 8 bytes of SHA-256 over the raw
    /// 32-byte key, as 16 lowercase hex digits in four groups of four joined
    /// by "-", such as "3f2a-91bc-07de-5511".
    ///
    /// 64 bits are short enough to read aloud or compare by eye, and long
    /// enough that nobody can make a second key with the same id.
    public var keyID: String {
        // Built as bytes: an export computes one id per signatory.
        let digits = Array(Hex.encode(SHA256.hash(rawRepresentation).bytes.prefix(8)).utf8)
        var id: [UInt8] = []
        id.reserveCapacity(digits.count + digits.count / 4)
        for (index, digit) in digits.enumerated() {
            if index > 0, index % 4 == 0 { id.append(UInt8(ascii: "-")) }
            id.append(digit)
        }
        return String(decoding: id, as: UTF8.self)
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    ///
    /// Besides OpenSSL's own check, refuses a signature whose S is not below
    /// the group order L (RFC 8032 section 5.1.7 requires this; without it a
    /// signature could be altered and still pass) and one whose R is a
    /// small-order point.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        let strictlyFormed = signature.withUnsafeBufferPointer { buffer in
            let r = UnsafeBufferPointer(rebasing: buffer[0..<32])
            let s = UnsafeBufferPointer(rebasing: buffer[32..<64])
            return Ed25519Strictness.isReducedScalar(s) && !Ed25519Strictness.hasSmallOrder(r)
        }
        guard strictlyFormed else { return false }
        guard let created = rawRepresentation.withUnsafeBufferPointer({ buffer in
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, buffer.baseAddress, buffer.count)
        }) else {
            OpenSSLError.drainQueue()
            return false
        }
        let key = EVPKey(taking: created, purpose: .verifying)
        let status = key.withContext { context in
            signature.withUnsafeBufferPointer { signatureBuffer in
                message.withUnsafeBufferPointer { messageBuffer in
                    EVP_DigestVerify(
                        context,
                        signatureBuffer.baseAddress, signatureBuffer.count,
                        messageBuffer.baseAddress, messageBuffer.count
                    )
                }
            }
        }
        guard status == 1 else {
            // A rejected signature leaves an entry on the queue; clear it so
            // it is not blamed on a later, unrelated call.
            OpenSSLError.drainQueue()
            return false
        }
        return true
    }

    public static func == (lhs: Ed25519PublicKey, rhs: Ed25519PublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}

/// An Ed25519 private key, held by OpenSSL.
public struct Ed25519PrivateKey: Sendable {
    let key: EVPKey

    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    /// Generates a new key from OpenSSL's random generator.
    public init() throws(CryptoError) {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else {
            throw .openSSL(.drain(operation: "generating an Ed25519 key"))
        }
        defer { EVP_PKEY_CTX_free(context) }
        var generated: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_keygen(context, &generated) == 1,
              let generated
        else {
            throw .openSSL(.drain(operation: "generating an Ed25519 key"))
        }
        try self.init(taking: generated)
    }

    /// Creates the key whose 32-byte seed (RFC 8032 "secret key") is `seed`.
    public init(seed: [UInt8]) throws(CryptoError) {
        guard seed.count == 32 else {
            throw .invalidKeyLength(expected: 32, found: seed.count)
        }
        guard let created = seed.withUnsafeBufferPointer({ buffer in
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, buffer.baseAddress, buffer.count)
        }) else {
            throw .openSSL(.drain(operation: "loading an Ed25519 seed"))
        }
        try self.init(taking: created)
    }

    /// Takes ownership of an Ed25519 `EVP_PKEY` holding a private key.
    init(taking pointer: OpaquePointer) throws(CryptoError) {
        let key = EVPKey(taking: pointer, purpose: .signing)
        var raw = [UInt8](repeating: 0, count: 32)
        var length = raw.count
        guard EVP_PKEY_get_raw_public_key(pointer, &raw, &length) == 1, length == 32 else {
            throw .openSSL(.drain(operation: "reading the public half of an Ed25519 key"))
        }
        self.key = key
        self.publicKey = try Ed25519PublicKey(trustedRaw: raw)
    }

    /// Signs `message` (pure Ed25519, no pre-hashing), returning 64 bytes.
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 64)
        let status = key.withContext { context in
            var length = signature.count
            let status = message.withUnsafeBufferPointer { buffer in
                EVP_DigestSign(context, &signature, &length, buffer.baseAddress, buffer.count)
            }
            return status == 1 && length == 64
        }
        guard status == true else {
            throw .openSSL(.drain(operation: "signing"))
        }
        return signature
    }
}
