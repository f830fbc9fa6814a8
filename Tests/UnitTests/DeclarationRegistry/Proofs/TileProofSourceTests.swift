import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// A published site's tiles answer as the registry's ledger does: the same
/// lines, the same inclusion proofs, the same proofs byte for byte.
@Suite struct TileProofSourceTests {
    static let entries = 300

    @Test func theSitesTilesAnswerAsTheLedgerDoes() throws {
        let directory = try TemporaryDirectory()
        let registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: Self.entries, seed: 11,
                                                   origin: "registry.example/tile-source")
        let site = directory.path("site")
        _ = try SitePublisher(registry: registry.directory, site: site).publish()
        let layout = RegistryLayout(directory: registry.directory)
        let size = UInt64(Self.entries)
        let ledgerLength = try #require(Int(exactly: try FileManager.default.attributesOfItem(atPath: layout.ledger)[.size] as? UInt64 ?? 0))
        for index: UInt64 in [0, 1, 255, 256, 257, 298, 299] {
            let subject = ProofSubject.entry(sequence: Int64(index) + 1)
            let ledger = try LedgerProofSource(layout: layout, ledgerLength: ledgerLength, treeSize: size, subject: subject)
            let tiles = try TileProofSource.reading(site: SiteLayout(directory: site), treeSize: size, index: index)
            #expect(try tiles.entryLine(at: index, treeSize: size) == ledger.entryLine(at: index, treeSize: size))
            #expect(try tiles.inclusionProof(forLeafAt: index, treeSize: size) == ledger.inclusionProof(forLeafAt: index, treeSize: size))
            let fromSite = try EntryProof.make(subject, publishedSite: site)
            #expect(fromSite.bytes == (try EntryProof.make(subject, registry: layout)).bytes)
        }
        // It answers for its one entry only.
        let tiles = try TileProofSource.reading(site: SiteLayout(directory: site), treeSize: size, index: 3)
        #expect(throws: RegistryError.self) { try tiles.entryLine(at: 4, treeSize: size) }
        #expect(throws: RegistryError.self) { try tiles.inclusionProof(forLeafAt: 3, treeSize: size - 1) }
    }

    @Test func aKeysLatestEntryFromTheSiteIsTheLedgers() throws {
        let directory = try TemporaryDirectory()
        let registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: 40, seed: 12,
                                                   origin: "registry.example/tile-source")
        let site = directory.path("site")
        _ = try SitePublisher(registry: registry.directory, site: site).publish()
        #expect(EntryProof.isPublishedSite(site))
        #expect(!EntryProof.isPublishedSite(registry.directory))
        for statement in [0, 17, 39] {
            let subject = ProofSubject.latestEntry(signedBy: registry.statements[statement].publicKey)
            let fromSite = try EntryProof.make(subject, publishedSite: site)
            let local = try EntryProof.make(subject, registry: RegistryLayout(directory: registry.directory))
            #expect(fromSite.bytes == local.bytes)
        }
    }

    @Test func aMissingTileIsRefusedWithItsPath() throws {
        let directory = try TemporaryDirectory()
        let registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: 10, seed: 13,
                                                   origin: "registry.example/tile-source")
        let site = directory.path("site")
        _ = try SitePublisher(registry: registry.directory, site: site).publish()
        try FileManager.default.removeItem(atPath: site + "/tile/0/000.p/10")
        #expect {
            try EntryProof.make(.entry(sequence: 2), publishedSite: site)
        } throws: { error in
            "\(error)".contains("tile/0/000.p/10") && "\(error)".contains("declaration publish")
        }
    }
}
