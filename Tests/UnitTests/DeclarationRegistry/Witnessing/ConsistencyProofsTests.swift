import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// The registrar's consistency proofs: from a kept frontier (reading only
/// the lines after it) they equal the proofs from every leaf; a damaged
/// frontier or a wrong ledger length still gives the right proof, through
/// the whole ledger.
@Suite struct ConsistencyProofsTests {
    struct Scene {
        let directory: TemporaryDirectory
        let registry: GrowingRegistry
        let layout: RegistryLayout
        let lines: [[UInt8]]
        let checkpoint: RegistryCheckpoint

        init(entries: Int) throws {
            directory = try TemporaryDirectory()
            var registry = try GrowingRegistry(in: directory.path("registry"))
            try registry.grow(to: entries)
            self.registry = registry
            layout = RegistryLayout(directory: registry.directory)
            let ledger = Array(try Data(contentsOf: URL(fileURLWithPath: layout.ledger)))
            lines = ledger.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
            let key = try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: layout.checkpoint)))
            checkpoint = try RegistryCheckpoint(opening: bytes, verifier: key, origin: registry.origin)
        }

        var ledgerLength: Int { lines.reduce(0) { $0 + $1.count + 1 } }
        var leafHashes: [SHA256Digest] { lines.map { MerkleTree.leafHash($0) } }

        /// The frontier and ledger length at `size`, as a collection keeps them.
        func frontier(at size: Int) throws -> WitnessFrontiers.Frontier {
            var builder = MerkleTreeBuilder()
            for hash in leafHashes[..<size] { builder.append(leafHash: hash) }
            return .init(ledgerLength: lines[..<size].reduce(0) { $0 + $1.count + 1 }, state: builder.state)
        }

        func proofs(_ frontiers: [UInt64: WitnessFrontiers.Frontier]) -> ConsistencyProofs {
            ConsistencyProofs(layout: layout, ledgerLength: ledgerLength, checkpoint: checkpoint,
                              frontiers: WitnessFrontiers(frontiers: frontiers))
        }

        func expected(from size: Int) throws -> [SHA256Digest] {
            try MerkleTree.consistencyProof(fromSize: UInt64(size), leafHashes: leafHashes)
        }
    }

    @Test func fromAKeptFrontierTheProofIsTheWholeTreesProof() throws {
        let scene = try Scene(entries: 37)
        #expect(scene.lines.count == 37)
        for size in [1, 4, 5, 16, 31, 36] {
            let proofs = scene.proofs([UInt64(size): try scene.frontier(at: size)])
            #expect(try proofs.proof(fromSize: UInt64(size)) == (try scene.expected(from: size)), "from \(size)")
        }
        #expect(try scene.proofs([:]).proof(fromSize: 0) == [])
        #expect(try scene.proofs([:]).proof(fromSize: 37) == [])
    }

    @Test func aDamagedFrontierOrLengthStillGivesTheRightProof() throws {
        let scene = try Scene(entries: 21)
        let good = try scene.frontier(at: 12)
        var hashes = good.state.frontier
        hashes[0] = SHA256.hash([1, 2, 3])
        let damaged = WitnessFrontiers.Frontier(ledgerLength: good.ledgerLength, state: try .init(size: 12, frontier: hashes))
        let shifted = WitnessFrontiers.Frontier(ledgerLength: good.ledgerLength - 1, state: good.state)
        let longer = WitnessFrontiers.Frontier(ledgerLength: scene.ledgerLength + 10, state: good.state)
        for frontier in [damaged, shifted, longer] {
            #expect(try scene.proofs([12: frontier]).proof(fromSize: 12) == (try scene.expected(from: 12)))
        }
        // No frontier at all: the whole ledger, the same proof.
        #expect(try scene.proofs([:]).proof(fromSize: 7) == (try scene.expected(from: 7)))
    }

    @Test func theFrontiersFileRoundTripsAndAGarbledOneIsEmpty() throws {
        let scene = try Scene(entries: 9)
        let kept = WitnessFrontiers(frontiers: [5: try scene.frontier(at: 5), 9: try scene.frontier(at: 9)])
        try kept.save(scene.layout)
        #expect(WitnessFrontiers.load(scene.layout) == kept)
        try Data("5 12 nothex\n".utf8).write(to: URL(fileURLWithPath: scene.layout.witnessFrontiers))
        #expect(WitnessFrontiers.load(scene.layout) == WitnessFrontiers())
    }
}
