import CryptoPrimitives
import Testing
import TransparencyLog

@Suite struct TileTests {
    typealias Vectors = RFC6962Vectors

    // MARK: - RFC 9162 vectors

    @Test func theVectorTreeIsOnePartialLevel0Tile() throws {
        let hashes = try Vectors.leafHashes
        let tiles = Tile.tiles(leafHashes: hashes)
        #expect(tiles.map(\.path) == [try TilePath(level: 0, index: 0, width: 8)])
        #expect(tiles.first?.path.path == "tile/0/000.p/8")
        #expect(tiles.first?.bytes == hashes.flatMap(\.bytes))
        #expect(tiles.first?.bytes.count == 8 * 32)
    }

    @Test func rootsFromTilesMatchTheVectors() throws {
        let hashes = try Vectors.leafHashes
        let roots = try Vectors.roots
        let whole = TileSet(leafHashes: hashes)
        for size in 0...hashes.count {
            // From the tiles of that size, and from the tiles of the larger tree.
            #expect(try TileSet(leafHashes: Array(hashes.prefix(size))).root() == roots[size], "size \(size)")
            #expect(try whole.root(of: UInt64(size)) == roots[size], "size \(size) in 8")
        }
    }

    @Test(arguments: try Vectors.inclusionProofs)
    func inclusionProofFromTilesMatchesPublishedVector(index: Int, size: Int, expected: [String]) throws {
        let hashes = try Array(Vectors.leafHashes.prefix(size))
        let tiles = TileSet(leafHashes: hashes)
        let proof = try tiles.inclusionProof(forLeafAt: UInt64(index))
        #expect(proof == expected.map(Vectors.digest))
        try MerkleTree.verifyInclusion(
            leafHash: hashes[index], at: UInt64(index), treeSize: UInt64(size),
            proof: proof, root: Vectors.roots[size]
        )
    }

    @Test(arguments: try Vectors.consistencyProofs)
    func consistencyProofFromTilesMatchesPublishedVector(oldSize: Int, newSize: Int, expected: [String]) throws {
        let tiles = try TileSet(leafHashes: Array(Vectors.leafHashes.prefix(newSize)))
        let proof = try tiles.consistencyProof(fromSize: UInt64(oldSize))
        #expect(proof == expected.map(Vectors.digest))
        try MerkleTree.verifyConsistency(
            oldSize: UInt64(oldSize), newSize: UInt64(newSize),
            oldRoot: Vectors.roots[oldSize], newRoot: Vectors.roots[newSize], proof: proof
        )
    }

    // MARK: - A tree of several thousand leaves

    /// 5,000 leaves: 19 full level 0 tiles, a partial one of 136, and a
    /// partial level 1 tile of 19.
    static let leafHashes = Vectors.syntheticLeafHashes(5_000)

    @Test func tilesOfAThousandsLeafTreeAreTheSpecsTiles() throws {
        let hashes = Self.leafHashes
        let tiles = Tile.tiles(leafHashes: hashes)
        #expect(tiles.map(\.path) == TilePath.hashTiles(treeSize: 5_000))
        #expect(tiles.count == 21)
        for tile in tiles {
            let level = try #require(tile.path.level)
            let start = Int(tile.path.index) * 256
            if level == 0 {
                #expect(tile.hashes == Array(hashes[start..<start + tile.path.width]))
            } else {
                // Each level 1 hash is the root of a full level 0 tile; the partial one is not hashed up.
                #expect(level == 1)
                #expect(tile.path == (try TilePath(level: 1, index: 0, width: 19)))
                for (i, hash) in tile.hashes.enumerated() {
                    #expect(hash == MerkleTree.root(leafHashes: Array(hashes[i * 256..<(i + 1) * 256])))
                }
            }
        }
    }

