import Testing
import TransparencyLog

@Suite struct TilePathTests {
    // MARK: - The spec's examples (c2sp.org/tlog-tiles)

    @Test func indexIsWrittenInGroupsOfThreeWithXPrefixes() {
        // The spec's own example.
        #expect(TilePath.encodeIndex(1_234_067) == "x001/x234/067")
        #expect(TilePath.encodeIndex(0) == "000")
        #expect(TilePath.encodeIndex(5) == "005")
        #expect(TilePath.encodeIndex(999) == "999")
        #expect(TilePath.encodeIndex(1000) == "x001/000")
        #expect(TilePath.encodeIndex(1_000_000) == "x001/x000/000")
        #expect(TilePath.encodeIndex(UInt64.max) == "x018/x446/x744/x073/x709/x551/615")
    }

    @Test func pathsOfFullAndPartialTilesAndBundles() throws {
        #expect(try TilePath(level: 0, index: 1_234_067).path == "tile/0/x001/x234/067")
        #expect(try TilePath(level: 3, index: 1_234_067, width: 17).path == "tile/3/x001/x234/067.p/17")
        #expect(try TilePath(level: 63, index: 0, width: 1).path == "tile/63/000.p/1")
        #expect(try TilePath(entryBundle: 1_234_067).path == "tile/entries/x001/x234/067")
        #expect(try TilePath(entryBundle: 2, width: 255).path == "tile/entries/002.p/255")
        #expect(try TilePath(level: 1, index: 4).isPartial == false)
        #expect(try TilePath(level: 1, index: 4, width: 255).isPartial)
    }

    @Test func aTreeOf70000LeavesHasTheSpecsTiles() throws {
        let paths = TilePath.hashTiles(treeSize: 70_000)
        let level0 = paths.filter { $0.level == 0 }
        let level1 = paths.filter { $0.level == 1 }
        let level2 = paths.filter { $0.level == 2 }
        #expect(paths.count == level0.count + level1.count + level2.count)
        // 273 full level 0 tiles and one partial of width 112.
        #expect(level0.count == 274)
        #expect(level0.prefix(273).allSatisfy { !$0.isPartial })
        #expect(level0.map(\.index) == Array(0...273))
        #expect(level0.last == (try TilePath(level: 0, index: 273, width: 112)))
        // One full level 1 tile and one partial of width 17.
        #expect(level1 == [try TilePath(level: 1, index: 0), try TilePath(level: 1, index: 1, width: 17)])
        // One partial level 2 tile of width 1.
        #expect(level2 == [try TilePath(level: 2, index: 0, width: 1)])
        #expect(paths.last?.path == "tile/2/000.p/1")

        let bundles = TilePath.entryBundles(treeSize: 70_000)
        #expect(bundles.count == 274)
        #expect(bundles.last?.path == "tile/entries/273.p/112")
    }

    @Test func aTreeOf256LeavesHasAFullTileAndAPartialLevel1Tile() throws {
        #expect(TilePath.hashTiles(treeSize: 256) == [try TilePath(level: 0, index: 0), try TilePath(level: 1, index: 0, width: 1)])
        #expect(TilePath.entryBundles(treeSize: 256) == [try TilePath(entryBundle: 0)])
    }

