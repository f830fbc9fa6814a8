import CryptoPrimitives
import TransparencyLog

/// The checks of one add-checkpoint request, in the order
/// c2sp.org/tlog-witness gives them, without any I/O: first those that
/// need no state (`signedRequest`), then those against the checkpoint the
/// witness last cosigned for the origin (`checkConsistency`). Between the
/// two the witness takes the origin's lock, so the second check and the
/// update of the state are one atomic step.
package enum AddCheckpointCheck {
    /// A request whose checkpoint is signed by a key trusted for its origin.
    package struct SignedRequest: Sendable {
        /// The parsed request.
        package let request: AddCheckpointRequest
        /// The request body, verbatim (kept as evidence when refused).
        package let body: [UInt8]
        /// The note's signatures by trusted keys, all verified.
        package let logSignatures: [NoteSignature]

        /// The checkpoint's origin.
        package var origin: String { request.checkpoint.origin }
    }

    /// Parses `body` and checks the log's signature, the old size against
    /// the new one and the empty tree's root: 400, 404, 403, 400 and 422,
    /// in that order. A 422 here is still a signed request (`signed`), kept
    /// as evidence by the caller.
    package static func signedRequest(
        _ body: [UInt8],
        logKeys: [String: [NoteVerifierKey]]
    ) throws(AddCheckpointRefusal) -> SignedRequest {
        let request: AddCheckpointRequest
        do throws(TransparencyError) {
            request = try AddCheckpointRequest(parsing: body)
        } catch {
            throw .malformed(reason: error.description)
        }
        let origin = request.checkpoint.origin
        guard let keys = logKeys[origin], !keys.isEmpty else {
            throw .unknownOrigin(origin)
        }
        var verified: [NoteSignature] = []
        var failure: String?
        for key in keys {
            do throws(TransparencyError) {
                try request.checkpointNote.verify(with: key)
                verified += request.checkpointNote.signatures.filter {
                    $0.name == key.name && $0.keyHash == key.keyHash
                }
            } catch {
                if case .noSignature = error { continue }
                // A line naming a trusted key that fails makes the note
                // malformed (c2sp.org/signed-note), whatever other lines say.
                failure = error.description
                break
            }
        }
        if let failure { throw .untrustedSignature(reason: failure) }
        guard !verified.isEmpty else {
            let trusted = keys.map { "\($0.name)+\(hex($0.keyHash))" }.joined(separator: ", ")
            throw .untrustedSignature(reason: "no signature line by \(trusted)")
        }
        guard request.oldSize <= request.checkpoint.size else {
            throw .oldSizeAboveSize(oldSize: request.oldSize, size: request.checkpoint.size)
        }
        return SignedRequest(request: request, body: body, logSignatures: verified)
    }

    /// The checks against `cosigned`, the checkpoint last cosigned for the
    /// origin (nil if none): the empty tree's root (422), the old size
    /// (409), no proof from the empty tree (422), the proof (422) and, at
    /// the same size, the same root (422).
    package static func checkConsistency(
        _ signed: SignedRequest,
        cosigned: Checkpoint?
    ) throws(AddCheckpointRefusal) {
        let request = signed.request
        let checkpoint = request.checkpoint
        if checkpoint.size == 0, checkpoint.rootHash != MerkleTree.emptyRoot {
            throw .emptyTreeRoot(checkpoint.rootHash)
        }
        let cosignedSize = cosigned?.size ?? 0
        let cosignedRoot = cosigned?.rootHash ?? MerkleTree.emptyRoot
        guard request.oldSize == cosignedSize else {
            throw .conflict(oldSize: request.oldSize, cosignedSize: cosignedSize)
        }
        if request.oldSize == 0, !request.consistencyProof.isEmpty {
            throw .proofFromEmptyTree(hashCount: request.consistencyProof.count)
        }
        if request.oldSize == checkpoint.size, request.oldSize > 0 {
            guard checkpoint.rootHash == cosignedRoot else {
                throw .rootChanged(size: checkpoint.size, cosigned: cosignedRoot, found: checkpoint.rootHash)
            }
        }
        do throws(TransparencyError) {
            try MerkleTree.verifyConsistency(
                oldSize: request.oldSize, newSize: checkpoint.size,
                oldRoot: cosignedRoot, newRoot: checkpoint.rootHash,
                proof: request.consistencyProof
            )
        } catch {
            throw .inconsistent(reason: error.description)
        }
    }

    private static func hex(_ keyHash: UInt32) -> String {
        let digits = String(keyHash, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
