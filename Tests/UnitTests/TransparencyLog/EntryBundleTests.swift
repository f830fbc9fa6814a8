import CryptoPrimitives
import Testing
import TransparencyLog

@Suite struct EntryBundleTests {
    @Test func entriesArePrefixedWithTheirBigEndianLength() throws {
        let long = [UInt8](repeating: 0xAB, count: 300)
        let bundle = try EntryBundle(entries: [[], Array("a".utf8), [0x00, 0xFF], long])
        #expect(bundle.bytes == [0x00, 0x00] + [0x00, 0x01, 0x61] + [0x00, 0x02, 0x00, 0xFF] + [0x01, 0x2C] + long)
        #expect(try EntryBundle(bytes: bundle.bytes) == bundle)
    }

    @Test func theLongestEntryFitsAndOneByteMoreIsRefused() throws {
        let longest = [UInt8](repeating: 1, count: 65_535)
        let bundle = try EntryBundle(entries: [[2], longest])
        #expect(Array(bundle.bytes[3..<5]) == [0xFF, 0xFF])
        #expect(try EntryBundle(bytes: bundle.bytes).entries == [[2], longest])
        #expect(throws: TransparencyError.entryTooLarge(index: 1, byteCount: 65_536)) {
            try EntryBundle(entries: [[2], longest + [3]])
        }
    }

    @Test func aBundleHoldsOneTo256Entries() throws {
        let full = (0..<256).map { Array("entry \($0)".utf8) }
        let bundle = try EntryBundle(entries: full)
        #expect(try EntryBundle(path: TilePath(entryBundle: 9), bytes: bundle.bytes).entries == full)
        #expect(throws: TransparencyError.entryBundleCount(expected: 256, found: 257)) {
            try EntryBundle(entries: full + [[]])
        }
        #expect(throws: TransparencyError.entryBundleCount(expected: 256, found: 0)) {
            try EntryBundle(entries: [])
        }
        #expect(throws: TransparencyError.malformedEntryBundle(offset: bundle.bytes.count, expected: "the end of the bundle after 256 entries")) {
            try EntryBundle(bytes: bundle.bytes + [0x00, 0x00])
        }
    }

    @Test func malformedBundlesAreRefused() {
        #expect(throws: TransparencyError.malformedEntryBundle(offset: 0, expected: "at least one entry")) {
            try EntryBundle(bytes: [])
        }
        #expect(throws: TransparencyError.malformedEntryBundle(offset: 0, expected: "a two-byte entry length")) {
            try EntryBundle(bytes: [0x00])
        }
        #expect(throws: TransparencyError.malformedEntryBundle(offset: 3, expected: "a two-byte entry length")) {
            try EntryBundle(bytes: [0x00, 0x01, 0x61, 0x00])
        }
        #expect(throws: TransparencyError.malformedEntryBundle(offset: 2, expected: "5 entry bytes, found 2")) {
            try EntryBundle(bytes: [0x00, 0x05, 0x01, 0x02])
        }
        #expect(throws: TransparencyError.malformedEntryBundle(offset: 2, expected: "65535 entry bytes, found 1")) {
            try EntryBundle(bytes: [0xFF, 0xFF, 0x01])
        }
    }

    @Test func aBundleMustHoldAsManyEntriesAsItsPathSays() throws {
        let bytes = try EntryBundle(entries: [[1], [2], [3]]).bytes
        #expect(try EntryBundle(path: TilePath(entryBundle: 0, width: 3), bytes: bytes).entries.count == 3)
        #expect(throws: TransparencyError.entryBundleCount(expected: 4, found: 3)) {
            try EntryBundle(path: TilePath(entryBundle: 0, width: 4), bytes: bytes)
        }
        #expect(throws: TransparencyError.entryBundleCount(expected: 256, found: 3)) {
            try EntryBundle(path: TilePath(entryBundle: 0), bytes: bytes)
        }
        #expect(throws: TransparencyError.malformedTilePath(expected: "an entry bundle path tile/entries/…", found: "tile/0/000.p/3")) {
            try EntryBundle(path: TilePath(level: 0, index: 0, width: 3), bytes: bytes)
        }
    }

    @Test func aBundleHashesToItsLevel0Tile() throws {
        let entries = (0..<300).map { Array("entry \($0)".utf8) }
        let tiles = Tile.tiles(leafHashes: entries.map { MerkleTree.leafHash($0) })
        let first = try EntryBundle(entries: Array(entries[0..<256]))
        let second = try EntryBundle(entries: Array(entries[256...]))
        #expect(tiles.first { $0.path == (try? TilePath(level: 0, index: 0)) }?.hashes == first.leafHashes)
        #expect(tiles.first { $0.path == (try? TilePath(level: 0, index: 1, width: 44)) }?.hashes == second.leafHashes)
        #expect(TilePath.entryBundles(treeSize: 300).map(\.width) == [256, 44])
    }
}
