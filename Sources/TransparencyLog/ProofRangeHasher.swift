import CryptoPrimitives

/// Computes an RFC 9162 inclusion or consistency proof while the leaves
/// stream past once, in order, keeping one `MerkleTreeBuilder` per proof
/// node instead of every leaf hash.
///
/// Every node of such a proof is the Merkle tree hash of a range of leaves,
/// MTH(D[a:b]), and the ranges of one proof are disjoint: the recursion of
/// RFC 9162 sections 2.1.3.1 and 2.1.4.1 splits a range in two and keeps
/// going into one half, taking the other half whole. So the ranges are
/// known from the sizes alone, and each leaf feeds at most one node.
/// A verifier reading a ledger line by line (and not holding its leaf
/// hashes) proves a saved checkpoint consistent with the current one this
/// way, with the same `verifyConsistency` a tile client uses.
public struct ProofRangeHasher: Sendable {
    /// The proof's leaf ranges, in proof order.
    public let ranges: [Range<UInt64>]
    private var builders: [MerkleTreeBuilder]
    /// Proof positions ordered by range start, and the next one to fill.
    private let order: [Int]
    private var cursor = 0
    /// How many leaves have been appended.
    public private(set) var leafCount: UInt64 = 0

    /// A hasher for the consistency proof from the tree of `oldSize` leaves
    /// to the tree of `newSize` (PROOF(m, D[n]), section 2.1.4.1).
    public init(consistencyFrom oldSize: UInt64, to newSize: UInt64) throws(TransparencyError) {
        guard oldSize <= newSize else { throw .treeSizesOutOfOrder(oldSize: oldSize, newSize: newSize) }
        var ranges: [Range<UInt64>] = []
        if oldSize > 0, oldSize < newSize {
            Self.subproof(oldSize, 0, newSize, complete: true, into: &ranges)
        }
        self.init(ranges: ranges)
    }

    /// A hasher for the inclusion proof of leaf `index` in the tree of
    /// `treeSize` leaves (PATH(m, D[n]), section 2.1.3.1).
    public init(inclusionOf index: UInt64, treeSize: UInt64) throws(TransparencyError) {
        guard index < treeSize else { throw .leafIndexOutOfRange(index: index, treeSize: treeSize) }
        var ranges: [Range<UInt64>] = []
        Self.path(index, 0, treeSize, into: &ranges)
        self.init(ranges: ranges)
    }

    private init(ranges: [Range<UInt64>]) {
        self.ranges = ranges
        self.builders = Array(repeating: MerkleTreeBuilder(), count: ranges.count)
        self.order = ranges.indices.sorted { ranges[$0].lowerBound < ranges[$1].lowerBound }
    }

    /// The leaf after the last one appended; leaves beyond the proof's
    /// tree are ignored, so a ledger longer than the tree can be fed whole.
    public mutating func append(leafHash: SHA256Digest) {
        let position = leafCount
        leafCount += 1
        while cursor < order.count, ranges[order[cursor]].upperBound <= position {
            cursor += 1
        }
        guard cursor < order.count, ranges[order[cursor]].contains(position) else { return }
        builders[order[cursor]].append(leafHash: leafHash)
    }

    /// The proof, once every leaf of its tree has been appended.
    public func proof() throws(TransparencyError) -> [SHA256Digest] {
        let needed = ranges.map(\.upperBound).max() ?? 0
        guard leafCount >= needed else {
            throw .leafIndexOutOfRange(index: needed - 1, treeSize: leafCount)
        }
        return builders.map(\.root)
    }

    // MARK: - RFC 9162 recursion over sizes

    private static func path(_ m: UInt64, _ low: UInt64, _ high: UInt64, into ranges: inout [Range<UInt64>]) {
        guard high - low > 1 else { return }
        let split = low + splitPoint(high - low)
        if m < split {
            path(m, low, split, into: &ranges)
            ranges.append(split..<high)
        } else {
            path(m, split, high, into: &ranges)
            ranges.append(low..<split)
        }
    }

    private static func subproof(
        _ m: UInt64, _ low: UInt64, _ high: UInt64, complete: Bool, into ranges: inout [Range<UInt64>]
    ) {
        if m == high {
            if !complete { ranges.append(low..<high) }
            return
        }
        let split = low + splitPoint(high - low)
        if m <= split {
            subproof(m, low, split, complete: complete, into: &ranges)
            ranges.append(split..<high)
        } else {
            subproof(m, split, high, complete: false, into: &ranges)
            ranges.append(low..<split)
        }
    }

    /// The largest power of two smaller than `count` (count at least 2).
    private static func splitPoint(_ count: UInt64) -> UInt64 {
        1 << UInt64(UInt64.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }
}