    @Test func smallAndEmptyTrees() throws {
        #expect(TilePath.hashTiles(treeSize: 0).isEmpty)
        #expect(TilePath.entryBundles(treeSize: 0).isEmpty)
        #expect(TilePath.hashTiles(treeSize: 1) == [try TilePath(level: 0, index: 0, width: 1)])
        #expect(TilePath.hashTiles(treeSize: 255) == [try TilePath(level: 0, index: 0, width: 255)])
        #expect(TilePath.hashTiles(treeSize: 257) == [
            try TilePath(level: 0, index: 0), try TilePath(level: 0, index: 1, width: 1),
            try TilePath(level: 1, index: 0, width: 1),
        ])
        // 2^16 leaves: 256 full level 0 tiles, one full level 1 tile, a 1-wide level 2 tile.
        let paths = TilePath.hashTiles(treeSize: 65_536)
        #expect(paths.count == 256 + 1 + 1)
        #expect(paths.suffix(2) == [try TilePath(level: 1, index: 0), try TilePath(level: 2, index: 0, width: 1)])
    }

    @Test func theTileOfAnIndexForATreeSize() throws {
        #expect(TilePath.hashTile(level: 0, index: 272, treeSize: 70_000) == (try TilePath(level: 0, index: 272)))
        #expect(TilePath.hashTile(level: 0, index: 273, treeSize: 70_000) == (try TilePath(level: 0, index: 273, width: 112)))
        #expect(TilePath.hashTile(level: 0, index: 274, treeSize: 70_000) == nil)
        #expect(TilePath.hashTile(level: 1, index: 1, treeSize: 70_000) == (try TilePath(level: 1, index: 1, width: 17)))
        #expect(TilePath.hashTile(level: 3, index: 0, treeSize: 70_000) == nil)
        #expect(TilePath.hashTile(level: 0, index: 0, treeSize: 256) == (try TilePath(level: 0, index: 0)))
        #expect(TilePath.hashTile(level: 0, index: 1, treeSize: 256) == nil)
        #expect(TilePath.hashTile(level: 64, index: 0, treeSize: 256) == nil)
        #expect(TilePath.entryBundle(index: 273, treeSize: 70_000) == (try TilePath(entryBundle: 273, width: 112)))
        #expect(TilePath.entryBundle(index: 1, treeSize: 256) == nil)
    }

    // MARK: - Parsing

    @Test(arguments: [
        "tile/0/000", "tile/0/x001/x234/067", "tile/0/x001/x234/067.p/5", "tile/63/999.p/255",
        "tile/1/x001/000", "tile/entries/000.p/1", "tile/entries/x018/x446/x744/x073/x709/x551/615",
        "tile/10/x999/999",
    ])
    func canonicalPathsParseBackToThemselves(text: String) throws {
        #expect(try TilePath(parsing: text).path == text)
    }

    @Test func parsingGivesTheParts() throws {
        let tile = try TilePath(parsing: "tile/2/x001/x234/067.p/17")
        #expect(tile.kind == .hashes(level: 2))
        #expect(tile.index == 1_234_067)
        #expect(tile.width == 17)
        let bundle = try TilePath(parsing: "tile/entries/x005/000")
        #expect(bundle.kind == .entries)
        #expect(bundle.index == 5000)
        #expect(bundle.width == 256)
        #expect(try TilePath(parsing: "tile/entries/x018/x446/x744/x073/x709/x551/615").index == UInt64.max)
    }

    @Test(arguments: [
        "", "tile", "tile/0", "tile/0/", "/tile/0/000", "tile/0/000/", "tiles/0/000", "Tile/0/000",
        // Levels: leading zeros, out of range, not decimal.
        "tile/00/000", "tile/01/000", "tile/64/000", "tile/-1/000", "tile/+1/000", "tile/a/000", "tile//000",
        "tile/Entries/000",
        // Indexes: wrong group sizes, missing or extra x, a leading x000, overflow.
        "tile/0/0", "tile/0/00", "tile/0/0000", "tile/0/x000", "tile/0/x001", "tile/0/001/002",
        "tile/0/x000/001", "tile/0/x001/x002", "tile/0/X001/002", "tile/0/xx01/002", "tile/0/x01/002",
        "tile/0/x00a/000", "tile/0/+01", "tile/0/ 01", "tile/0/x018/x446/x744/x073/x709/x551/616",
        "tile/0/x019/x000/x000/x000/x000/x000/000", "tile/0/x001/x000/x000/x000/x000/x000/x000/000",
        // Widths: none, zero, full, too wide, leading zeros, misplaced.
        "tile/0/000.p", "tile/0/000.p/", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/300",
        "tile/0/000.p/05", "tile/0/000.p/1/2", "tile/0/000.p/1/", "tile/0/x001.p/1/000", "tile/0/000.P/1",
        "tile/0/000p/1", "tile/0/.p/1", "tile/entries/000.p/256",
    ])
    func nonCanonicalPathsAreRefused(text: String) {
        #expect(throws: TransparencyError.self) { try TilePath(parsing: text) }
        do {
            _ = try TilePath(parsing: text)
        } catch {
            guard case .malformedTilePath(_, let found) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(found == text)
        }
    }

    @Test func constructorsRefuseImpossibleTiles() {
        #expect(throws: TransparencyError.self) { try TilePath(level: 64, index: 0) }
        #expect(throws: TransparencyError.self) { try TilePath(level: -1, index: 0) }
        #expect(throws: TransparencyError.self) { try TilePath(level: 0, index: 0, width: 0) }
        #expect(throws: TransparencyError.self) { try TilePath(level: 0, index: 0, width: 257) }
        #expect(throws: TransparencyError.self) { try TilePath(entryBundle: 0, width: 0) }
    }

    @Test func everyListedTileParsesBack() throws {
        for path in TilePath.hashTiles(treeSize: 70_000) + TilePath.entryBundles(treeSize: 70_000) {
            #expect(try TilePath(parsing: path.path) == path)
        }
    }
}
