import CryptoPrimitives

/// Why a witness refuses an add-checkpoint request, each reason with the
/// HTTP status c2sp.org/tlog-witness gives it.
package enum AddCheckpointRefusal: Error, Sendable, Equatable {
    /// The body is not an add-checkpoint request (400).
    case malformed(reason: String)
    /// The body is larger than a request may be (413).
    case tooLarge(limit: Int)
    /// The checkpoint's origin is not a log this witness witnesses (404).
    case unknownOrigin(String)
    /// No valid signature by a key trusted for the origin, or a line naming
    /// such a key whose signature fails (403).
    case untrustedSignature(reason: String)
    /// The old size is above the checkpoint's size (400).
    case oldSizeAboveSize(oldSize: UInt64, size: UInt64)
    /// A checkpoint of size 0 whose root is not the empty tree's (422).
    case emptyTreeRoot(SHA256Digest)
    /// The old size is not the size the witness last cosigned (409); the
    /// answer's body is that size.
    case conflict(oldSize: UInt64, cosignedSize: UInt64)
    /// A proof was sent with old size 0 (422).
    case proofFromEmptyTree(hashCount: Int)
    /// The consistency proof does not verify (422).
    case inconsistent(reason: String)
    /// The checkpoint has the size of the one cosigned but another root:
    /// a split view (422 in the current c2sp.org/tlog-witness; older
    /// copies of the spec said 409).
    case rootChanged(size: UInt64, cosigned: SHA256Digest, found: SHA256Digest)

    /// The HTTP status of the answer.
    package var status: Int {
        switch self {
        case .malformed, .oldSizeAboveSize: return 400
        case .untrustedSignature: return 403
        case .unknownOrigin: return 404
        case .conflict: return 409
        case .tooLarge: return 413
        case .emptyTreeRoot, .proofFromEmptyTree, .inconsistent, .rootChanged: return 422
        }
    }

    /// Whether the refused checkpoint proves the log misbehaved: it carried
    /// a valid log signature and is inconsistent with what was cosigned.
    /// (A 409 is not: the log only did not know the size the witness holds.)
    package var isMisbehaviour: Bool {
        switch self {
        case .emptyTreeRoot, .proofFromEmptyTree, .inconsistent, .rootChanged: return true
        case .malformed, .tooLarge, .unknownOrigin, .untrustedSignature, .oldSizeAboveSize, .conflict: return false
        }
    }

    /// A short, stable name for logs and evidence.
    package var code: String {
        switch self {
        case .malformed: return "malformed"
        case .tooLarge: return "too-large"
        case .unknownOrigin: return "unknown-origin"
        case .untrustedSignature: return "untrusted-signature"
        case .oldSizeAboveSize: return "old-size-above-size"
        case .emptyTreeRoot: return "empty-tree-root"
        case .conflict: return "conflict"
        case .proofFromEmptyTree: return "proof-from-empty-tree"
        case .inconsistent: return "inconsistent"
        case .rootChanged: return "root-changed"
        }
    }

    /// The answer's body for the client: what is wrong and what to do.
    package var message: String {
        switch self {
        case .malformed(let reason):
            return "not an add-checkpoint request: \(reason)\n"
        case .tooLarge(let limit):
            return "the request body is larger than \(limit) bytes, the most an add-checkpoint request may have\n"
        case .unknownOrigin(let origin):
            return "this witness does not witness the log \"\(origin)\"; ask its operator to add the log's key\n"
        case .untrustedSignature(let reason):
            return "the checkpoint has no valid signature by the log's key: \(reason)\n"
        case .oldSizeAboveSize(let oldSize, let size):
            return "the old size \(oldSize) is above the checkpoint's size \(size)\n"
        case .emptyTreeRoot(let root):
            return "a checkpoint of size 0 must have the empty tree's root, not \(root.base64)\n"
        case .conflict(_, let cosignedSize):
            return "\(cosignedSize)\n"
        case .proofFromEmptyTree(let count):
            return "old size 0 needs no consistency proof, but \(count) hashes were sent\n"
        case .inconsistent(let reason):
            return "the consistency proof does not verify: \(reason)\n"
        case .rootChanged(let size, let cosigned, let found):
            return "a checkpoint of size \(size) was cosigned with root \(cosigned.base64), not \(found.base64)\n"
        }
    }
}
