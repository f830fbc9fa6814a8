internal import COpenSSL
import Foundation

/// Owns an OpenSSL `EVP_PKEY`, plus a few `EVP_MD_CTX` already initialised
/// for it, and frees them all when the last reference goes.
///
/// Initialising a context from scratch makes OpenSSL 3 look up the
/// signature algorithm in its provider tables, which costs a noticeable
/// share of an Ed25519 verification; re-initialising an idle context keeps
/// the algorithm and skips that look-up. A registry audit verifies every
/// signature with the same few keys, so keeping the contexts pays off.
///
/// `@unchecked Sendable` is safe because the `EVP_PKEY` is never mutated
/// after creation (OpenSSL allows concurrent use of one `EVP_PKEY` as long as
/// each operation has its own `EVP_MD_CTX`), and each context is used by one
/// caller at a time: it is taken out of `idleContexts` under `lock` before
/// use and put back under `lock` after.
final class EVPKey: @unchecked Sendable {
    /// What the contexts kept for this key do.
    enum Purpose {
        case signing
        case verifying
    }

    let pointer: OpaquePointer
    let purpose: Purpose
    private let lock = NSLock()
    /// Contexts ready for re-initialisation; guarded by `lock`.
    private var idleContexts: [OpaquePointer] = []
    /// Enough for every core of a typical machine to verify at once.
    private static let maximumIdleContexts = 16

    init(taking pointer: OpaquePointer, purpose: Purpose) {
        self.pointer = pointer
        self.purpose = purpose
    }

    deinit {
        for context in idleContexts {
            EVP_MD_CTX_free(context)
        }
        EVP_PKEY_free(pointer)
    }

    /// Runs `body` with a context initialised for this key's purpose; nil
    /// if OpenSSL could not provide one (its queue is left for the caller).
    func withContext<Result>(_ body: (OpaquePointer) -> Result) -> Result? {
        guard let context = takeContext() else { return nil }
        let result = body(context)
        putBack(context)
        return result
    }

    private func takeContext() -> OpaquePointer? {
        let idle = lock.withLock { idleContexts.popLast() }
        if let idle {
            // A key of nil keeps the key and algorithm already set, which is
            // the cheap path; OpenSSL 3.2 and later require this call before
            // each one-shot operation on a reused context.
            if initialise(idle, key: nil) { return idle }
            EVP_MD_CTX_free(idle)
            OpenSSLError.drainQueue()
        }
        guard let fresh = EVP_MD_CTX_new() else { return nil }
        guard initialise(fresh, key: pointer) else {
            EVP_MD_CTX_free(fresh)
            return nil
        }
        return fresh
    }

    private func initialise(_ context: OpaquePointer, key: OpaquePointer?) -> Bool {
        switch purpose {
        case .signing:
            return EVP_DigestSignInit(context, nil, nil, nil, key) == 1
        case .verifying:
            return EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1
        }
    }

    private func putBack(_ context: OpaquePointer) {
        let kept = lock.withLock {
            guard idleContexts.count < Self.maximumIdleContexts else { return false }
            idleContexts.append(context)
            return true
        }
        if !kept { EVP_MD_CTX_free(context) }
    }
}
