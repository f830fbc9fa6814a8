import CryptoPrimitives
import Foundation
import LogClient
import TestSupport
import Testing
import TransparencyLog

/// The tlog-tiles client against nginx serving a log's tiles and bundles.
@Suite struct TiledLogClientTests {
    /// A log of `count` entries of varied lengths, served (gzip-compressed
    /// with `gzip`) under `/log`.
    struct Log {
        let directory: TemporaryDirectory
        let root: String
        let entries: [[UInt8]]
        let server: NginxServer
        let client: TiledLogClient

        init(count: Int, gzip: Bool = false, faults: [String: NginxServer.Fault] = [:],
             configuration: HTTPClientConfiguration = HTTPClientTests.quick) throws {
            directory = try TemporaryDirectory()
            root = directory.path("www")
            var random = SeededGenerator(seed: 11)
            entries = (0..<count).map { index in Array("entry \(index) ".utf8) + random.bytes(index % 300) }
            try TileSite.write(entries: entries, to: root + "/log")
            server = try NginxServer(serving: root, in: directory, faults: faults, gzip: gzip)
            client = TiledLogClient(prefix: try LogPrefix(server.url("/log/")), http: HTTPClient(configuration: configuration))
        }

        var leafHashes: [SHA256Digest] { entries.map { MerkleTree.leafHash($0) } }
    }

    @Test func everyTileAndBundleIsFetchedInOrderWithOneRequestEach() async throws {
        let log = try Log(count: 70_000 / 100, gzip: true)
        let paths = TilePath.hashTiles(treeSize: UInt64(log.entries.count))
        let tiles = try await log.client.tiles(paths)
        #expect(tiles == Tile.tiles(leafHashes: log.leafHashes))

        var entries: [[UInt8]] = []
        let bundles = TilePath.entryBundles(treeSize: UInt64(log.entries.count))
        try await log.client.inOrder(bundles, fetch: { client, path throws(FetchError) in try await client.entryBundle(path) },
                                     consume: { (index: Int, bundle: EntryBundle) throws(FetchError) in
                                         #expect(index == entries.count / 256)
                                         entries += bundle.entries
                                     }, failure: { $0 })
        #expect(entries == log.entries)
        #expect(log.client.http.statistics.requests == paths.count + bundles.count)
        let logged = log.server.requests(atLeast: paths.count + bundles.count)
        #expect(logged.count == paths.count + bundles.count)
        #expect(logged.allSatisfy { $0.status == 200 && $0.encoding == "gzip" })
    }

