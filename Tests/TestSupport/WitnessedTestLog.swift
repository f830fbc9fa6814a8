import CryptoPrimitives
import Foundation
import TransparencyLog

/// A transparency log made up by a test, to submit checkpoints to a
/// witness: its key, its leaves, and add-checkpoint bodies with real
/// consistency proofs. `fork(at:)` makes another log with the same key
/// and origin whose history departs after `size` leaves: a split view.
public struct WitnessedTestLog: Sendable {
    /// The log's origin, also its key name.
    public let origin: String
    /// The log's signing key.
    public let key: Ed25519PrivateKey
    /// The leaf hashes, in order.
    public private(set) var leaves: [SHA256Digest] = []

    /// A log called `origin` with a new key.
    public init(origin: String = "example.org/log") throws {
        self.origin = origin
        self.key = try Ed25519PrivateKey()
    }

    /// The log's verifier key (type 0x01), for the witness's list of logs.
    public var verifierKey: NoteVerifierKey {
        get throws { try NoteVerifierKey(name: origin, publicKey: key.publicKey) }
    }

    /// Appends `count` leaves, each named by `tag` and its index.
    public mutating func append(_ count: Int, tag: String = "leaf") {
        for _ in 0..<count {
            leaves.append(MerkleTree.leafHash(Array("\(tag) \(leaves.count)".utf8)))
        }
    }

    /// The checkpoint of the first `size` leaves (all by default), signed.
    public func signedCheckpoint(size: Int? = nil, signingKey: Ed25519PrivateKey? = nil) throws -> SignedNote {
        let size = size ?? leaves.count
        let root = MerkleTree.root(leafHashes: Array(leaves.prefix(size)))
        let checkpoint = try Checkpoint(origin: origin, size: UInt64(size), rootHash: root)
        return try SignedNote.sign(text: checkpoint.body, name: origin, key: signingKey ?? key)
    }

    /// The add-checkpoint body from `oldSize` to `size` (all leaves by
    /// default), with the consistency proof between them.
    public func addCheckpointBody(oldSize: Int, size: Int? = nil) throws -> [UInt8] {
        let size = size ?? leaves.count
        let proof = try MerkleTree.consistencyProof(fromSize: UInt64(oldSize), leafHashes: Array(leaves.prefix(size)))
        return try AddCheckpointRequest(
            oldSize: UInt64(oldSize), consistencyProof: proof, checkpointNote: try signedCheckpoint(size: size)
        ).bytes
    }

    /// A log with this one's key and origin and its first `size` leaves,
    /// whose later leaves will differ.
    public func fork(at size: Int) -> WitnessedTestLog {
        var copy = self
        copy.leaves = Array(leaves.prefix(size))
        return copy
    }
}
