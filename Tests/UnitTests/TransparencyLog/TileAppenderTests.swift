import CryptoPrimitives
import Testing
import TransparencyLog

/// The incremental tiles against the tiles of the whole tree computed from
/// scratch (`Tile.tiles(leafHashes:)`), at the sizes where tiles fill up,
/// carry into the level above or start anew.
@Suite struct TileAppenderTests {
    /// Sizes on either side of every boundary a 3-level tree has.
    static let sizes: [Int] = [0, 1, 2, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537]
    static let leafHashes = RFC6962Vectors.syntheticLeafHashes(65_537)
    static let pairs: [(Int, Int)] = sizes.flatMap { old in sizes.filter { $0 >= old }.map { (old, $0) } }

    /// The tiles and the root of each tree size, from scratch, computed once.
    static let scratch: [Int: (tiles: [Tile], root: SHA256Digest)] = Dictionary(uniqueKeysWithValues: (sizes + [258, 300]).map { size in
        let hashes = Array(leafHashes.prefix(size))
        return (size, (Tile.tiles(leafHashes: hashes), MerkleTree.root(leafHashes: hashes)))
    })

    static func tiles(_ size: Int) -> [Tile] {
        scratch[size]?.tiles ?? Tile.tiles(leafHashes: Array(leafHashes.prefix(size)))
    }

    static func root(_ size: Int) -> SHA256Digest {
        scratch[size]?.root ?? MerkleTree.root(leafHashes: Array(leafHashes.prefix(size)))
    }

    @Test(arguments: pairs)
    func growingFromOldToNewGivesTheNewTreesMissingTiles(old: Int, new: Int) throws {
        let oldTiles = Self.tiles(old)
        let newTiles = Self.tiles(new)
        var appender = try TileAppender(treeSize: UInt64(old), partialTiles: oldTiles.filter(\.path.isPartial))
        #expect(appender.root == Self.root(old))
        var completed: [Tile] = []
        for hash in Self.leafHashes[old..<new] {
            completed += appender.append(leafHash: hash)
        }
        #expect(appender.treeSize == UInt64(new))
        #expect(completed.allSatisfy { !$0.path.isPartial })
        // The partial tiles of the new edge that the old tree did not have.
        let oldPaths = Set(oldTiles.map(\.path))
        let fresh = completed + appender.partialTiles.filter { !oldPaths.contains($0.path) }
        let missing = newTiles.filter { !oldPaths.contains($0.path) }
        #expect(Set(fresh) == Set(missing), "\(old) → \(new)")
        #expect(fresh.count == missing.count, "no tile twice")
        #expect(appender.partialTiles == newTiles.filter(\.path.isPartial))
        #expect(appender.partialTiles.map(\.path) == TilePath.partialHashTiles(treeSize: UInt64(new)))
        #expect(appender.root == Self.root(new))
    }

    @Test func oneLeafAfterAFullTreeOfTwoLevelsWritesFewTiles() throws {
        // 65,536 → 65,537: a new level-0 tile of one hash and nothing else;
        // the level 1 and level 2 tiles of 65,536 stay as they are.
        let old = Self.tiles(65_536)
        var appender = try TileAppender(treeSize: 65_536, partialTiles: old.filter(\.path.isPartial))
        #expect(appender.append(leafHash: Self.leafHashes[65_536]).isEmpty)
        #expect(appender.partialTiles.map(\.path.path) == ["tile/0/256.p/1", "tile/2/000.p/1"])
    }

    @Test func the65536thLeafCompletesTwoTiles() throws {
        let old = Self.tiles(65_535)
        var appender = try TileAppender(treeSize: 65_535, partialTiles: old.filter(\.path.isPartial))
        let completed = appender.append(leafHash: Self.leafHashes[65_535])
        #expect(completed.map(\.path.path) == ["tile/0/255", "tile/1/000"])
        #expect(appender.partialTiles.map(\.path.path) == ["tile/2/000.p/1"])
    }

