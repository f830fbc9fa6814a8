import CryptoPrimitives

/// A Merkle tile of a C2SP tlog-tiles log: up to 256 consecutive Merkle tree
/// hashes at one tile level, served as their 32-byte concatenation.
///
/// The `i`-th hash of tile `n` at level `l` is
/// `MTH(D[(n * 256 + i) * 256^l : (n * 256 + i + 1) * 256^l])`: leaf hashes at
/// level 0, and at level `l` the root of each full tile of level `l - 1`.
public struct Tile: Sendable, Hashable {
    /// Where the tile lives; its width is the number of hashes.
    public let path: TilePath
    /// The tile's hashes, `path.width` of them.
    public let hashes: [SHA256Digest]

    /// A tile of `hashes`, one per unit of the path's width.
    public init(path: TilePath, hashes: [SHA256Digest]) throws(TransparencyError) {
        guard path.level != nil else {
            throw .malformedTilePath(expected: "a Merkle tile path tile/<L>/…", found: path.path)
        }
        guard hashes.count == path.width else {
            throw .tileSize(
                path: path.path, expectedBytes: path.width * SHA256.byteCount,
                found: hashes.count * SHA256.byteCount
            )
        }
        self.path = path
        self.hashes = hashes
    }

    /// Reads a tile as served: exactly `path.width` hashes of 32 bytes.
    public init(path: TilePath, bytes: [UInt8]) throws(TransparencyError) {
        let expected = path.width * SHA256.byteCount
        guard bytes.count == expected else {
            throw .tileSize(path: path.path, expectedBytes: expected, found: bytes.count)
        }
        var hashes: [SHA256Digest] = []
        hashes.reserveCapacity(path.width)
        var start = 0
        while start < bytes.count {
            guard let hash = SHA256Digest(bytes: Array(bytes[start..<start + SHA256.byteCount])) else {
                throw .tileSize(path: path.path, expectedBytes: expected, found: bytes.count)
            }
            hashes.append(hash)
            start += SHA256.byteCount
        }
        try self.init(path: path, hashes: hashes)
    }

    /// The bytes to serve: the hashes concatenated.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hashes.count * SHA256.byteCount)
        for hash in hashes { bytes += hash.bytes }
        return bytes
    }

    /// Every Merkle tile of the tree of `leafHashes`, in the order of
    /// `TilePath.hashTiles(treeSize:)`. Partial tiles are not hashed into the
    /// level above.
    public static func tiles(leafHashes: [SHA256Digest]) -> [Tile] {
        var tiles: [Tile] = []
        var level = 0
        var hashes = leafHashes
        while !hashes.isEmpty, level <= TilePath.maximumLevel {
            var roots: [SHA256Digest] = []
            var start = 0
            var index: UInt64 = 0
            while start < hashes.count {
                let end = min(start + TilePath.fullWidth, hashes.count)
                let chunk = Array(hashes[start..<end])
                // The level is at most 63 and the width 1 to 256 by construction.
                let path = TilePath(unchecked: .hashes(level: level), index: index, width: chunk.count)
                tiles.append(Tile(uncheckedPath: path, hashes: chunk))
                if chunk.count == TilePath.fullWidth {
                    roots.append(MerkleTree.subtreeRoot(chunk[...]))
                }
                start = end
                index += 1
            }
            hashes = roots
            level += 1
        }
        return tiles
    }

    /// A tile whose hashes are already known to number `path.width`.
    init(uncheckedPath path: TilePath, hashes: [SHA256Digest]) {
        self.path = path
        self.hashes = hashes
    }
}

/// The Merkle tiles of one tree size, and the hashes, roots and RFC 9162
/// proofs read from them alone.
///
/// Each tile is looked up by the exact path the tree of `treeSize` leaves
/// has (full, or partial of the spec's width), so a tile of another size is
/// never used by mistake.
public struct TileSet: Sendable {
    /// The size of the tree the tiles are of.
    public let treeSize: UInt64
    private var tiles: [TilePath: Tile] = [:]

    /// An empty set for the tree of `treeSize` leaves; add tiles with `insert`.
    public init(treeSize: UInt64) {
        self.treeSize = treeSize
    }

    /// All the tiles of the tree of `leafHashes`.
    public init(leafHashes: [SHA256Digest]) {
        self.init(treeSize: UInt64(leafHashes.count))
        for tile in Tile.tiles(leafHashes: leafHashes) {
            tiles[tile.path] = tile
        }
    }

    /// Adds (or replaces) a tile.
    public mutating func insert(_ tile: Tile) {
        tiles[tile.path] = tile
    }

    /// The tile at `path`, if the set holds it.
    public subscript(path: TilePath) -> Tile? { tiles[path] }

