import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import LogClient
import RegistryFormat
import RegistryStorage
import TestSupport
import Testing
import TransparencyLog

/// The library's verification from a URL, against nginx: what each run
/// reports, and the typed errors of its refusals.
@Suite struct RemoteVerifierTests {
    struct Setup {
        let fixture: RemoteFixture
        let registry: SyntheticRegistry

        init(entries: Int) throws {
            fixture = try RemoteFixture()
            registry = try SyntheticRegistry.build(in: fixture.directory.path("registry"), entries: entries, seed: 21,
                                                   origin: "registry.example/unit")
        }

        func publish(size: Int) throws {
            try RegistrySite.write(registry: registry.directory, to: fixture.site, size: size, checkpoint: registry.checkpoints[size])
        }

        func verifier(pinning key: NoteVerifierKey? = nil) throws -> RemoteVerifier {
            RemoteVerifier(client: TiledLogClient(prefix: try LogPrefix(fixture.url), http: HTTPClient(configuration: HTTPClientTests.quick)),
                           state: TrustStateLayout(root: fixture.state), pinnedKey: key)
        }

        var key: NoteVerifierKey {
            get throws { try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey) }
        }
    }

    @Test func firstUseThenUpdateThenNothingNew() async throws {
        let setup = try Setup(entries: 270)
        try setup.publish(size: 200)
        let first = try await setup.verifier().verify()
        #expect(first.trust == .firstUse)
        #expect(first.verification.entryCount == 200)
        #expect(first.logKey == (try setup.key).string)
        #expect(first.mirror == TrustStateLayout(root: setup.fixture.state).mirror(origin: "registry.example/unit"))

        try setup.publish(size: 270)
        let second = try await setup.verifier(pinning: try setup.key).verify()
        guard case .updated(let fromSize, let proof) = second.trust else {
            Issue.record("expected an update, got \(second.trust)")
            return
        }
        #expect(fromSize == 200)
        let old = try RegistryCheckpoint(opening: setup.registry.checkpoints[200], verifier: try setup.key, origin: setup.registry.origin)
        try MerkleTree.verifyConsistency(oldSize: 200, newSize: 270, oldRoot: old.rootHash,
                                         newRoot: second.verification.checkpoint.rootHash, proof: proof)
        // The checkpoint, bundle 0 (partial at 200, full now) and bundle 1,
        // tiles 0/000 and 0/001.p/14 and 1/000.p/1.
        #expect(second.fetched.requests == 6)

        let third = try await setup.verifier().verify()
        #expect(third.trust == .unchanged)
        #expect(third.fetched.requests == 1)
    }

    @Test func anEmptyRegistryVerifiesAndGrows() async throws {
        let setup = try Setup(entries: 3)
        try setup.publish(size: 0)
        let first = try await setup.verifier().verify()
        #expect(first.verification.entryCount == 0)
        // The checkpoint, the header and the four declaration files: no tile, no bundle.
        #expect(first.fetched.requests == 6)
        try setup.publish(size: 3)
        let second = try await setup.verifier().verify()
        #expect(second.trust == .updated(fromSize: 0, proof: []))
        #expect(second.verification.entryCount == 3)
    }

    @Test func aRollbackIsEvidenceSavedToAFile() async throws {
        let setup = try Setup(entries: 9)
        try setup.publish(size: 9)
        _ = try await setup.verifier().verify()
        try setup.fixture.replace("checkpoint", with: setup.registry.checkpoints[4])
        let verifier = try setup.verifier()
        do throws(RemoteVerificationError) {
            _ = try await verifier.verify()
            Issue.record("a rollback was accepted")
        } catch {
            guard case .splitView(let evidence) = error else {
                Issue.record("expected evidence, got \(error)")
                return
            }
            #expect(evidence.kind == .rolledBack)
            #expect(evidence.earlierSize == 9)
            #expect(evidence.servedSize == 4)
            #expect(evidence.served == setup.registry.checkpoints[4])
            #expect(evidence.earlier == setup.registry.checkpoints[9])
            #expect(evidence.file?.hasPrefix(setup.fixture.state + "/evidence/registry.example%2Funit-") == true)
            let saved = evidence.file.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            #expect(saved?.contains(evidence.checkpoints) == true)
        }
    }

    @Test func aPinnedKeyThatDidNotSignIsAVerdictNamingTheCheckpointURL() async throws {
        let setup = try Setup(entries: 2)
        try setup.publish(size: 2)
        let other = try NoteVerifierKey(name: setup.registry.origin,
                                        publicKey: try Ed25519PrivateKey(seed: Array(repeating: 4, count: 32)).publicKey)
        let verifier = try setup.verifier(pinning: other)
        do throws(RemoteVerificationError) {
            _ = try await verifier.verify()
            Issue.record("a checkpoint not signed by the pinned key was accepted")
        } catch {
            guard case .registry(.verificationFailed(let failure)) = error else {
                Issue.record("expected a verdict, got \(error)")
                return
            }
            #expect(failure.file == setup.fixture.url + "/checkpoint")
            #expect(failure.expected == other.string)
        }
        #expect(try setup.fixture.trustState().isEmpty)
    }

    @Test func theTilesThatChangeAreTheOldPartialOnesAndThoseAfter() throws {
        func paths(_ old: UInt64, _ new: UInt64) -> [String] { RemoteVerifier.changedTiles(from: old, to: new).map(\.path) }
        #expect(paths(0, 3) == ["tile/0/000.p/3"])
        #expect(paths(3, 5) == ["tile/0/000.p/5"])
        #expect(paths(255, 256) == ["tile/0/000", "tile/1/000.p/1"])
        #expect(paths(256, 300) == ["tile/0/001.p/44"])
        #expect(paths(300, 600) == ["tile/0/001", "tile/0/002.p/88", "tile/1/000.p/2"])
        #expect(paths(65_535, 65_536) == ["tile/0/255", "tile/1/000", "tile/2/000.p/1"])
        #expect(paths(70_000, 70_000).isEmpty)
    }

    @Test func ledgerPlacesBecomeBundleURLsAndTrustedOnesDamage() throws {
        let prefix = try LogPrefix("https://example.org/r")
        let mirror = RegistryLayout(directory: "/state/registries/x")
        let places = Places(prefix: prefix, mirror: mirror, trustedSize: 300)
        let new = places.published(.verificationFailed(VerificationFailure(file: mirror.ledger, line: 310, sequence: 310, message: "bad")),
                                   treeSize: 320)
        guard case .registry(.verificationFailed(let failure)) = new else {
            Issue.record("expected a verdict, got \(new)")
            return
        }
        #expect(failure.file == "https://example.org/r/tile/entries/001.p/64")
        #expect(failure.line == nil)
        #expect(failure.sequence == 310)
        let old = places.published(.verificationFailed(VerificationFailure(file: mirror.ledger, line: 3, sequence: 3, message: "bad")),
                                   treeSize: 320)
        guard case .trustStateDamaged(let path, _) = old else {
            Issue.record("expected a damaged state, got \(old)")
            return
        }
        #expect(path == mirror.directory)
        let header = places.published(.verificationFailed(VerificationFailure(file: mirror.header, line: 1, message: "bad")))
        guard case .registry(.verificationFailed(let headerFailure)) = header else { return }
        #expect(headerFailure.file == "https://example.org/r/registry.json")
        let trusted = places.published(.verificationFailed(VerificationFailure(file: mirror.path("trusted-checkpoint"), message: "bad")))
        guard case .registry(.verificationFailed(let trustedFailure)) = trusted else { return }
        #expect(trustedFailure.file == mirror.path("trusted-checkpoint"))
    }
}
