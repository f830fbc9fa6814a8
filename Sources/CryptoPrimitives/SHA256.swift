internal import COpenSSL
import Foundation

/// A SHA-256 digest: 32 bytes.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes as a digest; returns nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == SHA256.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hexadecimal digits (either case); returns nil otherwise.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == SHA256.byteCount else { return nil }
        self.bytes = bytes
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }
}

/// SHA-256 (FIPS 180-4) computed by OpenSSL's libcrypto.
public enum SHA256 {
    /// The length of a digest in bytes.
    public static let byteCount = 32

    /// Hashes `data` in one call.
    public static func hash(_ data: some ContiguousBytes) -> SHA256Digest {
        var hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }
}

/// OpenSSL's SHA-256 implementation, looked up once. Passing `EVP_sha256()`
/// instead makes OpenSSL 3 look the implementation up in its provider
/// tables, under a lock, on every hash: more than the hashing itself costs
/// for a ledger line, and the verifier hashes several per entry on every
/// core. Nil only if the look-up failed, and then `EVP_sha256()` is used.
///
/// `nonisolated(unsafe)` is sound: the pointer is written once, when the
/// global is initialised (Swift makes that thread-safe), and OpenSSL's
/// fetched algorithm objects are immutable and may be shared by threads.
private nonisolated(unsafe) let fetchedSHA256: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)

/// An incremental SHA-256 computation, for hashing data that arrives in pieces
/// (a domain-separation prefix followed by a ledger line, for instance).
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    /// Starts a new, empty hash computation.
    public init() {
        // EVP_MD_CTX_new and EVP_DigestInit_ex only fail when memory runs
        // out, which Swift itself treats as fatal; a digest that silently
        // hashed nothing would be far worse than stopping.
        guard let context = EVP_MD_CTX_new(),
              EVP_DigestInit_ex(context, fetchedSHA256 ?? EVP_sha256(), nil) == 1
        else {
            fatalError("OpenSSL could not start SHA-256: \(OpenSSLError.drainQueue())")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds more bytes into the hash.
    public mutating func update(_ data: some ContiguousBytes) {
        data.withUnsafeBytes { buffer in
            guard buffer.count > 0 else { return }
            // Updating an initialised SHA-256 context cannot fail.
            _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
    }

    /// Returns the digest of everything fed in so far and starts a new,
    /// empty computation in the same context: many small hashes in a row
    /// (the interior nodes of a Merkle tree) then cost no context each,
    /// which is more than the hashing of 65 bytes itself.
    package mutating func finalizeAndRestart() -> SHA256Digest {
        var output = [UInt8](repeating: 0, count: SHA256.byteCount)
        output.withUnsafeMutableBytes { finalizeAndRestart(into: $0) }
        return SHA256Digest(uncheckedBytes: output)
    }

    /// Writes the digest of everything fed in so far to the first 32 bytes
    /// of `output` (which must hold them) and starts a new, empty
    /// computation in the same context, as `finalizeAndRestart()` does,
    /// without allocating the digest.
    package mutating func finalizeAndRestart(into output: UnsafeMutableRawBufferPointer) {
        guard output.count >= SHA256.byteCount, let base = output.baseAddress else { return }
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, base.assumingMemoryBound(to: UInt8.self), &length)
        // Restarting an existing SHA-256 context fails only when memory runs
        // out, as starting one does (see `init`).
        guard EVP_DigestInit_ex(context, fetchedSHA256 ?? EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL could not restart SHA-256: \(OpenSSLError.drainQueue())")
        }
    }

    /// Returns the digest of everything fed in so far, ending the computation.
    public consuming func finalize() -> SHA256Digest {
        var output = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &output, &length)
        return SHA256Digest(uncheckedBytes: output)
    }
}

extension SHA256Digest {
    /// Wraps bytes already known to be 32 long.
    init(uncheckedBytes bytes: [UInt8]) {
        self.bytes = bytes
    }
}