    @Test func rootsAndProofsFromTilesEqualThoseOfMerkleTree() throws {
        let hashes = Self.leafHashes
        let tiles = TileSet(leafHashes: hashes)
        var builder = MerkleTreeBuilder()
        var sampledRoots: [UInt64: SHA256Digest] = [0: MerkleTree.emptyRoot]
        let boundaries: Set<UInt64> = [1, 2, 3, 255, 256, 257, 511, 512, 513, 1024, 4095, 4096, 4097, 4863, 4864, 4865, 4999]
        for hash in hashes {
            builder.append(leafHash: hash)
            if builder.size % 97 == 0 || boundaries.contains(builder.size) {
                sampledRoots[builder.size] = builder.root
            }
        }
        sampledRoots[5_000] = builder.root
        for (size, root) in sampledRoots {
            #expect(try tiles.root(of: size) == root, "root of \(size)")
        }
        #expect(try tiles.root() == MerkleTree.root(leafHashes: hashes))

        let newRoot = builder.root
        for index in [0, 1, 255, 256, 257, 2_047, 2_048, 4_863, 4_864, 4_999] as [UInt64] {
            let proof = try tiles.inclusionProof(forLeafAt: index)
            #expect(proof == (try MerkleTree.inclusionProof(forLeafAt: index, leafHashes: hashes)), "leaf \(index)")
            try MerkleTree.verifyInclusion(
                leafHash: hashes[Int(index)], at: index, treeSize: 5_000, proof: proof, root: newRoot
            )
        }
        for oldSize in [1, 2, 255, 256, 257, 1_000, 2_048, 4_096, 4_864, 4_865, 4_999] as [UInt64] {
            let proof = try tiles.consistencyProof(fromSize: oldSize)
            #expect(proof == (try MerkleTree.consistencyProof(fromSize: oldSize, leafHashes: hashes)), "from \(oldSize)")
            try MerkleTree.verifyConsistency(
                oldSize: oldSize, newSize: 5_000, oldRoot: try tiles.root(of: oldSize), newRoot: newRoot, proof: proof
            )
        }
        #expect(try tiles.consistencyProof(fromSize: 0).isEmpty)
        #expect(try tiles.consistencyProof(fromSize: 5_000).isEmpty)
    }

