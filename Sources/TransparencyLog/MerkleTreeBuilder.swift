import CryptoPrimitives
import Foundation

/// Computes RFC 9162 Merkle tree roots while leaves stream in, keeping only
/// O(log n) hashes.
///
/// The builder holds the "frontier": the roots of the complete subtrees
/// that the leaves so far form, one per set bit of the size, largest first.
/// Appending merges equal-sized subtrees like a binary counter carrying, and
/// the root of the whole tree folds the frontier from the right, so it can be
/// read after any leaf (to compare with a checkpoint of that size, say)
/// without disturbing the builder.
public struct MerkleTreeBuilder: Sendable, Equatable {
    private var frontier: [SHA256Digest] = []

    /// The number of leaves appended so far.
    public private(set) var size: UInt64 = 0

    /// Creates a builder for the empty tree.
    public init() {}

    /// Resumes from a state saved earlier, without re-reading the leaves.
    public init(state: State) {
        self.size = state.size
        self.frontier = state.frontier
    }

    /// The builder's whole memory, for saving beside the ledger.
    public var state: State {
        State(uncheckedSize: size, frontier: frontier)
    }

    /// Adds a leaf given its hash, `MerkleTree.leafHash(_:)` of the entry.
    public mutating func append(leafHash: SHA256Digest) {
        var carry = leafHash
        var remaining = size
        while remaining & 1 == 1, let left = frontier.popLast() {
            carry = MerkleTree.nodeHash(left, carry)
            remaining >>= 1
        }
        frontier.append(carry)
        size += 1
    }

    /// Adds a leaf given its bytes.
    public mutating func append(leaf: some ContiguousBytes) {
        append(leafHash: MerkleTree.leafHash(leaf))
    }

    /// The root of the tree of all leaves appended so far.
    public var root: SHA256Digest {
        guard var root = frontier.last else { return MerkleTree.emptyRoot }
        for left in frontier.dropLast().reversed() {
            root = MerkleTree.nodeHash(left, root)
        }
        return root
    }
}

extension MerkleTreeBuilder {
    /// A builder's saved form: the tree size and the roots of its complete
    /// subtrees, largest first (at most 64 of them).
    public struct State: Sendable, Equatable, Codable {
        /// The number of leaves.
        public let size: UInt64
        /// One complete-subtree root per set bit of `size`, largest first.
        public let frontier: [SHA256Digest]

        /// The largest size accepted: far beyond any ledger, and low enough
        /// that appending to a restored builder can never overflow `size`.
        public static let maximumSize: UInt64 = 1 << 62

        /// Checks that `frontier` has one hash per set bit of `size`.
        public init(size: UInt64, frontier: [SHA256Digest]) throws(TransparencyError) {
            guard size <= Self.maximumSize, frontier.count == size.nonzeroBitCount else {
                throw .invalidBuilderState(size: size, frontierCount: frontier.count)
            }
            self.init(uncheckedSize: size, frontier: frontier)
        }

        init(uncheckedSize size: UInt64, frontier: [SHA256Digest]) {
            self.size = size
            self.frontier = frontier
        }

        private enum CodingKeys: String, CodingKey {
            case size, frontier
        }

        /// Encodes as `{"size": n, "frontier": ["hex", …]}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(size, forKey: .size)
            try container.encode(frontier.map(\.hex), forKey: .frontier)
        }

        /// Decodes the form `encode(to:)` writes, rejecting an inconsistent state.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let size = try container.decode(UInt64.self, forKey: .size)
            let hexes = try container.decode([String].self, forKey: .frontier)
            var frontier: [SHA256Digest] = []
            for (position, hex) in hexes.enumerated() {
                guard let digest = SHA256Digest(hex: hex) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .frontier, in: container,
                        debugDescription: "frontier[\(position)] is not 64 hexadecimal digits"
                    )
                }
                frontier.append(digest)
            }
            do {
                try self.init(size: size, frontier: frontier)
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .frontier, in: container, debugDescription: error.description
                )
            }
        }
    }
}