    @Test func aPartialTileIsExactlyThirtyTwoBytesPerHash() async throws {
        let log = try Log(count: 300)
        let partial = try TilePath(level: 0, index: 1, width: 44)
        let tile = try await log.client.tile(partial)
        #expect(tile.bytes.count == 44 * 32)
        // The same bytes cut by one, and padded by one, are refused.
        try TileSite.write(Array(tile.bytes.dropLast()), at: "log/" + partial.path, in: log.root)
        await #expect(throws: FetchError(url: log.server.url("/log/" + partial.path),
                                         problem: .badContent(file: "Merkle tile", reason: TransparencyError.tileSize(
                                             path: partial.path, expectedBytes: 44 * 32, found: 44 * 32 - 1).description))) {
            _ = try await log.client.tile(partial)
        }
        try TileSite.write(tile.bytes + [0], at: "log/" + partial.path, in: log.root)
        await #expect(throws: FetchError(url: log.server.url("/log/" + partial.path),
                                         problem: .tooLarge(limit: 44 * 32, announced: 44 * 32 + 1))) {
            _ = try await log.client.tile(partial)
        }
    }

    @Test func aPartialTileOrBundleThatIsGoneIsReadFromTheFullOne() async throws {
        // The log grew from 300 to 512 entries and deleted the partial tile
        // and bundle of size 300, as c2sp.org/tlog-tiles allows.
        let log = try Log(count: 512)
        let tilePath = try TilePath(level: 0, index: 1, width: 44)
        let bundlePath = try TilePath(entryBundle: 1, width: 44)
        #expect(!FileManager.default.fileExists(atPath: log.root + "/log/" + tilePath.path))
        let tile = try await log.client.tile(tilePath)
        #expect(tile == Tile.tiles(leafHashes: Array(log.leafHashes.prefix(300))).first { $0.path == tilePath })
        let bundle = try await log.client.entryBundle(bundlePath)
        #expect(bundle.entries == Array(log.entries[256..<300]))
        #expect(log.server.requests(atLeast: 4).map(\.status) == [404, 200, 404, 200])
        // Neither there: the partial one is reported missing.
        await #expect(throws: FetchError(url: log.server.url("/log/tile/0/002.p/5"), problem: .notFound)) {
            _ = try await log.client.tile(try TilePath(level: 0, index: 2, width: 5))
        }
    }

    @Test func aBundleWithTheWrongNumberOfEntriesIsRefused() async throws {
        let log = try Log(count: 10)
        let path = try TilePath(entryBundle: 0, width: 10)
        let nine = try EntryBundle(entries: Array(log.entries.prefix(9)))
        try TileSite.write(nine.bytes, at: "log/" + path.path, in: log.root)
        do {
            _ = try await log.client.entryBundle(path)
            Issue.record("a bundle of 9 entries was accepted at a path of width 10")
        } catch {
            guard case .badContent(let file, _) = error.problem else {
                Issue.record("expected bad content, got \(error)")
                return
            }
            #expect(file == "entry bundle")
            #expect(error.url == log.server.url("/log/tile/entries/000.p/10"))
        }
    }

    @Test func aCheckpointOverSixtyFourKibibytesIsRefused() async throws {
        let log = try Log(count: 1)
        try TileSite.write(Array(repeating: 0x41, count: 64 * 1024 + 1), at: "log/checkpoint", in: log.root)
        await #expect(throws: FetchError(url: log.server.url("/log/checkpoint"),
                                         problem: .tooLarge(limit: 64 * 1024, announced: 64 * 1024 + 1))) {
            _ = try await log.client.checkpoint()
        }
        try TileSite.write(Array("example.org/log\n0\n".utf8), at: "log/checkpoint", in: log.root)
        #expect(try await log.client.checkpoint() == Array("example.org/log\n0\n".utf8))
    }

    @Test func theFirstFailureStopsABatch() async throws {
        let log = try Log(count: 256 * 20, faults: ["/log/tile/entries/007": .status(404)])
        let bundles = TilePath.entryBundles(treeSize: UInt64(log.entries.count))
        var consumed: [Int] = []
        do {
            try await log.client.inOrder(bundles, fetch: { client, path throws(FetchError) in try await client.entryBundle(path) },
                                         consume: { (index: Int, _: EntryBundle) throws(FetchError) in consumed.append(index) },
                                         failure: { $0 })
            Issue.record("a missing bundle went unnoticed")
        } catch {
            #expect(error.problem == .notFound)
            #expect(error.url == log.server.url("/log/tile/entries/007"))
        }
        // Those before it in order may have been consumed, never one after.
        #expect(consumed == Array(0..<consumed.count))
        #expect(consumed.count <= 7)
        // At most eight in flight past the last consumed one.
        #expect(log.server.requests().count <= consumed.count + 1 + 8)
    }

    @Test func prefixesAreCheckedAndJoined() throws {
        #expect(try LogPrefix("https://example.org/log/").url("checkpoint").absoluteString == "https://example.org/log/checkpoint")
        #expect(try LogPrefix("https://example.org").urlString("tile/0/000") == "https://example.org/tile/0/000")
        #expect(try LogPrefix("https://example.org/a/b").schemeless == "example.org/a/b")
        for bad in ["example.org/log", "ftp://example.org/log", "https:///log", "https://example.org/log?x=1",
                    "https://example.org/log#top", "https://user:pw@example.org/log", "/tmp/registry"] {
            #expect(throws: FetchError.self, "\(bad)") { _ = try LogPrefix(bad) }
        }
    }
}