    @Test func hashesReadFromTilesAreTheSubtreeRoots() throws {
        let hashes = Self.leafHashes
        let tiles = TileSet(leafHashes: hashes)
        for (height, index) in [(0, 0), (0, 4_999), (1, 2_499), (3, 7), (7, 38), (8, 0), (8, 18), (9, 8), (12, 0)] as [(Int, UInt64)] {
            let start = Int(index) << height
            let expected = MerkleTree.root(leafHashes: Array(hashes[start..<start + (1 << height)]))
            #expect(try tiles.hash(height: height, index: index) == expected, "height \(height) index \(index)")
        }
        #expect(try tiles.tileHash(level: 1, index: 3) == MerkleTree.root(leafHashes: Array(hashes[768..<1024])))
        #expect(try tiles.tileHash(level: 0, index: 42) == hashes[42])
        // Not complete subtrees of 5,000 leaves.
        #expect(throws: TransparencyError.hashOutOfRange(height: 0, index: 5_000, treeSize: 5_000)) {
            try tiles.hash(height: 0, index: 5_000)
        }
        #expect(throws: TransparencyError.hashOutOfRange(height: 8, index: 19, treeSize: 5_000)) {
            try tiles.hash(height: 8, index: 19)
        }
        #expect(throws: TransparencyError.hashOutOfRange(height: 13, index: 0, treeSize: 5_000)) {
            try tiles.hash(height: 13, index: 0)
        }
        #expect(throws: TransparencyError.leafIndexOutOfRange(index: 5_000, treeSize: 5_000)) {
            try tiles.inclusionProof(forLeafAt: 5_000)
        }
        #expect(throws: TransparencyError.treeSizesOutOfOrder(oldSize: 5_001, newSize: 5_000)) {
            try tiles.consistencyProof(fromSize: 5_001)
        }
    }

    @Test func aLevel2TileHoldsTheRootOfTheFirst65536Leaves() throws {
        let hashes = Vectors.syntheticLeafHashes(65_537)
        let tiles = Tile.tiles(leafHashes: hashes)
        #expect(tiles.map(\.path) == TilePath.hashTiles(treeSize: 65_537))
        let top = try #require(tiles.last)
        #expect(top.path == (try TilePath(level: 2, index: 0, width: 1)))
        #expect(top.hashes == [MerkleTree.root(leafHashes: Array(hashes.prefix(65_536)))])
        let set = TileSet(leafHashes: hashes)
        #expect(try set.root() == MerkleTree.root(leafHashes: hashes))
        #expect(try set.hash(height: 16, index: 0) == top.hashes[0])
    }

    // MARK: - Tiles as served

    @Test func tilesReadFromTheirPathsAndBytesGiveTheSameProofs() throws {
        let hashes = Self.leafHashes
        let original = TileSet(leafHashes: hashes)
        var fetched = TileSet(treeSize: 5_000)
        for tile in Tile.tiles(leafHashes: hashes) {
            fetched.insert(try Tile(path: TilePath(parsing: tile.path.path), bytes: tile.bytes))
        }
        #expect(try fetched.root() == original.root())
        #expect(try fetched.inclusionProof(forLeafAt: 1_234) == original.inclusionProof(forLeafAt: 1_234))
        #expect(try fetched.consistencyProof(fromSize: 777) == original.consistencyProof(fromSize: 777))
    }

    @Test func aTileOfTheWrongLengthIsRefused() throws {
        let path = try TilePath(level: 0, index: 0, width: 3)
        let bytes = [UInt8](repeating: 7, count: 96)
        let tile = try Tile(path: path, bytes: bytes)
        #expect(tile.hashes.count == 3)
        #expect(tile.bytes == bytes)
        #expect(throws: TransparencyError.tileSize(path: "tile/0/000.p/3", expectedBytes: 96, found: 95)) {
            try Tile(path: path, bytes: Array(bytes.dropLast()))
        }
        #expect(throws: TransparencyError.tileSize(path: "tile/0/000.p/3", expectedBytes: 96, found: 128)) {
            try Tile(path: path, bytes: bytes + [UInt8](repeating: 0, count: 32))
        }
        #expect(throws: TransparencyError.tileSize(path: "tile/0/000", expectedBytes: 8_192, found: 96)) {
            try Tile(path: TilePath(level: 0, index: 0), bytes: bytes)
        }
        #expect(throws: TransparencyError.self) {
            try Tile(path: TilePath(entryBundle: 0, width: 3), bytes: bytes)
        }
    }

    @Test func aMissingTileIsNamed() throws {
        let hashes = Self.leafHashes
        var tiles = TileSet(treeSize: 5_000)
        for tile in Tile.tiles(leafHashes: hashes) where tile.path != (try TilePath(level: 0, index: 3)) {
            tiles.insert(tile)
        }
        #expect(throws: TransparencyError.missingTile(path: "tile/0/003")) {
            try tiles.inclusionProof(forLeafAt: 800)
        }
        // A tile of another tree size is not used in its place.
        var stale = TileSet(treeSize: 6)
        for tile in Tile.tiles(leafHashes: Array(hashes.prefix(5))) { stale.insert(tile) }
        #expect(throws: TransparencyError.missingTile(path: "tile/0/000.p/6")) {
            try stale.root()
        }
    }

    @Test func aTamperedTileGivesAProofThatFails() throws {
        let hashes = Self.leafHashes
        let root = MerkleTree.root(leafHashes: hashes)
        var tiles = TileSet(leafHashes: hashes)
        let path = try TilePath(level: 1, index: 0, width: 19)
        let original = try #require(tiles[path])
        var altered = original.hashes
        altered[2] = MerkleTree.leafHash([UInt8]())
        tiles.insert(try Tile(path: path, hashes: altered))
        // Leaf 10's proof uses the level 1 hash of leaves 512..<768.
        let proof = try tiles.inclusionProof(forLeafAt: 10)
        #expect(throws: TransparencyError.self) {
            try MerkleTree.verifyInclusion(leafHash: hashes[10], at: 10, treeSize: 5_000, proof: proof, root: root)
        }
        #expect(try tiles.root() != root)
    }
}
