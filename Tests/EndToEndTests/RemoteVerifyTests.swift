import CryptoPrimitives
import Foundation
import TestSupport
import Testing
import TransparencyLog

/// `declaration verify URL` against a registry's site served by a real
/// nginx: first verification, growth, tampering, split views, faulty
/// servers; each with its exit code and message, and the trust state
/// unchanged by every failure.
@Suite struct RemoteVerifyTests {
    /// A synthetic registry of `entries` entries, beside the fixture's site.
    static func registry(in fixture: RemoteFixture, entries: Int, seed: UInt64 = 3, name: String = "registry") throws -> SyntheticRegistry {
        try SyntheticRegistry.build(in: fixture.directory.path(name), entries: entries, seed: seed,
                                    origin: "registry.example/remote")
    }

    /// Publishes the registry as it is now, with `declaration publish`.
    static func publish(_ registry: SyntheticRegistry, to fixture: RemoteFixture) throws {
        try fixture.publish(registry.directory)
    }

    /// The registrar's C2SP verifier key.
    static func logKey(_ registry: SyntheticRegistry) throws -> String {
        try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey).string
    }

    /// A site of 300 entries verified once, then grown to 320 and
    /// published again; with the trust state as the first verification left it.
    static func verifiedThenGrown() throws -> (RemoteFixture, [String: Data]) {
        let fixture = try RemoteFixture()
        var registry = try registry(in: fixture, entries: 300)
        try publish(registry, to: fixture)
        #expect(try fixture.verify().status == 0)
        let before = try fixture.trustState()
        try registry.appendOthers(20, seed: 100)
        try publish(registry, to: fixture)
        return (fixture, before)
    }

    static func json(_ result: DeclarationProcess.Result) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return try #require(object as? [String: Any])
    }

    /// Requests the verification made, from its JSON report.
    static func requests(_ result: DeclarationProcess.Result) throws -> Int {
        let fetched = try #require(try json(result)["fetched"] as? [String: Any])
        return try #require(fetched["requests"] as? Int)
    }

    // MARK: - First verification

    @Test func aFirstVerificationTrustsTheHeadersKeyAndSaysSo() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 300)
        try Self.publish(registry, to: fixture)
        let result = try fixture.verify()
        #expect(result.status == 0, "\(result.standardError)")
        let key = try Self.logKey(registry)
        #expect(result.standardOutput.contains("Registry registry.example/remote: verified from \(fixture.url)."))
        #expect(result.standardOutput.contains("Entries:      300"))
        #expect(result.standardOutput.contains("checkpoint key \(key)"))
        #expect(result.standardOutput.contains("pin it with --log-key \(key)"))
        #expect(result.standardError.contains("note: first use of registry.example/remote"))
        #expect(result.standardError.contains("pin it with --log-key \(key)"))
        // The checkpoint, the header, four declaration files, two bundles
        // and the three tiles (two at level 0, one at level 1).
        #expect(result.standardOutput.contains("Fetched:      11 requests"))
        #expect(fixture.server.requests(atLeast: 11).count == 11)
        let state = try fixture.trustState()
        let folder = "registry.example%2Fremote"
        #expect(state[folder + "/trusted-checkpoint"] == Data(registry.checkpoints[300]))
        #expect(state[folder + "/ledger.jsonl"] == Data(try RegistrySite.ledgerLines(registry.directory).flatMap { $0 + [0x0A] }))
        // The copy is a registry directory the local verify accepts.
        let local = try DeclarationProcess.run(["verify", "--registry", fixture.state + "/registries/" + folder])
        #expect(local.status == 0, "\(local.standardError)")
    }

    @Test func aPinnedKeyVerifiesAndAnotherIsRefused() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 5)
        try Self.publish(registry, to: fixture)
        let other = try NoteVerifierKey(name: registry.origin, publicKey: try Ed25519PrivateKey(seed: Array(repeating: 9, count: 32)).publicKey)
        let refused = try fixture.verify(["--log-key", other.string])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("error: the registry does not verify: \(fixture.url)/checkpoint: the checkpoint is not signed by the pinned --log-key \(other.string)"))
        #expect(try fixture.trustState().isEmpty)
        // Refused on the checkpoint alone: nothing else was fetched.
        #expect(fixture.server.requests(atLeast: 1).map(\.path) == ["/reg/checkpoint"])

        let pinned = try fixture.verify(["--log-key", try Self.logKey(registry), "--format", "json"])
        #expect(pinned.status == 0, "\(pinned.standardError)")
        #expect(!pinned.standardError.contains("first use"))
        let trust = try #require(try Self.json(pinned)["trust"] as? [String: Any])
        #expect(trust["kind"] as? String == "pinned")
        #expect(try Self.json(pinned)["checkpoint_key"] as? String == (try Self.logKey(registry)))
    }

    @Test func aTrustStateMadeWithAnotherKeyIsRefused() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 3)
        try Self.publish(registry, to: fixture)
        #expect(try fixture.verify().status == 0)
        let before = try fixture.trustState()
        // The same origin under another registrar key (another seed),
        // served elsewhere, and that key pinned.
        let other = try Self.registry(in: fixture, entries: 3, seed: 4, name: "other")
        try fixture.publish(other.directory, to: fixture.mirrorSite)
        let otherKey = try Self.logKey(other)
        let result = try fixture.verify(["--log-key", otherKey], url: fixture.mirrorURL)
        #expect(result.status == 1)
        #expect(result.standardError.contains("was made with the registrar key \(try Self.logKey(registry)), not the pinned --log-key \(otherKey)"))
        // Without the pin, the other key's checkpoint is refused by the key the state holds.
        let unpinned = try fixture.verify(url: fixture.mirrorURL)
        #expect(unpinned.status == 1)
        #expect(unpinned.standardError.contains("The trust state holds the registrar key \(try Self.logKey(registry)) for registry.example/remote"))
        #expect(try fixture.trustState() == before)
    }

    @Test func aGzipSiteVerifies() throws {
        let fixture = try RemoteFixture(gzip: true)
        let registry = try Self.registry(in: fixture, entries: 40)
        try Self.publish(registry, to: fixture)
        let result = try fixture.verify()
        #expect(result.status == 0, "\(result.standardError)")
        let bundle = try #require(fixture.server.requests(atLeast: 8).first { $0.path == "/reg/tile/entries/000.p/40" })
        #expect(bundle.encoding == "gzip")
        #expect(bundle.acceptEncoding == "gzip, identity")
    }

    // MARK: - Growth

    @Test func growthFetchesOnlyWhatIsNew() throws {
        let fixture = try RemoteFixture()
        var registry = try Self.registry(in: fixture, entries: 300)
        try Self.publish(registry, to: fixture)
        let first = try fixture.verify(["--format", "json"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try Self.requests(first) == 11)

        // 300 → 310: the checkpoint, the consistency proof's and the changed
        // tiles (the partial level-0 tile, now wider, and the level-1 tile),
        // and the one bundle that was partial.
        try registry.appendOthers(10, seed: 100)
        try Self.publish(registry, to: fixture)
        let logged = fixture.server.requests(atLeast: 11).count
        let second = try fixture.verify(["--format", "json"])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(try Self.requests(second) == 4)
        #expect(fixture.server.requests(atLeast: logged + 4).count - logged == 4)
        let trust = try #require(try Self.json(second)["trust"] as? [String: Any])
        #expect(trust["kind"] as? String == "updated")
        #expect(trust["previous_size"] as? Int == 300)

        // Nothing new: the checkpoint alone.
        let third = try fixture.verify(["--format", "json"])
        #expect(third.status == 0, "\(third.standardError)")
        #expect(try Self.requests(third) == 1)

        // 310 → 600: the checkpoint, two bundles (the old partial one, now
        // full, and a new partial one), the two level-0 tiles from the old
        // partial one on, and the level-1 tile.
        try registry.appendOthers(290, seed: 101)
        try Self.publish(registry, to: fixture)
        let fourth = try fixture.verify()
        #expect(fourth.status == 0, "\(fourth.standardError)")
        #expect(fourth.standardOutput.contains("Entries:      600"))
        #expect(fourth.standardOutput.contains("grew from 310 entries: RFC 9162 consistency proof 310 → 600"))
        #expect(fourth.standardOutput.contains("Fetched:      6 requests"))
        let state = try fixture.trustState()
        #expect(state["registry.example%2Fremote/trusted-checkpoint"] == Data(registry.checkpoints[600]))
        #expect(state["registry.example%2Fremote/ledger.jsonl"] == Data(try RegistrySite.ledgerLines(registry.directory).flatMap { $0 + [0x0A] }))
    }

    // MARK: - Tampering

    @Test func aTamperedTileIsNamedWithItsURL() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 300)
        try Self.publish(registry, to: fixture)
        var tile = try fixture.read("tile/0/001.p/44")
        tile[100] ^= 1
        try fixture.replace("tile/0/001.p/44", with: tile)
        let result = try fixture.verify()
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: the registry does not verify: \(fixture.url)/tile/0/001.p/44: tile tile/0/001.p/44 differs from the tile computed from the entries: its hash 3"))
        #expect(try fixture.trustState().isEmpty)
    }

    @Test func aTamperedTileIsFoundWhenTheRegistryGrows() throws {
        let (fixture, before) = try Self.verifiedThenGrown()
        // The level-1 tile, whose one hash (the root of the first 256
        // entries) the consistency proof 300 → 320 reads.
        var tile = try fixture.read("tile/1/000.p/1")
        tile[0] ^= 1
        try fixture.replace("tile/1/000.p/1", with: tile)
        let result = try fixture.verify()
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: the registry does not verify: \(fixture.url)/tile/1/000.p/1: tile tile/1/000.p/1 differs from the tile computed from the entries: its hash 0"))
        #expect(result.standardError.contains("but the root of tile tile/0/000 is"))
        #expect(!result.standardError.contains("split view"))
        #expect(try fixture.trustState() == before)
    }

    @Test func aTamperedBundleIsNamedWithItsURL() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 300)
        try Self.publish(registry, to: fixture)
        // One character of the signatory's title in entry 260, the
        // bundle's fourth entry: its signature no longer verifies.
        try Self.alter(entry: 260, in: "tile/entries/001.p/44", of: fixture)
        let result = try fixture.verify()
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: the registry does not verify: \(fixture.url)/tile/entries/001.p/44: entry 260"))
        #expect(try fixture.trustState().isEmpty)
    }

    @Test func aTamperedNewBundleIsRefusedAndNothingIsSaved() throws {
        let (fixture, before) = try Self.verifiedThenGrown()
        let original = try fixture.read("tile/entries/001.p/64")
        try Self.alter(entry: 310, in: "tile/entries/001.p/64", of: fixture)
        let result = try fixture.verify()
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: the registry does not verify: \(fixture.url)/tile/entries/001.p/64: entry 310"))
        #expect(try fixture.trustState() == before)
        // The site repaired, the update goes through.
        try fixture.replace("tile/entries/001.p/64", with: original)
        #expect(try fixture.verify().status == 0)
    }

    /// Changes one byte of the signatory's title in `entry` (from 1), in the bundle at `path`.
    static func alter(entry: Int, in path: String, of fixture: RemoteFixture) throws {
        let index = try TilePath(parsing: path)
        let bundle = try EntryBundle(path: index, bytes: try fixture.read(path))
        var entries = bundle.entries
        let position = entry - 1 - Int(index.index) * 256
        let text = String(decoding: entries[position], as: UTF8.self)
        let altered = text.replacing("\"Mayor\"", with: "\"Mayer\"", maxReplacements: 1)
        #expect(altered != text, "entry \(entry) has no title to alter")
        entries[position] = Array(altered.utf8)
        try fixture.replace(path, with: try EntryBundle(entries: entries).bytes)
    }

    // MARK: - Split views

    @Test func aRolledBackCheckpointIsEvidence() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 12)
        try Self.publish(registry, to: fixture)
        #expect(try fixture.verify().status == 0)
        let before = try fixture.trustState()
        try fixture.replace("checkpoint", with: registry.checkpoints[10])
        let result = try fixture.verify()
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: evidence of a split view or a rewrite: keep both and publish them. The checkpoint served at \(fixture.url)/checkpoint (size 10) is smaller than the checkpoint verified before (size 12"))
        #expect(result.standardError.contains(String(decoding: registry.checkpoints[12], as: UTF8.self)))
        #expect(result.standardError.contains(String(decoding: registry.checkpoints[10], as: UTF8.self)))
        let evidence = try #require(fixture.evidenceFiles().first)
        #expect(result.standardError.contains("Both are saved to \(evidence)."))
        let saved = try String(contentsOfFile: evidence, encoding: .utf8)
        #expect(saved.contains(String(decoding: registry.checkpoints[10], as: UTF8.self)))
        #expect(saved.contains(String(decoding: registry.checkpoints[12], as: UTF8.self)))
        #expect(try fixture.trustState() == before)
    }

    @Test func twoCheckpointsOfOneSizeAreEvidenceOfASplitView() throws {
        let fixture = try RemoteFixture()
        // Two registries of one registrar key and origin, forked after 4 entries.
        var first = try Self.registry(in: fixture, entries: 4, name: "first")
        var second = try Self.registry(in: fixture, entries: 4, name: "second")
        try first.appendOthers(2, seed: 100)
        try second.appendOthers(2, seed: 200)
        try Self.publish(first, to: fixture)
        #expect(try fixture.verify().status == 0)
        let before = try fixture.trustState()
        // Another view of the same registry (origin and key), as a mirror shows it.
        try fixture.publish(second.directory, to: fixture.mirrorSite)
        let result = try fixture.verify(["--format", "json"], url: fixture.mirrorURL)
        #expect(result.status == 1)
        #expect(result.standardError.contains("(size 6) has the same size but another Merkle root than the checkpoint verified before (size 6"))
        let failure = try #require(try Self.json(result)["failure"] as? [String: Any])
        #expect(failure["kind"] as? String == "split-view")
        #expect(failure["served_checkpoint"] as? String == String(decoding: second.checkpoints[6], as: UTF8.self))
        #expect(failure["earlier_checkpoint"] as? String == String(decoding: first.checkpoints[6], as: UTF8.self))
        #expect(fixture.evidenceFiles().count == 1)
        #expect(try fixture.trustState() == before)
    }

    @Test func aLargerCheckpointOfAnotherHistoryIsEvidence() throws {
        let fixture = try RemoteFixture()
        var first = try Self.registry(in: fixture, entries: 4, name: "first")
        var second = try Self.registry(in: fixture, entries: 4, name: "second")
        try first.appendOthers(1, seed: 100)
        try second.appendOthers(3, seed: 200)
        try Self.publish(first, to: fixture)
        #expect(try fixture.verify().status == 0)
        let before = try fixture.trustState()
        try fixture.publish(second.directory, to: fixture.mirrorSite)
        let result = try fixture.verify(url: fixture.mirrorURL)
        #expect(result.status == 1)
        #expect(result.standardError.contains("(size 7) is not consistent (the log's tiles give no consistency proof"))
        #expect(result.standardError.contains("keep both and publish them"))
        #expect(try fixture.trustState() == before)
    }

    @Test func aCheckpointGotElsewhereIsProvenConsistentOrIsEvidence() throws {
        let fixture = try RemoteFixture()
        var first = try Self.registry(in: fixture, entries: 4, name: "first")
        var second = try Self.registry(in: fixture, entries: 4, name: "second")
        try first.appendOthers(4, seed: 100)
        try second.appendOthers(1, seed: 200)
        try Self.publish(first, to: fixture)
        let old = fixture.directory.path("old-checkpoint")
        try Data(first.checkpoints[3]).write(to: URL(fileURLWithPath: old))
        let consistent = try fixture.verify(["--checkpoint", old])
        #expect(consistent.status == 0, "\(consistent.standardError)")
        #expect(consistent.standardOutput.contains("Checkpoint given, of size 3, is consistent"))

        let before = try fixture.trustState()
        let forked = fixture.directory.path("forked-checkpoint")
        try Data(second.checkpoints[5]).write(to: URL(fileURLWithPath: forked))
        let result = try fixture.verify(["--checkpoint", forked])
        #expect(result.status == 1)
        #expect(result.standardError.contains("evidence of a split view or a rewrite: keep both and publish them"))
        #expect(result.standardError.contains("the checkpoint verified before (size 5, from \(forked))"))
        #expect(try fixture.trustState() == before)

        // A file that is not a checkpoint is a bad input.
        let junk = fixture.directory.path("junk")
        try Data("not a checkpoint\n".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(try fixture.verify(["--checkpoint", junk]).status == 65)
    }

    // MARK: - Faulty servers

    @Test func aWrongURLIsNotFound() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 2)
        try Self.publish(registry, to: fixture)
        let result = try fixture.verify(url: fixture.server.url("/elsewhere"))
        #expect(result.status == 66)
        #expect(result.standardError.contains("error: not found at \(fixture.server.url("/elsewhere/checkpoint")) (HTTP 404): is this the registry's URL?"))
        #expect(try fixture.trustState().isEmpty)
    }

    @Test func aServerThatStallsAnswers500OrSendsTooMuchChangesNothing() throws {
        let fixture = try RemoteFixture()
        var registry = try Self.registry(in: fixture, entries: 260)
        try Self.publish(registry, to: fixture)
        #expect(try fixture.verify().status == 0)
        let before = try fixture.trustState()
        try registry.appendOthers(40, seed: 100)
        try Self.publish(registry, to: fixture)

        try fixture.serve(faults: ["/reg/tile/entries/001.p/44": .stall])
        let stalled = try fixture.verify(["--timeout", "1", "--retries", "0"])
        #expect(stalled.status == 74)
        #expect(stalled.standardError.contains("error: \(fixture.url)/tile/entries/001.p/44: "))
        #expect(stalled.standardError.contains("1 s"))
        #expect(try fixture.trustState() == before)

        try fixture.serve(faults: ["/reg/tile/0/001.p/44": .status(500)])
        let failing = try fixture.verify(["--retries", "1"])
        #expect(failing.status == 74)
        #expect(failing.standardError.contains("error: \(fixture.url)/tile/0/001.p/44: the server answered HTTP 500 (2 attempts)"))
        #expect(fixture.server.requests(atLeast: 2) { $0.status == 500 }.filter { $0.status == 500 }.count == 2)
        #expect(try fixture.trustState() == before)

        try fixture.serve(faults: ["/reg/checkpoint": .huge(bytes: 1 << 30)])
        let huge = try fixture.verify()
        #expect(huge.status == 1)
        #expect(huge.standardError.contains("error: \(fixture.url)/checkpoint: the server announces 1073741824 bytes, more than the 65536 this file may hold"))
        #expect(try fixture.trustState() == before)

        // And once the server is well again, the update goes through.
        try fixture.serve()
        #expect(try fixture.verify().status == 0)
        #expect(try fixture.trustState() != before)
    }

    @Test func anInterruptedUpdateIsCutBackNextTime() throws {
        let fixture = try RemoteFixture()
        var registry = try Self.registry(in: fixture, entries: 6)
        try Self.publish(registry, to: fixture)
        #expect(try fixture.verify().status == 0)
        let before = try fixture.trustState()
        try registry.appendOthers(2, seed: 100)
        // As a run killed after appending to the copy and replacing its
        // checkpoint, before the trusted checkpoint: junk after the trusted
        // entries, another checkpoint.
        let copy = fixture.state + "/registries/registry.example%2Fremote"
        let ledger = try FileHandle(forWritingTo: URL(fileURLWithPath: copy + "/ledger.jsonl"))
        try ledger.seekToEnd()
        try ledger.write(contentsOf: Data("{\"half\n".utf8))
        try ledger.close()
        try Data(registry.checkpoints[8]).write(to: URL(fileURLWithPath: copy + "/checkpoint"))
        // Nothing new on the site: the copy is brought back as it was.
        let same = try fixture.verify()
        #expect(same.status == 0, "\(same.standardError)")
        #expect(try fixture.trustState() == before)
        try Self.publish(registry, to: fixture)
        #expect(try fixture.verify().status == 0)
    }

    // MARK: - The other commands

    @Test func listExportAndShowReadAURL() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.registry(in: fixture, entries: 9)
        try Self.publish(registry, to: fixture)
        let state = ["--state", fixture.state]
        let list = try DeclarationProcess.run(["list", "--registry", fixture.url] + state)
        #expect(list.status == 0, "\(list.standardError)")
        let local = try DeclarationProcess.run(["list", "--registry", registry.directory])
        #expect(list.standardOutput == local.standardOutput)

        let export = try DeclarationProcess.run(["export", "--registry", fixture.url, "--format", "csv",
                                                 "--timestamp", "2017-01-01T00:00:00Z"] + state)
        #expect(export.status == 0, "\(export.standardError)")
        let localExport = try DeclarationProcess.run(["export", "--registry", registry.directory, "--format", "csv",
                                                      "--timestamp", "2017-01-01T00:00:00Z"])
        #expect(export.standardOutput == localExport.standardOutput)

        let show = try DeclarationProcess.run(["show", "--registry", fixture.url, "--lang", "fr"] + state)
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput == (try DeclarationProcess.run(["show", "--lang", "fr"])).standardOutput)

        // A command that writes to a registry refuses a URL.
        let append = try DeclarationProcess.run(["repair", "--registry", fixture.url])
        #expect(append.status == 64)
        #expect(append.standardError.contains("a registry's URL is read by verify, list, export and show --registry only"))
        // --since is for a directory: the trust state does its work for a URL.
        let since = try DeclarationProcess.run(["verify", fixture.url, "--since", registry.directory + "/checkpoint"] + state)
        #expect(since.status == 64)
        #expect(since.standardError.contains("--since applies to a registry directory"))
        // The options of a URL make no sense with a directory.
        let misplaced = try DeclarationProcess.run(["verify", "--registry", registry.directory, "--log-key", try Self.logKey(registry)])
        #expect(misplaced.status == 64)
    }
}
