import CryptoPrimitives

/// Inclusion proofs (RFC 9162 section 2.1.3) and consistency proofs
/// (section 2.1.4), generated from leaf hashes and verified against roots.
extension MerkleTree {
    /// The audit path that proves leaf `index` is in the tree of `leafHashes`
    /// (PATH(m, D[n]) of RFC 9162 section 2.1.3.1).
    public static func inclusionProof(
        forLeafAt index: UInt64,
        leafHashes: [SHA256Digest]
    ) throws(TransparencyError) -> [SHA256Digest] {
        let treeSize = UInt64(leafHashes.count)
        guard index < treeSize else {
            throw .leafIndexOutOfRange(index: index, treeSize: treeSize)
        }
        return path(Int(index), leafHashes[...])
    }

    /// Checks that `proof` shows the leaf hashed as `leafHash` at `index` to be
    /// in the tree of `treeSize` leaves whose root is `root`
    /// (RFC 9162 section 2.1.3.2).
    public static func verifyInclusion(
        leafHash: SHA256Digest,
        at index: UInt64,
        treeSize: UInt64,
        proof: [SHA256Digest],
        root: SHA256Digest
    ) throws(TransparencyError) {
        guard index < treeSize else {
            throw .leafIndexOutOfRange(index: index, treeSize: treeSize)
        }
        // Checking the length first turns a truncated or padded proof into a
        // precise message instead of a bare root mismatch.
        let expected = inclusionProofLength(index: index, treeSize: treeSize)
        guard proof.count == expected else {
            throw .proofLength(expected: expected, found: proof.count)
        }
        var fn = index
        var sn = treeSize - 1
        var computed = leafHash
        for sibling in proof {
            if fn & 1 == 1 || fn == sn {
                computed = nodeHash(sibling, computed)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                computed = nodeHash(computed, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard computed == root else {
            throw .rootMismatch(treeSize: treeSize, expected: root, computed: computed)
        }
    }

    /// The proof that the tree of the first `oldSize` leaves is a prefix of
    /// the tree of all `leafHashes` (PROOF(m, D[n]) of RFC 9162 section 2.1.4.1).
    public static func consistencyProof(
        fromSize oldSize: UInt64,
        leafHashes: [SHA256Digest]
    ) throws(TransparencyError) -> [SHA256Digest] {
        let newSize = UInt64(leafHashes.count)
        guard oldSize <= newSize else {
            throw .treeSizesOutOfOrder(oldSize: oldSize, newSize: newSize)
        }
        guard oldSize > 0, oldSize < newSize else { return [] }
        return subproof(Int(oldSize), leafHashes[...], complete: true)
    }

    /// Checks that `proof` shows the tree of `oldSize` leaves with root
    /// `oldRoot` to be a prefix of the tree of `newSize` leaves with root
    /// `newRoot` (RFC 9162 section 2.1.4.2).
    public static func verifyConsistency(
        oldSize: UInt64,
        newSize: UInt64,
        oldRoot: SHA256Digest,
        newRoot: SHA256Digest,
        proof: [SHA256Digest]
    ) throws(TransparencyError) {
        guard oldSize <= newSize else {
            throw .treeSizesOutOfOrder(oldSize: oldSize, newSize: newSize)
        }
        if oldSize == 0 || oldSize == newSize {
            // Every tree extends the empty tree; a tree extends itself only
            // if the two roots are the same. Neither needs any hashes.
            guard proof.isEmpty else {
                throw .proofLength(expected: 0, found: proof.count)
            }
            if oldSize == newSize, oldRoot != newRoot {
                throw .rootMismatch(treeSize: newSize, expected: newRoot, computed: oldRoot)
            }
            return
        }
        let expected = consistencyProofLength(oldSize: oldSize, newSize: newSize)
        guard proof.count == expected else {
            throw .proofLength(expected: expected, found: proof.count)
        }
        // When the old tree is a complete subtree, its root is the first node
        // of the path and the proof leaves it out (step 1 of the RFC).
        var path = proof[...]
        if oldSize.nonzeroBitCount == 1 {
            path = ([oldRoot] + proof)[...]
        }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var oldComputed = path[path.startIndex]
        var newComputed = oldComputed
        for node in path.dropFirst() {
            if fn & 1 == 1 || fn == sn {
                oldComputed = nodeHash(node, oldComputed)
                newComputed = nodeHash(node, newComputed)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                newComputed = nodeHash(newComputed, node)
            }
            fn >>= 1
            sn >>= 1
        }
        guard oldComputed == oldRoot else {
            throw .rootMismatch(treeSize: oldSize, expected: oldRoot, computed: oldComputed)
        }
        guard newComputed == newRoot else {
            throw .rootMismatch(treeSize: newSize, expected: newRoot, computed: newComputed)
        }
    }

    // MARK: - Proof sizes

    /// The number of hashes in an inclusion proof: the levels where the
    /// leaf's path and the tree's last leaf's path diverge ("inner"), plus one
    /// per complete left subtree above them ("border").
    static func inclusionProofLength(index: UInt64, treeSize: UInt64) -> Int {
        let inner = UInt64.bitWidth - (index ^ (treeSize - 1)).leadingZeroBitCount
        // `>>` by the full bit width gives 0 in Swift, which is what we want.
        let border = (index >> inner).nonzeroBitCount
        return inner + border
    }

    /// The number of hashes in a consistency proof for 0 < oldSize < newSize:
    /// the inclusion proof of the old tree's last leaf, less the levels inside
    /// the old tree's complete rightmost subtree, plus that subtree's root
    /// unless it is the whole old tree.
    static func consistencyProofLength(oldSize: UInt64, newSize: UInt64) -> Int {
        let shift = oldSize.trailingZeroBitCount
        let seed = oldSize.nonzeroBitCount == 1 ? 0 : 1
        return seed + inclusionProofLength(index: oldSize - 1, treeSize: newSize) - shift
    }

    // MARK: - Generation

    /// PATH(m, D[n]) of RFC 9162 section 2.1.3.1.
    private static func path(_ m: Int, _ leaves: ArraySlice<SHA256Digest>) -> [SHA256Digest] {
        guard leaves.count > 1 else { return [] }
        let split = leaves.startIndex + splitPoint(leaves.count)
        let left = leaves[..<split]
        let right = leaves[split...]
        if m < left.count {
            return path(m, left) + [subtreeRoot(right)]
        }
        return path(m - left.count, right) + [subtreeRoot(left)]
    }

    /// SUBPROOF(m, D[n], b) of RFC 9162 section 2.1.4.1; `complete` is b,
    /// true while the old tree is still the whole of `leaves`' left edge.
    private static func subproof(
        _ m: Int,
        _ leaves: ArraySlice<SHA256Digest>,
        complete: Bool
    ) -> [SHA256Digest] {
        if m == leaves.count {
            return complete ? [] : [subtreeRoot(leaves)]
        }
        let split = leaves.startIndex + splitPoint(leaves.count)
        let left = leaves[..<split]
        let right = leaves[split...]
        if m <= left.count {
            return subproof(m, left, complete: complete) + [subtreeRoot(right)]
        }
        return subproof(m - left.count, right, complete: false) + [subtreeRoot(left)]
    }
}
