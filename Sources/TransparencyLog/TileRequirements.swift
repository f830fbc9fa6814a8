/// Which tiles a `TileSet` reads to answer a question, so that a client
/// fetches exactly those (all at once) before asking it.
extension TileSet {
    /// The tiles of the tree of `treeSize` leaves that
    /// `consistencyProof(fromSize: oldSize)` reads, each once, in the order
    /// first read: one or two per tile level, O(log n) in all. Empty when
    /// the proof needs no hash (`oldSize` 0 or `treeSize`) or the sizes are
    /// out of order.
    public static func tilesForConsistencyProof(fromSize oldSize: UInt64, treeSize: UInt64) -> [TilePath] {
        var plan = TilePlan(treeSize: treeSize)
        if oldSize > 0, oldSize < treeSize {
            plan.subproof(oldSize, 0, treeSize, complete: true)
        }
        return plan.paths
    }

    /// The tiles of the tree of `treeSize` leaves that
    /// `inclusionProof(forLeafAt: index)` reads, each once, in the order
    /// first read: one or two per tile level, O(log n) in all. Empty when
    /// the proof needs no hash (a tree of one leaf) or `index` is not a leaf
    /// of the tree.
    public static func tilesForInclusionProof(index: UInt64, treeSize: UInt64) -> [TilePath] {
        var plan = TilePlan(treeSize: treeSize)
        if index < treeSize { plan.path(index, 0, treeSize) }
        return plan.paths
    }

    /// The tiles of the tree of `treeSize` leaves that `root(of: size)`
    /// reads; empty when `size` is 0 or larger than `treeSize`.
    public static func tilesForRoot(of size: UInt64, treeSize: UInt64) -> [TilePath] {
        var plan = TilePlan(treeSize: treeSize)
        if size <= treeSize { plan.rangeRoot(0, size) }
        return plan.paths
    }
}

/// The recursion of `TileSet`'s RFC 9162 proofs over leaf ranges, noting
/// the tile each complete subtree's hash is read from instead of reading it.
private struct TilePlan {
    let treeSize: UInt64
    private(set) var paths: [TilePath] = []
    private var seen: Set<TilePath> = []

    init(treeSize: UInt64) {
        self.treeSize = treeSize
    }

    /// The tile holding the root of the complete subtree of `2^height`
    /// leaves at `index`, as `TileSet.hash(height:index:)` finds it.
    private mutating func note(height: Int, index: UInt64) {
        let first = index << UInt64(height % 8)
        guard let path = TilePath.hashTile(level: height / 8, index: first / UInt64(TilePath.fullWidth),
                                           treeSize: treeSize),
              seen.insert(path).inserted
        else { return }
        paths.append(path)
    }

    mutating func rangeRoot(_ low: UInt64, _ high: UInt64) {
        let count = high - low
        if count == 0 { return }
        if count.nonzeroBitCount == 1 {
            let height = count.trailingZeroBitCount
            note(height: height, index: low >> UInt64(height))
            return
        }
        let split = low + Self.splitPoint(count)
        rangeRoot(low, split)
        rangeRoot(split, high)
    }

    mutating func path(_ m: UInt64, _ low: UInt64, _ high: UInt64) {
        guard high - low > 1 else { return }
        let split = low + Self.splitPoint(high - low)
        if m < split {
            path(m, low, split)
            rangeRoot(split, high)
        } else {
            path(m, split, high)
            rangeRoot(low, split)
        }
    }

    mutating func subproof(_ m: UInt64, _ low: UInt64, _ high: UInt64, complete: Bool) {
        if m == high {
            if !complete { rangeRoot(low, high) }
            return
        }
        let split = low + Self.splitPoint(high - low)
        if m <= split {
            subproof(m, low, split, complete: complete)
            rangeRoot(split, high)
        } else {
            subproof(m, split, high, complete: false)
            rangeRoot(low, split)
        }
    }

    /// The largest power of two smaller than `count` (at least 2).
    private static func splitPoint(_ count: UInt64) -> UInt64 {
        1 << UInt64(UInt64.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }
}
