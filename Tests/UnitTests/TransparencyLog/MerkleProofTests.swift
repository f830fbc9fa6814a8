import CryptoPrimitives
import Testing
import TransparencyLog

@Suite struct MerkleProofTests {
    typealias Vectors = RFC6962Vectors

    // MARK: - Published vectors (transparency-dev/merkle, RFC 6962 test tree)

    @Test(arguments: try Vectors.inclusionProofs)
    func inclusionProofMatchesPublishedVector(index: Int, size: Int, expected: [String]) throws {
        let hashes = try Array(Vectors.leafHashes.prefix(size))
        let proof = try MerkleTree.inclusionProof(forLeafAt: UInt64(index), leafHashes: hashes)
        #expect(proof == expected.map(Vectors.digest))
        try MerkleTree.verifyInclusion(
            leafHash: hashes[index], at: UInt64(index), treeSize: UInt64(size),
            proof: proof, root: Vectors.roots[size]
        )
    }

    @Test(arguments: try Vectors.consistencyProofs)
    func consistencyProofMatchesPublishedVector(oldSize: Int, newSize: Int, expected: [String]) throws {
        let hashes = try Array(Vectors.leafHashes.prefix(newSize))
        let proof = try MerkleTree.consistencyProof(fromSize: UInt64(oldSize), leafHashes: hashes)
        #expect(proof == expected.map(Vectors.digest))
        try MerkleTree.verifyConsistency(
            oldSize: UInt64(oldSize), newSize: UInt64(newSize),
            oldRoot: Vectors.roots[oldSize], newRoot: Vectors.roots[newSize], proof: proof
        )
    }

    // MARK: - Every tree up to 20 leaves

    @Test(arguments: 1...20)
    func inclusionProofsVerifyAndResistTampering(size: Int) throws {
        let hashes = Vectors.syntheticLeafHashes(size)
        let root = MerkleTree.root(leafHashes: hashes)
        let treeSize = UInt64(size)
        for index in 0..<size {
            let proof = try MerkleTree.inclusionProof(forLeafAt: UInt64(index), leafHashes: hashes)
            try MerkleTree.verifyInclusion(
                leafHash: hashes[index], at: UInt64(index), treeSize: treeSize, proof: proof, root: root
            )
            func rejects(
                leaf: SHA256Digest? = nil, index otherIndex: Int? = nil, treeSize otherSize: UInt64? = nil,
                proof otherProof: [SHA256Digest]? = nil, root otherRoot: SHA256Digest? = nil
            ) -> Bool {
                do {
                    try MerkleTree.verifyInclusion(
                        leafHash: leaf ?? hashes[index], at: UInt64(otherIndex ?? index),
                        treeSize: otherSize ?? treeSize, proof: otherProof ?? proof, root: otherRoot ?? root
                    )
                    return false
                } catch {
                    return true
                }
            }
            for element in proof.indices {
                for byte in 0..<32 {
                    var altered = proof
                    altered[element] = flipped(proof[element], byte: byte)
                    #expect(rejects(proof: altered), "size \(size) leaf \(index) proof[\(element)] byte \(byte)")
                }
            }
            for other in 0..<size where other != index {
                #expect(rejects(index: other), "size \(size) leaf \(index) claimed at \(other)")
                #expect(rejects(leaf: hashes[other]), "size \(size) leaf \(index) swapped for \(other)")
            }
            // A neighbouring size often shares the leaf's path (the proof does
            // not authenticate the size on its own), so try a different height.
            for otherSize in [treeSize / 2, treeSize * 2] where otherSize != treeSize {
                #expect(rejects(treeSize: otherSize), "size \(size) leaf \(index) claimed in \(otherSize)")
            }
            #expect(rejects(root: flipped(root, byte: 0)))
            #expect(rejects(proof: proof + [root]))
            if !proof.isEmpty {
                #expect(rejects(proof: Array(proof.dropLast())))
            }
        }
    }

