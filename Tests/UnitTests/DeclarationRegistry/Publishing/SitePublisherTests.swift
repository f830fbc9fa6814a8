import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// Publishing a registry to a site through the library: what each publish
/// writes, what a client then reads, what a crash at each step leaves, and
/// what is refused.
@Suite struct SitePublisherTests {
    /// A growing registry and a site directory beside it.
    struct Scene {
        let directory: TemporaryDirectory
        var registry: GrowingRegistry
        let site: String

        init(size: Int = 0) throws {
            directory = try TemporaryDirectory()
            registry = try GrowingRegistry(in: directory.path("registry"))
            try registry.grow(to: size)
            site = directory.path("site")
        }

        var publisher: SitePublisher { SitePublisher(registry: registry.directory, site: site) }

        @discardableResult
        func publish(full: Bool = false, to other: String? = nil) throws -> PublishReport {
            try SitePublisher(registry: registry.directory, site: other ?? site).publish(recomputingAll: full)
        }

        var reader: SiteReader { SiteReader(site: site) }

        func path(_ relative: String) -> String { site + "/" + relative }

        /// The failure a publish throws, unwrapped.
        func refusal(full: Bool = false) throws -> PublishFailure? {
            try SitePublisherTests.refusal(publisher, full: full)
        }
    }

    static let registryFiles: Set<String> = ["registry.json", ".nojekyll", "declaration/en.txt", "declaration/es.txt",
                                              "declaration/fr.txt", "declaration/manifest.json"]

    /// What a publish from a site serving `old` entries (nil: an empty
    /// site) to `new` must write: the tiles and bundles of the new tree the
    /// old one lacks, the registry's files on the first publish, the ledger
    /// and the checkpoint when they change.
    static func expectedFiles(from old: UInt64?, to new: UInt64) -> Set<String> {
        let before = old.map { Set((TilePath.hashTiles(treeSize: $0) + TilePath.entryBundles(treeSize: $0)).map(\.path)) } ?? []
        var files = Set((TilePath.hashTiles(treeSize: new) + TilePath.entryBundles(treeSize: new)).map(\.path))
            .subtracting(before)
        if old == nil { files.formUnion(registryFiles) }
        if old != new { files.formUnion(["ledger.jsonl", "checkpoint"]) }
        return files
    }

