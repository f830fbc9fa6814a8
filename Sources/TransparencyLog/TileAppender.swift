import CryptoPrimitives

/// Grows the Merkle tiles of a C2SP tlog-tiles log as leaves are appended,
/// holding only the tree's right edge: the partial tile of each level, at
/// most 255 hashes a level, so memory stays flat however large the tree.
///
/// Each leaf hash goes into the level-0 edge; when an edge tile fills up to
/// 256 hashes it is returned as a full tile, and its root goes into the
/// edge of the level above, like a counter carrying. A log that published
/// the tiles of a tree of `n` leaves resumes from that tree's partial tiles
/// alone (`init(treeSize:partialTiles:)`): the tiles of the larger tree that
/// it lacks are then the full tiles `append` returns and the partial tiles
/// of the new edge, with no need to read a full tile or a leaf again.
public struct TileAppender: Sendable, Equatable {
    /// The number of leaves appended so far (or resumed from).
    public private(set) var treeSize: UInt64
    /// The hashes of each level's partial tile, level 0 first: fewer than
    /// 256 a level, none above the tree's top.
    private var edge: [[SHA256Digest]]

    /// An appender for the empty tree.
    public init() {
        treeSize = 0
        edge = []
    }

    /// Resumes the tree of `treeSize` leaves from its partial tiles, which
    /// must be exactly those of `TilePath.partialHashTiles(treeSize:)`, in
    /// any order. The tiles are taken as given: compare `root` with a
    /// checkpoint of that size to know they are the tree's.
    ///
    /// Throws `.missingTile` for a partial tile of the tree not given,
    /// `.unexpectedTile` for a tile given that is not one of them (another
    /// tree size's, or a full tile), and `.invalidBuilderState` for a size
    /// beyond `MerkleTreeBuilder.State.maximumSize`.
    public init(treeSize: UInt64, partialTiles: [Tile]) throws(TransparencyError) {
        guard treeSize <= MerkleTreeBuilder.State.maximumSize else {
            throw .invalidBuilderState(size: treeSize, frontierCount: partialTiles.count)
        }
        let paths = TilePath.partialHashTiles(treeSize: treeSize)
        var byPath: [TilePath: Tile] = [:]
        for tile in partialTiles {
            guard paths.contains(tile.path) else { throw .unexpectedTile(path: tile.path.path, treeSize: treeSize) }
            byPath[tile.path] = tile
        }
        var edge: [[SHA256Digest]] = []
        var level = 0
        while TilePath.hashCount(level: level, treeSize: treeSize) > 0 {
            edge.append([])
            level += 1
        }
        for path in paths {
            guard let tile = byPath[path], let level = path.level else { throw .missingTile(path: path.path) }
            edge[level] = tile.hashes
        }
        self.treeSize = treeSize
        self.edge = edge
    }

    /// Adds a leaf given its hash (`MerkleTree.leafHash(_:)` of the entry)
    /// and returns the full tiles it completed, lowest level first: none for
    /// most leaves, the level-0 tile for every 256th, and the level-1 tile
    /// too for every 65,536th.
    public mutating func append(leafHash: SHA256Digest) -> [Tile] {
        treeSize += 1
        var completed: [Tile] = []
        var carry = leafHash
        var level = 0
        while true {
            if edge.count == level { edge.append([]) }
            edge[level].append(carry)
            guard edge[level].count == TilePath.fullWidth else { break }
            // The level now holds a multiple of 256 hashes; the tile just
            // filled is the last of them.
            let index = TilePath.hashCount(level: level, treeSize: treeSize) / UInt64(TilePath.fullWidth) - 1
            let path = TilePath(unchecked: .hashes(level: level), index: index, width: TilePath.fullWidth)
            completed.append(Tile(uncheckedPath: path, hashes: edge[level]))
            carry = MerkleTree.subtreeRoot(edge[level][...])
            edge[level].removeAll(keepingCapacity: true)
            level += 1
        }
        return completed
    }

    /// The partial tiles of the tree so far, lowest level first, as
    /// `TilePath.partialHashTiles(treeSize:)` lists them.
    public var partialTiles: [Tile] {
        edge.enumerated().compactMap { level, hashes in
            guard !hashes.isEmpty else { return nil }
            let index = TilePath.hashCount(level: level, treeSize: treeSize) / UInt64(TilePath.fullWidth)
            let path = TilePath(unchecked: .hashes(level: level), index: index, width: hashes.count)
            return Tile(uncheckedPath: path, hashes: hashes)
        }
    }

    /// The root of the tree so far, from the edge alone: each partial tile
    /// holds the roots of the tree's complete subtrees at its level (one per
    /// set bit of its width), which fold into the root from the right.
    public var root: SHA256Digest {
        var frontier: [SHA256Digest] = []
        for hashes in edge.reversed() {
            var start = 0
            while start < hashes.count {
                let remaining = hashes.count - start
                let span = 1 << (Int.bitWidth - 1 - remaining.leadingZeroBitCount)
                frontier.append(MerkleTree.subtreeRoot(hashes[start..<start + span]))
                start += span
            }
        }
        guard var root = frontier.last else { return MerkleTree.emptyRoot }
        for left in frontier.dropLast().reversed() {
            root = MerkleTree.nodeHash(left, root)
        }
        return root
    }
}
