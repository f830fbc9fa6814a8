import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage
import TestSupport
import Testing
import TransparencyLog

/// `declaration proof` from a published site, read from its tiles: from
/// the site's directory and from its URL served by nginx, each proof byte
/// for byte the one the registry directory gives at the same checkpoint,
/// and a tile changed on the site refused.
@Suite struct TileProofCommandTests {
    /// 300 entries: two bundles, the second partial, and a level-1 tile.
    static let entries = 300

    static func published(in fixture: RemoteFixture) throws -> SyntheticRegistry {
        let registry = try SyntheticRegistry.build(in: fixture.directory.path("registry"), entries: entries, seed: 5,
                                                   origin: "registry.example/tiles")
        try fixture.publish(registry.directory)
        return registry
    }

    static func logKey(_ registry: SyntheticRegistry) throws -> String {
        try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey).string
    }

    static func proof(_ registry: String, _ arguments: [String], in fixture: RemoteFixture) throws -> DeclarationProcess.Result {
        try DeclarationProcess.run(["proof", "--registry", registry] + arguments, directory: fixture.directory.url)
    }

    /// The public key file of the signatory of statement `index`.
    static func keyFile(_ registry: SyntheticRegistry, statement index: Int, in fixture: RemoteFixture) throws -> String {
        let path = fixture.directory.path("signer-\(index).pub")
        try KeyFile.write(registry.statements[index].publicKey, to: path)
        return path
    }

    @Test(arguments: [1, 256, 257, 300])
    func aProofFromTheSiteDirectoryIsTheRegistrysOwn(entry: Int) throws {
        let fixture = try RemoteFixture()
        let registry = try Self.published(in: fixture)
        let local = try Self.proof(registry.directory, ["--entry", String(entry)], in: fixture)
        #expect(local.status == 0, "\(local.standardError)")
        let site = try Self.proof(fixture.site, ["--entry", String(entry)], in: fixture)
        #expect(site.status == 0, "\(site.standardError)")
        #expect(site.standardOutput == local.standardOutput)
        let out = fixture.directory.path("p.tlog-proof")
        try Data(site.standardOutput.utf8).write(to: URL(fileURLWithPath: out))
        let verified = try DeclarationProcess.run(["verify-proof", out, "--log-key", try Self.logKey(registry)])
        #expect(verified.status == 0, "\(verified.standardError)")
    }

    @Test func aKeysProofFromTheSiteDirectoryIsTheRegistrysOwn() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.published(in: fixture)
        let key = try Self.keyFile(registry, statement: 250, in: fixture)
        let local = try Self.proof(registry.directory, ["--key", key], in: fixture)
        #expect(local.status == 0, "\(local.standardError)")
        let site = try Self.proof(fixture.site, ["--key", key], in: fixture)
        #expect(site.status == 0, "\(site.standardError)")
        #expect(site.standardOutput == local.standardOutput)
    }

    @Test func aProofFromTheURLIsTheRegistrysOwnAndFetchesOnlyItsTiles() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.published(in: fixture)
        let logKey = try Self.logKey(registry)
        let first = try fixture.verify(["--log-key", logKey])
        #expect(first.status == 0, "\(first.standardError)")
        let before = fixture.server.requests(atLeast: 1).count

        let local = try Self.proof(registry.directory, ["--entry", "300"], in: fixture)
        let remote = try Self.proof(fixture.url, ["--entry", "300", "--state", fixture.state, "--log-key", logKey], in: fixture)
        #expect(remote.status == 0, "\(remote.standardError)")
        #expect(remote.standardOutput == local.standardOutput)
        // The checkpoint (nothing new), then the inclusion proof's tiles
        // and the entry's bundle.
        let paths = TileSet.tilesForInclusionProof(index: 299, treeSize: UInt64(Self.entries)).map { "/reg/" + $0.path }
        let expected = 1 + paths.count + 1
        let made = Array(fixture.server.requests(atLeast: before + expected).dropFirst(before))
        #expect(made.count == expected)
        let bundle = try #require(TilePath.entryBundle(index: 1, treeSize: UInt64(Self.entries)))
        #expect(bundle.path == "tile/entries/001.p/44")
        #expect(Set(made.map(\.path)) == Set(["/reg/checkpoint", "/reg/" + bundle.path] + paths))

        let key = try Self.keyFile(registry, statement: 250, in: fixture)
        let localKey = try Self.proof(registry.directory, ["--key", key], in: fixture)
        let remoteKey = try Self.proof(fixture.url, ["--key", key, "--state", fixture.state], in: fixture)
        #expect(remoteKey.status == 0, "\(remoteKey.standardError)")
        #expect(remoteKey.standardOutput == localKey.standardOutput)
    }

    @Test func aFirstProofFromTheURLVerifiesTheSiteFirst() throws {
        let fixture = try RemoteFixture()
        let registry = try Self.published(in: fixture)
        let remote = try Self.proof(fixture.url, ["--entry", "5", "--state", fixture.state], in: fixture)
        #expect(remote.status == 0, "\(remote.standardError)")
        #expect(remote.standardError.contains("note: first use of registry.example/tiles"))
        let local = try Self.proof(registry.directory, ["--entry", "5"], in: fixture)
        #expect(remote.standardOutput == local.standardOutput)
        #expect(!(try fixture.trustState()).isEmpty)
    }

    @Test func aTamperedTileIsRefusedAndNothingIsWritten() throws {
        let fixture = try RemoteFixture()
        _ = try Self.published(in: fixture)
        let first = try fixture.verify()
        #expect(first.status == 0, "\(first.standardError)")
        // A hash of the level-0 tile the proof of entry 1 reads.
        var tile = try fixture.read("tile/0/000")
        tile[40] ^= 1
        try fixture.replace("tile/0/000", with: tile)
        for registry in [fixture.site, fixture.url] {
            let out = fixture.directory.path("refused.tlog-proof")
            let state = registry == fixture.url ? ["--state", fixture.state] : []
            let refused = try Self.proof(registry, ["--entry", "1", "--out", out] + state, in: fixture)
            #expect(refused.status == 1, "\(registry): \(refused.standardError)")
            #expect(refused.standardError.contains("the inclusion proof of entry 1 does not lead to its root"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func aProofPastTheCheckpointFromTheURLIsRefused() throws {
        let fixture = try RemoteFixture()
        _ = try Self.published(in: fixture)
        let refused = try Self.proof(fixture.url, ["--entry", "301", "--state", fixture.state], in: fixture)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("the registrar's checkpoint covers entries 1 to 300"))
    }
}
