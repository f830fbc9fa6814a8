import Foundation
import Testing
import TestSupport
import TransparencyLog

@Suite struct MerkleTreeBuilderTests {
    @Test func rootAtEverySizeMatchesPublishedVectors() throws {
        var builder = MerkleTreeBuilder()
        #expect(try builder.root == RFC6962Vectors.roots[0])
        for (index, leaf) in try RFC6962Vectors.leaves.enumerated() {
            builder.append(leaf: leaf)
            #expect(builder.size == UInt64(index + 1))
            #expect(try builder.root == RFC6962Vectors.roots[index + 1])
        }
    }

    @Test func streamingRootEqualsRecursiveRootUpTo70Leaves() {
        let hashes = RFC6962Vectors.syntheticLeafHashes(70)
        var builder = MerkleTreeBuilder()
        #expect(builder.root == MerkleTree.root(leafHashes: []))
        for size in 1...70 {
            builder.append(leafHash: hashes[size - 1])
            // Reading the root must not disturb later appends.
            #expect(builder.root == MerkleTree.root(leafHashes: Array(hashes.prefix(size))))
            #expect(builder.state.frontier.count == size.nonzeroBitCount)
        }
    }

    @Test func savedStateResumesWhereItStopped() throws {
        let directory = try TemporaryDirectory()
        let file = URL(fileURLWithPath: directory.path("tree-state.json"))
        let hashes = RFC6962Vectors.syntheticLeafHashes(45)

        var first = MerkleTreeBuilder()
        for hash in hashes.prefix(27) { first.append(leafHash: hash) }
        try JSONEncoder().encode(first.state).write(to: file)

        let state = try JSONDecoder().decode(MerkleTreeBuilder.State.self, from: Data(contentsOf: file))
        var resumed = MerkleTreeBuilder(state: state)
        #expect(resumed == first)
        for hash in hashes.dropFirst(27) { resumed.append(leafHash: hash) }
        #expect(resumed.size == 45)
        #expect(resumed.root == MerkleTree.root(leafHashes: hashes))
    }

    @Test func inconsistentStateIsRejected() throws {
        let hash = try RFC6962Vectors.leafHashes[0]
        // Size 3 has two set bits, so it needs two frontier hashes.
        #expect(throws: TransparencyError.invalidBuilderState(size: 3, frontierCount: 1)) {
            try MerkleTreeBuilder.State(size: 3, frontier: [hash])
        }
        #expect(throws: TransparencyError.invalidBuilderState(size: .max, frontierCount: 64)) {
            try MerkleTreeBuilder.State(size: .max, frontier: Array(repeating: hash, count: 64))
        }
        let badHex = Data(#"{"size":1,"frontier":["zz"]}"#.utf8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MerkleTreeBuilder.State.self, from: badHex)
        }
        let wrongCount = Data(#"{"size":2,"frontier":[]}"#.utf8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MerkleTreeBuilder.State.self, from: wrongCount)
        }
    }
}
