import CryptoPrimitives
import Testing
import TransparencyLog

/// Consistency proofs made from an old tree's frontier and the new leaves
/// alone, checked against the proofs made from every leaf (RFC 9162) for
/// every pair of sizes up to 70, and a few far apart.
@Suite struct FrontierConsistencyProofTests {
    static func leaves(_ count: Int) -> [SHA256Digest] {
        (0..<count).map { MerkleTree.leafHash([UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8), 7]) }
    }

    static func check(oldSize: Int, newSize: Int, leaves: [SHA256Digest]) throws {
        var builder = MerkleTreeBuilder()
        for leaf in leaves[..<oldSize] { builder.append(leafHash: leaf) }
        let made = try #require(builder.state.consistencyProof(appending: Array(leaves[oldSize..<newSize])),
                                "\(oldSize) → \(newSize)")
        let all = Array(leaves[..<newSize])
        #expect(made.root == MerkleTree.root(leafHashes: all), "\(oldSize) → \(newSize)")
        #expect(made.proof == (try MerkleTree.consistencyProof(fromSize: UInt64(oldSize), leafHashes: all)),
                "\(oldSize) → \(newSize)")
    }

    @Test func everyPairOfSizesUpTo70() throws {
        let leaves = Self.leaves(70)
        for newSize in 0...70 {
            for oldSize in 0...newSize {
                try Self.check(oldSize: oldSize, newSize: newSize, leaves: leaves)
            }
        }
    }

    @Test func sizesFarApartAndAroundPowersOfTwo() throws {
        let leaves = Self.leaves(5_000)
        for (oldSize, newSize) in [(1, 5_000), (4_095, 4_096), (4_096, 4_097), (4_097, 5_000), (2_047, 4_999), (3_333, 3_334)] {
            try Self.check(oldSize: oldSize, newSize: newSize, leaves: leaves)
        }
    }
}
