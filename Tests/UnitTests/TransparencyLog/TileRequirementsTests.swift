import CryptoPrimitives
import Testing
import TransparencyLog

/// The tiles a proof reads are exactly those `TileSet` names in advance.
@Suite struct TileRequirementsTests {
    static func leafHashes(_ count: Int) -> [SHA256Digest] {
        (0..<count).map { MerkleTree.leafHash(Array("leaf \($0)".utf8)) }
    }

    /// A set holding only `paths`, taken from the whole tree's tiles.
    static func only(_ paths: [TilePath], of full: TileSet) -> TileSet {
        var set = TileSet(treeSize: full.treeSize)
        for path in paths {
            if let tile = full[path] { set.insert(tile) }
        }
        return set
    }

    @Test(arguments: [(1, 2), (3, 7), (255, 256), (256, 257), (256, 512), (300, 70_000), (1_000, 65_536),
                      (65_536, 65_537), (65_535, 66_000), (4_097, 69_999), (69_999, 70_000)])
    func theNamedTilesSufficeForAConsistencyProof(oldSize: Int, newSize: Int) throws {
        let hashes = Self.leafHashes(newSize)
        let full = TileSet(leafHashes: hashes)
        let paths = TileSet.tilesForConsistencyProof(fromSize: UInt64(oldSize), treeSize: UInt64(newSize))
        let proof = try Self.only(paths, of: full).consistencyProof(fromSize: UInt64(oldSize))
        #expect(proof == (try MerkleTree.consistencyProof(fromSize: UInt64(oldSize), leafHashes: hashes)))
        #expect(Set(paths).count == paths.count)
        // A handful per level: O(log n), not O(n).
        #expect(paths.count <= 2 * 3)
        // Each one is needed: without it the proof cannot be read.
        for left in paths.indices {
            var fewer = paths
            fewer.remove(at: left)
            #expect(throws: TransparencyError.self) { try Self.only(fewer, of: full).consistencyProof(fromSize: UInt64(oldSize)) }
        }
    }

    @Test func aProofFromTheEmptyTreeOrToItselfNeedsNoTile() {
        #expect(TileSet.tilesForConsistencyProof(fromSize: 0, treeSize: 500).isEmpty)
        #expect(TileSet.tilesForConsistencyProof(fromSize: 500, treeSize: 500).isEmpty)
        #expect(TileSet.tilesForConsistencyProof(fromSize: 501, treeSize: 500).isEmpty)
    }

    @Test(arguments: [1, 255, 256, 257, 70_000])
    func theNamedTilesSufficeForARoot(size: Int) throws {
        let hashes = Self.leafHashes(size)
        let full = TileSet(leafHashes: hashes)
        for prefix in [1, size / 3, size - 1, size] where prefix > 0 {
            let paths = TileSet.tilesForRoot(of: UInt64(prefix), treeSize: UInt64(size))
            #expect(try Self.only(paths, of: full).root(of: UInt64(prefix)) == MerkleTree.root(leafHashes: Array(hashes.prefix(prefix))))
        }
    }

    @Test(arguments: [1, 2, 3, 255, 256, 257, 511, 513, 65_535, 65_536, 65_537, 70_000])
    func theNamedTilesSufficeForAnInclusionProof(size: Int) throws {
        let hashes = Self.leafHashes(size)
        let full = TileSet(leafHashes: hashes)
        let indices = Set([0, 1, 255, 256, 257, 4_097, 65_535, 65_536, size / 2, size - 2, size - 1].filter { $0 >= 0 && $0 < size })
        for index in indices.sorted() {
            let paths = TileSet.tilesForInclusionProof(index: UInt64(index), treeSize: UInt64(size))
            let proof = try Self.only(paths, of: full).inclusionProof(forLeafAt: UInt64(index))
            #expect(proof == (try MerkleTree.inclusionProof(forLeafAt: UInt64(index), leafHashes: hashes)))
            #expect(Set(paths).count == paths.count)
            #expect(paths.count <= 2 * 3)
            for left in paths.indices {
                var fewer = paths
                fewer.remove(at: left)
                #expect(throws: TransparencyError.self) { try Self.only(fewer, of: full).inclusionProof(forLeafAt: UInt64(index)) }
            }
        }
    }

    @Test func anInclusionProofOfNoLeafOrInATreeOfOneNeedsNoTile() {
        #expect(TileSet.tilesForInclusionProof(index: 0, treeSize: 1).isEmpty)
        #expect(TileSet.tilesForInclusionProof(index: 500, treeSize: 500).isEmpty)
        #expect(TileSet.tilesForInclusionProof(index: 0, treeSize: 0).isEmpty)
    }
}