    @Test func partialTilesOfTheSpecsExample() {
        #expect(TilePath.partialHashTiles(treeSize: 70_000).map(\.path)
            == ["tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1"])
        #expect(TilePath.partialHashTiles(treeSize: 256).map(\.path) == ["tile/1/000.p/1"])
        #expect(TilePath.partialHashTiles(treeSize: 0).isEmpty)
    }

    @Test func resumingRefusesAMissingOrForeignTile() throws {
        let tiles = Self.tiles(257)
        let partial = tiles.filter(\.path.isPartial)
        #expect(partial.map(\.path.path) == ["tile/0/001.p/1", "tile/1/000.p/1"])
        #expect(throws: TransparencyError.missingTile(path: "tile/1/000.p/1")) {
            try TileAppender(treeSize: 257, partialTiles: [partial[0]])
        }
        // A full tile, or the partial tile of another size, is not the edge.
        #expect(throws: TransparencyError.unexpectedTile(path: "tile/0/000", treeSize: 257)) {
            try TileAppender(treeSize: 257, partialTiles: partial + [tiles[0]])
        }
        let other = Self.tiles(258).filter(\.path.isPartial)
        #expect(throws: TransparencyError.unexpectedTile(path: "tile/0/001.p/2", treeSize: 257)) {
            try TileAppender(treeSize: 257, partialTiles: other)
        }
    }

    @Test func resumingFromAlteredTilesGivesAnotherRoot() throws {
        // The appender takes the tiles on trust; the root tells.
        var partial = Self.tiles(300).filter(\.path.isPartial)
        var hashes = partial[0].hashes
        hashes[3] = Self.leafHashes[0]
        partial[0] = try Tile(path: partial[0].path, hashes: hashes)
        let appender = try TileAppender(treeSize: 300, partialTiles: partial)
        #expect(appender.root != Self.root(300))
    }
}

@Suite struct EntryBundleAppenderTests {
    static let entries: [[UInt8]] = (0..<600).map { Array("entry \($0)".utf8) }

    /// The bundles of the first `size` entries, from scratch.
    static func bundles(_ size: Int) throws -> [EntryBundleAppender.PlacedBundle] {
        try TilePath.entryBundles(treeSize: UInt64(size)).map { path in
            let start = Int(path.index) * 256
            return try EntryBundleAppender.PlacedBundle(
                path: path, bundle: try EntryBundle(entries: Array(entries[start..<start + path.width])))
        }
    }

    @Test(arguments: [(0, 0), (0, 1), (0, 256), (1, 255), (1, 256), (255, 256), (255, 257), (256, 257),
                      (256, 512), (100, 600), (512, 513), (599, 600)])
    func growingFromOldToNewGivesTheMissingBundles(old: Int, new: Int) throws {
        let oldBundles = try Self.bundles(old)
        var appender = try EntryBundleAppender(treeSize: UInt64(old),
                                               partialBundle: oldBundles.last.flatMap { $0.path.isPartial ? $0.bundle : nil })
        var completed: [EntryBundleAppender.PlacedBundle] = []
        for entry in Self.entries[old..<new] {
            if let bundle = try appender.append(entry: entry) { completed.append(bundle) }
        }
        let oldPaths = Set(oldBundles.map(\.path))
        let fresh = completed + [appender.partialBundle].compactMap { $0 }.filter { !oldPaths.contains($0.path) }
        #expect(fresh == (try Self.bundles(new)).filter { !oldPaths.contains($0.path) }, "\(old) → \(new)")
        #expect(appender.treeSize == UInt64(new))
        // Each bundle's entries hash to the level-0 tile of the same index.
        let hashes = Self.entries.prefix(new).map { MerkleTree.leafHash($0) }
        let tiles = Tile.tiles(leafHashes: hashes).filter { $0.path.level == 0 }
        for placed in fresh {
            let tile = try #require(tiles.first { $0.path.index == placed.path.index })
            #expect(tile.path.width == placed.path.width)
            #expect(tile.hashes == placed.bundle.leafHashes)
        }
    }

    @Test func resumingNeedsExactlyThePartialBundle() throws {
        let bundle = try EntryBundle(entries: Array(Self.entries.prefix(3)))
        #expect(throws: TransparencyError.entryBundleCount(expected: 4, found: 3)) {
            try EntryBundleAppender(treeSize: 260, partialBundle: bundle)
        }
        #expect(throws: TransparencyError.entryBundleCount(expected: 0, found: 3)) {
            try EntryBundleAppender(treeSize: 256, partialBundle: bundle)
        }
        #expect(throws: TransparencyError.entryBundleCount(expected: 3, found: 0)) {
            try EntryBundleAppender(treeSize: 3, partialBundle: nil)
        }
    }

    @Test func anEntryTooLongForABundleIsRefusedAndNotAdded() throws {
        var appender = EntryBundleAppender()
        #expect(try appender.append(entry: [UInt8](repeating: 0x61, count: 65_535)) == nil)
        #expect(throws: TransparencyError.entryTooLarge(index: 1, byteCount: 65_536)) {
            try appender.append(entry: [UInt8](repeating: 0x61, count: 65_536))
        }
        #expect(appender.treeSize == 1)
        #expect(appender.partialBundle?.path.path == "tile/entries/000.p/1")
    }
}
