import CryptoPrimitives
import DeclarationRegistry
import Foundation
import LogClient
import RegistryFormat
import RegistryStorage
import TestSupport
import Testing
import TransparencyLog

/// The library's verification with a witness policy: a local registry whose
/// checkpoint carries cosignatures, judged by a 2-of-3 policy, and the same
/// from its published site through the trust state.
@Suite struct CheckpointPolicyTests {
    struct Local {
        let directory: TemporaryDirectory
        let registry: SyntheticRegistry
        let witnesses: TestWitnesses
        let checkpointPath: String

        init() throws {
            directory = try TemporaryDirectory()
            registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: 3, seed: 31,
                                                   origin: "registry.example/policy")
            witnesses = try TestWitnesses()
            checkpointPath = registry.directory + "/checkpoint"
        }

        var logKey: NoteVerifierKey {
            get throws { try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey) }
        }

        func policy(logKeys: [String] = [], quorum: String = TestWitnesses.group) throws -> CheckpointPolicy {
            let path = directory.path("policy-\(logKeys.count)-\(quorum)")
            try witnesses.writePolicy(to: path, logKeys: logKeys, quorum: quorum)
            return try CheckpointPolicy.read(path)
        }

        func verify(_ policy: CheckpointPolicy) throws(RegistryError) -> VerificationReport {
            try RegistryVerifier(layout: RegistryLayout(directory: registry.directory)).verify(policy: policy)
        }

        /// The refusal a verification with `policy` ends with.
        func refusal(_ policy: CheckpointPolicy) throws -> CheckpointRefusal {
            do {
                _ = try verify(policy)
            } catch {
                guard case .checkpointRefused(let refusal) = error else {
                    Issue.record("expected a policy's refusal, got \(error)")
                    throw error
                }
                return refusal
            }
            Issue.record("the registry verified with the policy")
            throw CancellationError()
        }
    }

    @Test func twoOfThreeValidCosignaturesAreAccepted() throws {
        let local = try Local()
        try local.witnesses.cosignFile(local.checkpointPath, by: [0, 2])
        let report = try local.verify(try local.policy())
        let witnessing = try #require(report.witnessing)
        #expect(witnessing.isSatisfied)
        #expect(witnessing.cosigners.map(\.witness) == ["w1", "w3"])
        #expect(witnessing.cosigners.map(\.cosignature.name) == ["w1.example/witness", "w3.example/witness"])
        #expect(witnessing.cosigners.map(\.time) == ["2023-11-14T22:13:20Z", "2023-11-14T22:13:22Z"])
        // The report keeps the note as read, cosignatures included.
        #expect(report.checkpointNote == Array(try Data(contentsOf: URL(fileURLWithPath: local.checkpointPath))))
        // Without a policy, nothing about witnesses is said.
        #expect(try RegistryVerifier(layout: RegistryLayout(directory: local.registry.directory)).verify().witnessing == nil)
    }

    @Test func oneValidCosignatureIsRefusedNamingTheTwoMissing() throws {
        let local = try Local()
        try local.witnesses.cosignFile(local.checkpointPath, by: [1])
        let refusal = try local.refusal(try local.policy())
        #expect(refusal.missingWitnesses == ["w1", "w3"])
        #expect(refusal.checkpoint == local.checkpointPath)
        #expect(refusal.description.contains("missing cosignatures from: w1, w3"))
        #expect(refusal.description.contains("cosigned by w2"))
        // No cosignature at all: all three are missing.
        let bare = try Local()
        #expect(try bare.refusal(try bare.policy()).missingWitnesses == ["w1", "w2", "w3"])
    }

    @Test func aForgedCosignatureIsRefusedEvenWithAQuorumBeside() throws {
        let local = try Local()
        try local.witnesses.cosignFile(local.checkpointPath, by: [1, 2])
        let url = URL(fileURLWithPath: local.checkpointPath)
        try Data(try local.witnesses.forge(Array(try Data(contentsOf: url)), witness: 0)).write(to: url)
        let refusal = try local.refusal(try local.policy())
        guard case .badCosignature(.badSignature(let keyName, _, let line)) = refusal.reason else {
            Issue.record("expected a bad cosignature, got \(refusal.reason)")
            return
        }
        #expect(keyName == "w1.example/witness")
        // Four lines of text, the blank line, the log's line and two cosignatures.
        #expect(line == 9)
    }

    @Test func aPolicyNotNamingTheLogKeyIsRefused() throws {
        let local = try Local()
        try local.witnesses.cosignFile(local.checkpointPath, by: [0, 1, 2])
        let other = try NoteVerifierKey(name: local.registry.origin, publicKey: try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32)).publicKey)
        let refusal = try local.refusal(try local.policy(logKeys: [other.string]))
        #expect(refusal.reason == .logNotInPolicy(logKey: try local.logKey.string, policyLogs: [other.string]))
        // Naming it (among others) is accepted.
        #expect(try local.verify(try local.policy(logKeys: [other.string, try local.logKey.string])).witnessing?.isSatisfied == true)
    }

    @Test func cosignaturesByUnknownWitnessesAreIgnored() throws {
        let local = try Local()
        let stranger = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x55, count: 32))
        let url = URL(fileURLWithPath: local.checkpointPath)
        let note = try SignedNote(parsing: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        let line = try Cosignature.sign(checkpointBody: note.text, timestamp: 5, name: "stranger.example/witness", key: stranger)
        try Data(try SignedNote(text: note.text, signatures: note.signatures + [line.noteSignature]).serialized.utf8).write(to: url)
        #expect(try local.refusal(try local.policy()).missingWitnesses == ["w1", "w2", "w3"])
        try local.witnesses.cosignFile(local.checkpointPath, by: [0, 1])
        #expect(try local.verify(try local.policy()).witnessing?.cosigners.map(\.witness) == ["w1", "w2"])
    }

    @Test func quorumNoneAcceptsACheckpointWithoutCosignatures() throws {
        let local = try Local()
        let witnessing = try #require(try local.verify(try local.policy(quorum: "none")).witnessing)
        #expect(witnessing.isSatisfied)
        #expect(witnessing.cosigners.isEmpty)
    }

    @Test func aBadPolicyFileNamesItsLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bad.policy")
        try Data("witness w1 not-a-key\nquorum w1\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try CheckpointPolicy.read(path)
        } throws: { error in
            guard case RegistryError.invalidPolicy(let at, let policyError) = error else { return false }
            return at == path && policyError.description.hasPrefix("policy line 1:")
        }
        #expect {
            try CheckpointPolicy.read(directory.path("missing.policy"))
        } throws: { error in
            guard case RegistryError.storage(let storage) = error else { return false }
            return storage.isMissing
        }
    }

    // MARK: - From a published site

    struct Remote {
        let fixture: RemoteFixture
        let registry: SyntheticRegistry
        let witnesses: TestWitnesses
        let policy: CheckpointPolicy

        init() throws {
            fixture = try RemoteFixture()
            registry = try SyntheticRegistry.build(in: fixture.directory.path("registry"), entries: 20, seed: 32,
                                                   origin: "registry.example/policy-remote")
            witnesses = try TestWitnesses()
            let path = fixture.directory.path("witnesses.policy")
            try witnesses.writePolicy(to: path)
            policy = try CheckpointPolicy.read(path)
        }

        /// Publishes the registry at `size` with the checkpoint cosigned by `cosigners`.
        @discardableResult
        func publish(size: Int, cosignedBy cosigners: [Int], timestamp: UInt64 = TestWitnesses.timestamp) throws -> [UInt8] {
            let note = try witnesses.cosign(registry.checkpoints[size], by: cosigners, timestamp: timestamp)
            try RegistrySite.write(registry: registry.directory, to: fixture.site, size: size, checkpoint: note)
            return note
        }

        func verifier() throws -> RemoteVerifier {
            RemoteVerifier(client: TiledLogClient(prefix: try LogPrefix(fixture.url), http: HTTPClient(configuration: .init())),
                           state: TrustStateLayout(root: fixture.state), policy: policy)
        }

        var trustedCheckpoint: [UInt8] {
            get throws {
                let mirror = TrustStateLayout(root: fixture.state).mirror(origin: registry.origin)
                return Array(try Data(contentsOf: URL(fileURLWithPath: mirror.path("trusted-checkpoint"))))
            }
        }
    }

    @Test func theRemoteVerifierJudgesBeforeCommittingAndKeepsTheCosignedNote() async throws {
        let remote = try Remote()
        // First use without the quorum: refused, no trust state at all.
        try remote.publish(size: 10, cosignedBy: [2])
        await #expect {
            try await remote.verifier().verify()
        } throws: { error in
            guard case RemoteVerificationError.registry(.checkpointRefused(let refusal)) = error else { return false }
            return refusal.missingWitnesses == ["w1", "w2"]
        }
        #expect(try remote.fixture.trustState().isEmpty)

        // With the quorum: trusted, the note kept with its cosignatures.
        let first = try remote.publish(size: 10, cosignedBy: [0, 2])
        let report = try await remote.verifier().verify()
        #expect(report.verification.witnessing?.cosigners.map(\.witness) == ["w1", "w3"])
        #expect(try remote.trustedCheckpoint == first)
        let state = try remote.fixture.trustState()

        // A larger checkpoint without the quorum: refused, nothing changed.
        try remote.publish(size: 20, cosignedBy: [1])
        await #expect(throws: RemoteVerificationError.self) { try await remote.verifier().verify() }
        #expect(try remote.fixture.trustState() == state)

        // The same tree with other cosignatures: no split view; the served
        // note replaces the trusted one.
        let recosigned = try remote.publish(size: 10, cosignedBy: [0, 1, 2], timestamp: TestWitnesses.timestamp + 60)
        let same = try await remote.verifier().verify()
        #expect(same.trust == .newSignatures)
        #expect(same.verification.witnessing?.cosigners.count == 3)
        #expect(try remote.trustedCheckpoint == recosigned)
        #expect(remote.fixture.evidenceFiles().isEmpty)
        // Served again, byte for byte: nothing new.
        #expect(try await remote.verifier().verify().trust == .unchanged)

        // Grown, with the quorum: updated, the new cosigned note kept.
        let grown = try remote.publish(size: 20, cosignedBy: [1, 2])
        let update = try await remote.verifier().verify()
        guard case .updated(fromSize: 10, _) = update.trust else {
            Issue.record("expected an update from 10, got \(update.trust)")
            return
        }
        #expect(try remote.trustedCheckpoint == grown)
    }
}
