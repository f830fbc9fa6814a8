import CryptoPrimitives
import Testing
import TransparencyLog

@Suite struct MerkleTreeTests {
    @Test(arguments: 0...8)
    func rootMatchesPublishedVector(size: Int) throws {
        let hashes = try Array(RFC6962Vectors.leafHashes.prefix(size))
        #expect(try MerkleTree.root(leafHashes: hashes) == RFC6962Vectors.roots[size])
    }

    @Test func emptyTreeIsHashOfNothing() {
        #expect(MerkleTree.root(leafHashes: []).hex
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func leafAndNodeHashesAreDomainSeparated() throws {
        let leaf = try RFC6962Vectors.leafHashes[1]
        // SHA-256(0x00 ‖ 0x00) and SHA-256(0x01 ‖ a ‖ b) from their definitions.
        #expect(leaf == SHA256.hash([0x00, 0x00]))
        let a = try RFC6962Vectors.leafHashes[0]
        #expect(MerkleTree.nodeHash(a, leaf) == SHA256.hash([0x01] + a.bytes + leaf.bytes))
        #expect(MerkleTree.nodeHash(a, leaf) != MerkleTree.nodeHash(leaf, a))
    }
}