    @Test func eachPublishWritesOnlyWhatTheTreeGainedAndTheSiteReadsWhole() throws {
        var scene = try Scene()
        var served: UInt64?
        for size in [0, 0, 1, 2, 255, 256, 257, 300, 511, 512, 513, 1_000, 1_000, 1_024, 1_025] {
            try scene.registry.grow(to: size)
            let report = try scene.publish()
            #expect(Set(report.written) == Self.expectedFiles(from: served, to: UInt64(size)), "publish of \(size) after \(served.map(String.init) ?? "none")")
            #expect(report.written.count == Set(report.written).count, "no file written twice")
            #expect(report.written.last == (served == UInt64(size) ? nil : "checkpoint"), "the checkpoint comes last")
            #expect(!report.recomputedAll || served == nil)
            #expect(report.previousSize == served)
            #expect(try scene.reader.check() == UInt64(size))
            let ledger = try Data(contentsOf: URL(fileURLWithPath: scene.registry.directory + "/ledger.jsonl"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: scene.path("ledger.jsonl"))) == ledger)
            served = UInt64(size)
        }
        // The site grown one publish at a time holds every file a publish
        // from scratch writes, byte for byte, and the partial tiles of each
        // size it served besides.
        let fresh = scene.directory.path("fresh")
        try scene.publish(to: fresh)
        let grown = try scene.reader.listing()
        let scratch = try SiteReader(site: fresh).listing()
        for (path, record) in scratch {
            #expect(grown[path]?.bytes == record.bytes, "\(path)")
        }
        #expect(grown["tile/0/000.p/255"] != nil && grown["tile/entries/003.p/232"] != nil)
    }

    @Test func fullTilesAndBundlesAreNeverRewritten() throws {
        var scene = try Scene(size: 600)
        try scene.publish()
        let before = try scene.reader.listing()
        try scene.registry.grow(by: 1)
        let report = try scene.publish()
        #expect(report.written == ["tile/0/002.p/89", "tile/entries/002.p/89", "ledger.jsonl", "checkpoint"])
        let after = try scene.reader.listing()
        for (path, record) in before where path != "checkpoint" {
            // Same file, same bytes, not touched (the ledger only grew, in place).
            #expect(after[path]?.inode == record.inode, "\(path)")
            if path == "ledger.jsonl" {
                #expect(after[path]?.bytes.starts(with: record.bytes) == true)
            } else {
                #expect(after[path] == record, "\(path)")
            }
        }
        #expect(Set(after.keys).subtracting(before.keys) == ["tile/0/002.p/89", "tile/entries/002.p/89"])
        #expect(try scene.reader.check() == 601)
    }

    @Test(arguments: [SitePublisher.Interruption.beforeRenaming, .beforeLedger, .beforeCheckpoint])
    func aCrashAtAnyStepLeavesTheOldSiteWholeAndARerunCompletesIt(step: SitePublisher.Interruption) throws {
        var scene = try Scene(size: 300)
        try scene.publish()
        try scene.registry.grow(to: 700)
        var interrupted = scene.publisher
        interrupted.interruption = step
        #expect(throws: RegistryError.self) { _ = try interrupted.publish() }
        // A client still reads the old checkpoint's tree whole.
        #expect(try scene.reader.check() == 300)
        let report = try scene.publish()
        #expect(try scene.reader.check() == 700)
        #expect(!report.recomputedAll)
        #expect(report.written.last == "checkpoint")
        let ledger = try Data(contentsOf: URL(fileURLWithPath: scene.registry.directory + "/ledger.jsonl"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scene.path("ledger.jsonl"))) == ledger)
        // No temporary file is left anywhere on the site.
        #expect(try scene.reader.listing().keys.filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func aCrashDuringTheFirstPublishIsCompletedByTheNext() throws {
        var scene = try Scene(size: 260)
        var interrupted = scene.publisher
        interrupted.interruption = .beforeCheckpoint
        #expect(throws: RegistryError.self) { _ = try interrupted.publish() }
        #expect(!FileSystem.exists(scene.path("checkpoint")))
        let report = try scene.publish()
        #expect(report.recomputedAll)
        #expect(try scene.reader.check() == 260)
        try scene.registry.grow(by: 3)
        #expect(try scene.publish().written.count == 4)
    }

    // MARK: - A site altered or damaged

    @Test func anAlteredPartialTileIsFoundAndNamed() throws {
        var scene = try Scene(size: 300)
        try scene.publish()
        try flipByte(in: scene.path("tile/0/001.p/44"))
        try scene.registry.grow(by: 1)
        let before = try scene.reader.listing()
        let failure = try #require(try scene.refusal())
        #expect(failure.reason == .altered)
        #expect(failure.file == scene.path("tile/0/001.p/44"))
        #expect(failure.description.contains("nothing was published"))
        #expect(try scene.reader.listing() == before, "a refused publish changes nothing")
    }

    @Test func anAlteredPartialBundleIsFoundAndNamed() throws {
        var scene = try Scene(size: 300)
        try scene.publish()
        try flipByte(in: scene.path("tile/entries/001.p/44"), at: 40)
        try scene.registry.grow(by: 1)
        let failure = try #require(try scene.refusal())
        #expect(failure.file == scene.path("tile/entries/001.p/44"))
        #expect(failure.message.contains("entry bundle"))
    }

    @Test func anAlteredFullTileIsFoundByAFullPublish() throws {
        var scene = try Scene(size: 600)
        try scene.publish()
        try flipByte(in: scene.path("tile/0/000"))
        try scene.registry.grow(by: 1)
        // An incremental publish reads only the site's edge, never a full tile.
        #expect(try scene.publish().written.count == 4)
        let failure = try #require(try scene.refusal(full: true))
        #expect(failure.reason == .altered)
        #expect(failure.file == scene.path("tile/0/000"))
        #expect(failure.message.contains("--full"))
    }

    @Test func aMissingPartialTileIsRecomputedAndPutBack() throws {
        var scene = try Scene(size: 300)
        try scene.publish()
        try FileManager.default.removeItem(atPath: scene.path("tile/0/001.p/44"))
        try scene.registry.grow(by: 1)
        let report = try scene.publish()
        #expect(report.recomputedAll)
        #expect(report.note?.contains("size 300") == true)
        #expect(report.written.contains("tile/0/001.p/44"), "the old checkpoint's edge is put back")
        #expect(try scene.reader.check() == 301)
    }

    @Test func aSiteLedgerAlteredOrLostIsRefusedOrWrittenWhole() throws {
        var scene = try Scene(size: 20)
        try scene.publish()
        let ledger = scene.path("ledger.jsonl")
        try flipByte(in: ledger, at: (FileSystem.size(of: ledger) ?? 10) - 10)
        try scene.registry.grow(by: 1)
        let failure = try #require(try scene.refusal())
        #expect(failure.file == ledger)
        #expect(failure.message.contains("line 20"))
        try FileManager.default.removeItem(atPath: ledger)
        let report = try scene.publish()
        #expect(report.written.contains("ledger.jsonl"))
        #expect(try scene.reader.check() == 21)
    }

    @Test func anUncheckpointedRegistryTailIsNotPublished() throws {
        let scene = try Scene(size: 5)
        let registryLedger = scene.registry.directory + "/ledger.jsonl"
        let covered = try Data(contentsOf: URL(fileURLWithPath: registryLedger))
        // An interrupted append: a complete line past the checkpoint, then torn bytes.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: registryLedger))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"appended_at":"x"}"#.utf8) + Data([0x0A]) + Data("{\"torn".utf8))
        try handle.close()
        try scene.publish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: scene.path("ledger.jsonl"))) == covered)
        #expect(try scene.reader.check() == 5)
    }

    // MARK: - Another registry or another history

    @Test func aSiteOfAnotherRegistryIsRefused() throws {
        let scene = try Scene(size: 3)
        try scene.publish()
        let before = try scene.reader.listing()
        // Another origin.
        var other = try GrowingRegistry(in: scene.directory.path("other"), origin: "other.example/registry", seed: 99)
        try other.grow(to: 5)
        var failure = try #require(try Self.refusal(SitePublisher(registry: other.directory, site: scene.site)))
        #expect(failure.reason == .otherRegistry)
        #expect(failure.file == scene.path("registry.json"))
        #expect(failure.message.contains("\"publish.declaration-registry.example/tests\""))
        // The same origin with another registrar key.
        var twin = try GrowingRegistry(in: scene.directory.path("twin"), seed: 98)
        try twin.grow(to: 5)
        failure = try #require(try Self.refusal(SitePublisher(registry: twin.directory, site: scene.site)))
        #expect(failure.reason == .otherRegistry)
        #expect(failure.file == scene.path("registry.json"))
        // Without its header, the site's checkpoint still tells.
        try FileManager.default.removeItem(atPath: scene.path("registry.json"))
        failure = try #require(try Self.refusal(SitePublisher(registry: twin.directory, site: scene.site)))
        #expect(failure.reason == .otherRegistry)
        #expect(failure.file == scene.path("checkpoint"))
        #expect(failure.message.contains("not signed by this registry's key"))
        var after = try scene.reader.listing()
        after["registry.json"] = before["registry.json"]
        #expect(after == before)
    }

    @Test func aRegistryRolledBackOrForkedIsRefused() throws {
        var scene = try Scene(size: 10)
        let older = try scene.registry.copy(to: scene.directory.path("older"), seed: 5)
        var fork = try scene.registry.copy(to: scene.directory.path("fork"), seed: 6)
        try scene.registry.grow(to: 15)
        try scene.publish()
        // The site serves more than the old copy holds.
        var failure = try #require(try Self.refusal(SitePublisher(registry: older.directory, site: scene.site)))
        #expect(failure.reason == .otherHistory)
        #expect(failure.message.contains("rolled back"))
        // As many entries, another root: the registrar signed two histories.
        try fork.grow(to: 15)
        failure = try #require(try Self.refusal(SitePublisher(registry: fork.directory, site: scene.site)))
        #expect(failure.reason == .otherHistory)
        #expect(failure.message.contains("two different histories"))
        // More entries, the site's last one not among them.
        try fork.grow(to: 20)
        failure = try #require(try Self.refusal(SitePublisher(registry: fork.directory, site: scene.site)))
        #expect(failure.reason == .otherHistory)
        #expect(failure.message.contains("entry 15 of the registry"))
        failure = try #require(try Self.refusal(SitePublisher(registry: fork.directory, site: scene.site), full: true))
        #expect(failure.reason == .otherHistory)
        #expect(try scene.reader.check() == 15)
    }

    @Test func aRegistryThatDoesNotMatchItsCheckpointIsNotPublished() throws {
        let scene = try Scene(size: 4)
        let registryLedger = URL(fileURLWithPath: scene.registry.directory + "/ledger.jsonl")
        var bytes = try Data(contentsOf: registryLedger)
        let index = try #require(bytes.firstRange(of: Data("Town 2".utf8))).lowerBound
        bytes[index] = UInt8(ascii: "G")
        try bytes.write(to: registryLedger)
        #expect {
            try scene.publish()
        } throws: { error in
            guard case RegistryError.verificationFailed(let failure) = error else { return false }
            return failure.file.hasSuffix("checkpoint") && failure.message.contains("changed after it was signed")
        }
        #expect(!FileSystem.exists(scene.site), "a refused first publish leaves no site behind")
    }

    // MARK: - The site's files and folders

    @Test func aSymbolicLinkWhereTheSiteKeepsAFileOrFolderIsRefused() throws {
        for relative in ["tile", "checkpoint", "ledger.jsonl", "declaration"] {
            var scene = try Scene(size: 2)
            try scene.publish()
            let elsewhere = scene.directory.path("elsewhere")
            try FileManager.default.moveItem(atPath: scene.path(relative), toPath: elsewhere)
            try FileManager.default.createSymbolicLink(atPath: scene.path(relative), withDestinationPath: elsewhere)
            try scene.registry.grow(by: 1)
            #expect {
                try scene.publish()
            } throws: { error in
                guard case RegistryError.storage(let storage) = error, case .inTheWay(let found, _) = storage.cause else { return false }
                return storage.path == scene.path(relative) && found == "a symbolic link"
            }
        }
    }

    @Test func theRegistryItselfIsNoSite() throws {
        let scene = try Scene(size: 1)
        #expect {
            _ = try SitePublisher(registry: scene.registry.directory, site: scene.registry.directory + "/").publish()
        } throws: { error in
            guard case RegistryError.siteRefused(let failure) = error else { return false }
            return failure.reason == .isTheRegistry
        }
    }

    @Test func aCosignedCheckpointOfTheSameTreeReplacesOnlyTheCheckpoint() throws {
        let scene = try Scene(size: 7)
        try scene.publish()
        // A witness's cosignature appended to the registry's checkpoint:
        // another note of the same tree.
        let checkpoint = URL(fileURLWithPath: scene.registry.directory + "/checkpoint")
        var note = try Data(contentsOf: checkpoint)
        note += Data("— witness.example/w1 AAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".utf8)
        try note.write(to: checkpoint)
        #expect(try scene.publish().written == ["checkpoint"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: scene.path("checkpoint"))) == note)
        #expect(try scene.publish().wasUpToDate)
    }

    /// The refusal `publisher` ends with; nil when it publishes, and any other error thrown on.
    static func refusal(_ publisher: SitePublisher, full: Bool = false) throws -> PublishFailure? {
        do {
            _ = try publisher.publish(recomputingAll: full)
            return nil
        } catch {
            if case .siteRefused(let failure) = error { return failure }
            throw error
        }
    }

    func flipByte(in path: String, at offset: Int = 5) throws {
        let url = URL(fileURLWithPath: path)
        var bytes = try Data(contentsOf: url)
        bytes[offset] ^= 0x01
        try bytes.write(to: url)
    }
}