    /// The `index`-th hash at tile level `level`: the Merkle tree hash of
    /// leaves `index * 256^level` to `(index + 1) * 256^level`.
    public func tileHash(level: Int, index: UInt64) throws(TransparencyError) -> SHA256Digest {
        guard (0...7).contains(level) else {
            throw .hashOutOfRange(height: 8 * level, index: index, treeSize: treeSize)
        }
        return try hash(height: 8 * level, index: index)
    }

    /// The root of the complete subtree of `2^height` leaves starting at leaf
    /// `index * 2^height` (height 0: a leaf hash), rebuilt from the one tile
    /// holding its hashes.
    public func hash(height: Int, index: UInt64) throws(TransparencyError) -> SHA256Digest {
        guard (0..<UInt64.bitWidth).contains(height), index < treeSize >> UInt64(height) else {
            throw .hashOutOfRange(height: height, index: index, treeSize: treeSize)
        }
        let level = height / 8
        let span = 1 << (height % 8)
        let first = index << UInt64(height % 8)
        let tileIndex = first / UInt64(TilePath.fullWidth)
        let offset = Int(first % UInt64(TilePath.fullWidth))
        guard let path = TilePath.hashTile(level: level, index: tileIndex, treeSize: treeSize) else {
            throw .hashOutOfRange(height: height, index: index, treeSize: treeSize)
        }
        guard let tile = tiles[path] else { throw .missingTile(path: path.path) }
        guard offset + span <= tile.hashes.count else {
            throw .hashOutOfRange(height: height, index: index, treeSize: treeSize)
        }
        return MerkleTree.subtreeRoot(tile.hashes[offset..<offset + span])
    }

    /// The root of the whole tree.
    public func root() throws(TransparencyError) -> SHA256Digest {
        try root(of: treeSize)
    }

    /// The root of the tree of the first `size` leaves (at most `treeSize`).
    public func root(of size: UInt64) throws(TransparencyError) -> SHA256Digest {
        guard size <= treeSize else { throw .treeSizesOutOfOrder(oldSize: size, newSize: treeSize) }
        return try rangeRoot(0, size)
    }

    /// PATH(m, D[n]) of RFC 9162 section 2.1.3.1 for leaf `index` of the
    /// tree of `treeSize` leaves, read from the tiles.
    public func inclusionProof(forLeafAt index: UInt64) throws(TransparencyError) -> [SHA256Digest] {
        guard index < treeSize else { throw .leafIndexOutOfRange(index: index, treeSize: treeSize) }
        return try path(index, 0, treeSize)
    }

    /// PROOF(m, D[n]) of RFC 9162 section 2.1.4.1 from the tree of `oldSize`
    /// leaves to the tree of `treeSize`, read from the tiles.
    public func consistencyProof(fromSize oldSize: UInt64) throws(TransparencyError) -> [SHA256Digest] {
        guard oldSize <= treeSize else { throw .treeSizesOutOfOrder(oldSize: oldSize, newSize: treeSize) }
        guard oldSize > 0, oldSize < treeSize else { return [] }
        return try subproof(oldSize, 0, treeSize, complete: true)
    }

    // MARK: - RFC 9162 over leaf ranges

    /// MTH(D[low:high]) for a range of the RFC's recursion (`low` a multiple
    /// of the largest power of two not above `high - low`).
    private func rangeRoot(_ low: UInt64, _ high: UInt64) throws(TransparencyError) -> SHA256Digest {
        let count = high - low
        if count == 0 { return MerkleTree.emptyRoot }
        if count.nonzeroBitCount == 1 {
            let height = count.trailingZeroBitCount
            return try hash(height: height, index: low >> UInt64(height))
        }
        let split = low + Self.splitPoint(count)
        return MerkleTree.nodeHash(try rangeRoot(low, split), try rangeRoot(split, high))
    }

    private func path(_ m: UInt64, _ low: UInt64, _ high: UInt64) throws(TransparencyError) -> [SHA256Digest] {
        guard high - low > 1 else { return [] }
        let split = low + Self.splitPoint(high - low)
        if m < split {
            return try path(m, low, split) + [rangeRoot(split, high)]
        }
        return try path(m, split, high) + [rangeRoot(low, split)]
    }

    private func subproof(
        _ m: UInt64, _ low: UInt64, _ high: UInt64, complete: Bool
    ) throws(TransparencyError) -> [SHA256Digest] {
        if m == high {
            return complete ? [] : [try rangeRoot(low, high)]
        }
        let split = low + Self.splitPoint(high - low)
        if m <= split {
            return try subproof(m, low, split, complete: complete) + [rangeRoot(split, high)]
        }
        return try subproof(m, split, high, complete: false) + [rangeRoot(low, split)]
    }

    /// The largest power of two smaller than `count` (at least 2).
    private static func splitPoint(_ count: UInt64) -> UInt64 {
        1 << UInt64(UInt64.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }
}
