internal import COpenSSL
import Foundation

/// Owns an OpenSSL `EVP_PKEY` and frees it when the last reference goes.
///
/// `@unchecked Sendable` is safe because the key is never mutated after
/// creation, and OpenSSL allows concurrent signing and verification with one
/// `EVP_PKEY` as long as each operation has its own `EVP_MD_CTX`.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }
}

/// An Ed25519 public key (RFC 8032): 32 bytes.
public struct Ed25519PublicKey: Hashable, Sendable {
    /// The 32-byte encoding of the key, as in RFC 8032 section 5.1.5.
    public let rawRepresentation: [UInt8]

    /// Wraps a raw 32-byte public key.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        guard rawRepresentation.count == 32 else {
            throw .invalidKeyLength(expected: 32, found: rawRepresentation.count)
        }
        self.rawRepresentation = rawRepresentation
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        guard let key = rawRepresentation.withUnsafeBufferPointer({ buffer in
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, buffer.baseAddress, buffer.count)
        }) else {
            OpenSSLError.drainQueue()
            return false
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else {
            OpenSSLError.drainQueue()
            return false
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else {
            OpenSSLError.drainQueue()
            return false
        }
        let result = signature.withUnsafeBufferPointer { signatureBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                EVP_DigestVerify(
                    context,
                    signatureBuffer.baseAddress, signatureBuffer.count,
                    messageBuffer.baseAddress, messageBuffer.count
                )
            }
        }
        // A rejected signature leaves an entry on the queue; clear it so it
        // is not blamed on a later, unrelated call.
        OpenSSLError.drainQueue()
        return result == 1
    }
}

/// An Ed25519 private key, held by OpenSSL.
public struct Ed25519PrivateKey: Sendable {
    let key: EVPKey

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
        self.key = EVPKey(taking: generated)
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
        self.key = EVPKey(taking: created)
    }

    /// The matching public key.
    public var publicKey: Ed25519PublicKey {
        var raw = [UInt8](repeating: 0, count: 32)
        var length = raw.count
        // Reading the public half of an Ed25519 key held in memory cannot
        // fail once the key exists.
        _ = EVP_PKEY_get_raw_public_key(key.pointer, &raw, &length)
        return Ed25519PublicKey(uncheckedRaw: raw)
    }

    /// Signs `message` (pure Ed25519, no pre-hashing), returning 64 bytes.
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw .openSSL(.drain(operation: "signing"))
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1 else {
            throw .openSSL(.drain(operation: "signing"))
        }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = signature.count
        let status = message.withUnsafeBufferPointer { buffer in
            EVP_DigestSign(context, &signature, &length, buffer.baseAddress, buffer.count)
        }
        guard status == 1, length == 64 else {
            throw .openSSL(.drain(operation: "signing"))
        }
        return signature
    }
}

extension Ed25519PublicKey {
    init(uncheckedRaw raw: [UInt8]) {
        self.rawRepresentation = raw
    }
}
