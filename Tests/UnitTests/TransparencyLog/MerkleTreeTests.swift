import CryptoPrimitives
import DeclarationRegistry
import Testing
import TransparencyLog

/// The RFC 6962 test tree shared by Certificate Transparency implementations.
enum RFC6962Vectors {
    static let leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ].map { Hex.decode($0) ?? [] }

    static var leafHashes: [SHA256Digest] { leaves.map { MerkleTree.leafHash($0) } }

    /// roots[n] is the root of the first n leaves.
    static let roots: [SHA256Digest] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(digest)

    static func digest(_ hex: String) -> SHA256Digest {
        guard let digest = SHA256Digest(hex: hex) else {
            Issue.record("bad test vector \(hex)")
            return MerkleTree.emptyRoot
        }
        return digest
    }

    /// Leaf hashes of `count` distinct synthetic leaves.
    static func syntheticLeafHashes(_ count: Int) -> [SHA256Digest] {
        (0..<count).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
    }
}

@Suite struct MerkleTreeTests {
    @Test(arguments: 0...8)
    func rootMatchesPublishedVector(size: Int) {
        let hashes = Array(RFC6962Vectors.leafHashes.prefix(size))
        #expect(MerkleTree.root(leafHashes: hashes) == RFC6962Vectors.roots[size])
    }

    @Test func emptyTreeIsHashOfNothing() {
        #expect(MerkleTree.root(leafHashes: []).hex
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func leafAndNodeHashesAreDomainSeparated() {
        let leaf = RFC6962Vectors.leafHashes[1]
        // SHA-256(0x00 ‖ 0x00) and SHA-256(0x01 ‖ a ‖ b) from their definitions.
        #expect(leaf == SHA256.hash([0x00, 0x00]))
        let a = RFC6962Vectors.leafHashes[0]
        #expect(MerkleTree.nodeHash(a, leaf) == SHA256.hash([0x01] + a.bytes + leaf.bytes))
        #expect(MerkleTree.nodeHash(a, leaf) != MerkleTree.nodeHash(leaf, a))
    }
}
