import CryptoPrimitives

extension MerkleTreeBuilder.State {
    /// The RFC 9162 consistency proof from this tree (`size` leaves) to the
    /// tree with `newLeafHashes` appended, and that tree's root, from this
    /// state's frontier and the new leaves alone.
    ///
    /// Why it can: every node a consistency proof from m to n names either
    /// lies wholly after leaf m (so the new leaves give it) or is one of the
    /// complete subtrees the frontier of m holds (RFC 9162 section 2.1.4.1
    /// takes the left subtree only when it is wholly old, and the old tree's
    /// last node only where it ends at m). So a registrar that kept the
    /// frontier of the size a witness holds proves consistency reading only
    /// the entries since, instead of hashing its whole ledger. Nil if a node
    /// cannot be found that way, which the argument above rules out; callers
    /// fall back to the whole tree then, and check the root either way.
    public func consistencyProof(appending newLeafHashes: [SHA256Digest]) -> (proof: [SHA256Digest], root: SHA256Digest)? {
        let resolver = FrontierNodes(state: self, newLeaves: newLeafHashes)
        let newSize = size + UInt64(newLeafHashes.count)
        guard let root = resolver.node(0, newSize) else { return nil }
        guard size > 0, size < newSize else { return ([], root) }
        guard let proof = resolver.subproof(size, 0, newSize, complete: true) else { return nil }
        return (proof, root)
    }
}

/// The nodes of a tree known as an old tree's frontier and the leaves after it.
private struct FrontierNodes {
    /// The frontier's subtrees by their leaf range.
    let blocks: [Range<UInt64>: SHA256Digest]
    let oldSize: UInt64
    let newLeaves: [SHA256Digest]

    init(state: MerkleTreeBuilder.State, newLeaves: [SHA256Digest]) {
        var blocks: [Range<UInt64>: SHA256Digest] = [:]
        var start: UInt64 = 0
        var hashes = state.frontier.makeIterator()
        // One subtree per set bit of the size, largest first.
        for bit in stride(from: 63, through: 0, by: -1) where state.size & (1 << UInt64(bit)) != 0 {
            let span = UInt64(1) << UInt64(bit)
            if let hash = hashes.next() { blocks[start..<start + span] = hash }
            start += span
        }
        self.blocks = blocks
        self.oldSize = state.size
        self.newLeaves = newLeaves
    }

    /// MTH of leaves `start..<end`; nil when it lies inside a frontier subtree.
    func node(_ start: UInt64, _ end: UInt64) -> SHA256Digest? {
        if start == end { return MerkleTree.emptyRoot }
        if start >= oldSize {
            return MerkleTree.subtreeRoot(newLeaves[Int(start - oldSize)..<Int(end - oldSize)])
        }
        if let hash = blocks[start..<end] { return hash }
        guard end - start > 1 else { return nil }
        let split = start + UInt64(MerkleTree.splitPoint(Int(end - start)))
        guard let left = node(start, split), let right = node(split, end) else { return nil }
        return MerkleTree.nodeHash(left, right)
    }

    /// SUBPROOF(m, D[start:end], complete) of RFC 9162 section 2.1.4.1.
    func subproof(_ m: UInt64, _ start: UInt64, _ end: UInt64, complete: Bool) -> [SHA256Digest]? {
        if m == end - start {
            guard !complete else { return [] }
            return node(start, end).map { [$0] }
        }
        let split = start + UInt64(MerkleTree.splitPoint(Int(end - start)))
        if m <= split - start {
            guard let rest = subproof(m, start, split, complete: complete), let right = node(split, end) else { return nil }
            return rest + [right]
        }
        guard let rest = subproof(m - (split - start), split, end, complete: false), let left = node(start, split) else { return nil }
        return rest + [left]
    }
}
