import CryptoPrimitives
import Testing
import TransparencyLog

@Suite struct ProofRangeHasherTests {
    typealias Vectors = RFC6962Vectors

    @Test(arguments: try Vectors.consistencyProofs)
    func consistencyProofMatchesPublishedVector(oldSize: Int, newSize: Int, expected: [String]) throws {
        var hasher = try ProofRangeHasher(consistencyFrom: UInt64(oldSize), to: UInt64(newSize))
        for hash in try Vectors.leafHashes.prefix(newSize) { hasher.append(leafHash: hash) }
        #expect(try hasher.proof() == expected.map(Vectors.digest))
    }

    @Test(arguments: try Vectors.inclusionProofs)
    func inclusionProofMatchesPublishedVector(index: Int, size: Int, expected: [String]) throws {
        var hasher = try ProofRangeHasher(inclusionOf: UInt64(index), treeSize: UInt64(size))
        for hash in try Vectors.leafHashes.prefix(size) { hasher.append(leafHash: hash) }
        #expect(try hasher.proof() == expected.map(Vectors.digest))
    }

    /// Every pair of sizes up to 70 (past one and two powers of two), with
    /// extra leaves after the new tree, against the proofs made from all
    /// the leaf hashes at once.
    @Test func streamedProofsEqualProofsFromAllLeaves() throws {
        let leaves = (0..<80).map { MerkleTree.leafHash([UInt8(truncatingIfNeeded: $0), 7]) }
        for newSize in 1...70 {
            let tree = Array(leaves.prefix(newSize))
            for oldSize in 0...newSize {
                var hasher = try ProofRangeHasher(consistencyFrom: UInt64(oldSize), to: UInt64(newSize))
                for hash in leaves { hasher.append(leafHash: hash) }
                let expected = try MerkleTree.consistencyProof(fromSize: UInt64(oldSize), leafHashes: tree)
                #expect(try hasher.proof() == expected, "consistency \(oldSize) → \(newSize)")
            }
            for index in 0..<newSize {
                var hasher = try ProofRangeHasher(inclusionOf: UInt64(index), treeSize: UInt64(newSize))
                for hash in tree { hasher.append(leafHash: hash) }
                let expected = try MerkleTree.inclusionProof(forLeafAt: UInt64(index), leafHashes: tree)
                #expect(try hasher.proof() == expected, "inclusion of \(index) in \(newSize)")
            }
        }
    }

    @Test func aProofAskedForBeforeItsLeavesAreInIsRefused() throws {
        var hasher = try ProofRangeHasher(consistencyFrom: 3, to: 8)
        for index in 0..<7 { hasher.append(leafHash: MerkleTree.leafHash([UInt8(index)])) }
        #expect(throws: TransparencyError.self) { try hasher.proof() }
    }

    @Test func sizesOutOfOrderAreRefused() {
        #expect(throws: TransparencyError.treeSizesOutOfOrder(oldSize: 5, newSize: 4)) {
            try ProofRangeHasher(consistencyFrom: 5, to: 4)
        }
        #expect(throws: TransparencyError.leafIndexOutOfRange(index: 4, treeSize: 4)) {
            try ProofRangeHasher(inclusionOf: 4, treeSize: 4)
        }
    }
}