    @Test(arguments: 0...20)
    func consistencyProofsVerifyAndResistTampering(newSize: Int) throws {
        let hashes = Vectors.syntheticLeafHashes(newSize)
        let newRoot = MerkleTree.root(leafHashes: hashes)
        for oldSize in 0...newSize {
            let oldRoot = MerkleTree.root(leafHashes: Array(hashes.prefix(oldSize)))
            let proof = try MerkleTree.consistencyProof(fromSize: UInt64(oldSize), leafHashes: hashes)
            try MerkleTree.verifyConsistency(
                oldSize: UInt64(oldSize), newSize: UInt64(newSize),
                oldRoot: oldRoot, newRoot: newRoot, proof: proof
            )
            func rejects(
                oldSize otherOld: Int? = nil, newSize otherNew: Int? = nil,
                oldRoot otherOldRoot: SHA256Digest? = nil, newRoot otherNewRoot: SHA256Digest? = nil,
                proof otherProof: [SHA256Digest]? = nil
            ) -> Bool {
                do {
                    try MerkleTree.verifyConsistency(
                        oldSize: UInt64(otherOld ?? oldSize), newSize: UInt64(otherNew ?? newSize),
                        oldRoot: otherOldRoot ?? oldRoot, newRoot: otherNewRoot ?? newRoot,
                        proof: otherProof ?? proof
                    )
                    return false
                } catch {
                    return true
                }
            }
            let label = "\(oldSize) → \(newSize)"
            #expect(rejects(proof: proof + [newRoot]), "\(label) with a hash appended")
            if oldSize > 0 {
                #expect(rejects(oldRoot: flipped(oldRoot, byte: 31)), "\(label) altered old root")
                #expect(rejects(newRoot: flipped(newRoot, byte: 31)), "\(label) altered new root")
            }
            // Only proofs between distinct, non-empty trees carry hashes to tamper with.
            guard !proof.isEmpty else { continue }
            for element in proof.indices {
                for byte in 0..<32 {
                    var altered = proof
                    altered[element] = flipped(proof[element], byte: byte)
                    #expect(rejects(proof: altered), "\(label) proof[\(element)] byte \(byte)")
                }
            }
            for otherOld in 0...newSize where otherOld != oldSize {
                #expect(rejects(oldSize: otherOld), "\(label) claimed from \(otherOld)")
            }
            for otherNew in [newSize / 2, newSize * 2] {
                #expect(rejects(newSize: otherNew), "\(label) claimed to \(otherNew)")
            }
            #expect(rejects(oldRoot: newRoot, newRoot: oldRoot), "\(label) swapped roots")
            #expect(rejects(proof: Array(proof.dropLast())), "\(label) truncated")
            #expect(rejects(proof: []), "\(label) empty")
        }
    }

    // MARK: - Refusals with precise errors

    @Test func indexOutsideTheTreeIsRefused() throws {
        let hashes = try Array(Vectors.leafHashes.prefix(3))
        #expect(throws: TransparencyError.leafIndexOutOfRange(index: 3, treeSize: 3)) {
            try MerkleTree.inclusionProof(forLeafAt: 3, leafHashes: hashes)
        }
        #expect(throws: TransparencyError.leafIndexOutOfRange(index: 0, treeSize: 0)) {
            try MerkleTree.verifyInclusion(
                leafHash: hashes[0], at: 0, treeSize: 0, proof: [], root: Vectors.roots[0]
            )
        }
    }

    @Test func errorsSayWhatWentWrong() throws {
        let hashes = try Array(Vectors.leafHashes.prefix(8))
        let proof = try MerkleTree.inclusionProof(forLeafAt: 0, leafHashes: hashes)
        #expect(throws: TransparencyError.proofLength(expected: 3, found: 2)) {
            try MerkleTree.verifyInclusion(
                leafHash: hashes[0], at: 0, treeSize: 8, proof: Array(proof.prefix(2)), root: Vectors.roots[8]
            )
        }
        #expect(throws: TransparencyError.treeSizesOutOfOrder(oldSize: 9, newSize: 8)) {
            try MerkleTree.consistencyProof(fromSize: 9, leafHashes: hashes)
        }
        #expect(throws: try TransparencyError.rootMismatch(
            treeSize: 5, expected: Vectors.roots[5], computed: Vectors.roots[4]
        )) {
            try MerkleTree.verifyConsistency(
                oldSize: 5, newSize: 5, oldRoot: Vectors.roots[4], newRoot: Vectors.roots[5], proof: []
            )
        }
        #expect(throws: TransparencyError.proofLength(expected: 0, found: 1)) {
            try MerkleTree.verifyConsistency(
                oldSize: 0, newSize: 8, oldRoot: Vectors.roots[0], newRoot: Vectors.roots[8],
                proof: [Vectors.roots[0]]
            )
        }
    }

    private func flipped(_ digest: SHA256Digest, byte: Int) -> SHA256Digest {
        var bytes = digest.bytes
        bytes[byte] ^= 0x01
        return SHA256Digest(bytes: bytes) ?? digest
    }
}
