import CryptoPrimitives
import Foundation
import TestSupport
import Testing
import TransparencyLog

/// The commands with `--policy`: verify (a directory and a URL served by
/// nginx), proof and verify-proof, export, monitor; each refusal with its
/// exit code, the missing witnesses named and nothing changed.
@Suite struct WitnessPolicyCommandTests {
    static let origin = "registry.example/witnessed"

    /// A registry of `entries` entries, three test witnesses and their
    /// 2-of-3 policy (with the registry's log line when `withLog`).
    struct Setup {
        let directory: TemporaryDirectory
        var registry: SyntheticRegistry
        let witnesses: TestWitnesses
        let policy: String

        init(directory: TemporaryDirectory? = nil, entries: Int = 4, withLog: Bool = true) throws {
            let directory = try directory ?? TemporaryDirectory()
            self.directory = directory
            registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: entries, seed: 41, origin: WitnessPolicyCommandTests.origin)
            witnesses = try TestWitnesses()
            policy = directory.path("witnesses.policy")
            let logKey = try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey).string
            try witnesses.writePolicy(to: policy, logKeys: withLog ? [logKey] : [])
        }

        var checkpoint: String { registry.directory + "/checkpoint" }

        /// The registry's checkpoint, cosigned by `cosigners` only.
        func cosign(by cosigners: [Int]) throws {
            let bare = try TestWitnesses.withoutCosignatures(Array(try Data(contentsOf: URL(fileURLWithPath: checkpoint))))
            try Data(try witnesses.cosign(bare, by: cosigners)).write(to: URL(fileURLWithPath: checkpoint))
        }

        func run(_ arguments: [String]) throws -> DeclarationProcess.Result {
            try DeclarationProcess.run(arguments, directory: directory.url)
        }
    }

    static func read(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    // MARK: - verify DIR

    @Test func verifyADirectoryWithAPolicyShowsTheWitnessesOrNamesTheMissing() throws {
        let setup = try Setup()
        try setup.cosign(by: [0, 2])
        let verified = try setup.run(["verify", setup.registry.directory, "--policy", setup.policy])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("Witnesses:    quorum two-of-three holds; 2 cosigned"))
        #expect(verified.standardOutput.contains("w1 (key w1.example/witness) cosigned at 2023-11-14T22:13:20Z"))
        #expect(verified.standardOutput.contains("w3 (key w3.example/witness) cosigned at 2023-11-14T22:13:22Z"))
        let json = try setup.run(["verify", setup.registry.directory, "--policy", setup.policy, "--format", "json"])
        #expect(json.status == 0)
        #expect(json.standardOutput.contains(#""witnesses":{"cosigners":[{"key_hash":"#))
        #expect(json.standardOutput.contains(#""time":"2023-11-14T22:13:20Z","witness":"w1"}"#))
        // Without a policy, nothing is said about witnesses.
        let plain = try setup.run(["verify", setup.registry.directory])
        #expect(plain.status == 0)
        #expect(!plain.standardOutput.contains("Witnesses"))

        try setup.cosign(by: [1])
        let before = try Self.read(setup.checkpoint)
        let refused = try setup.run(["verify", setup.registry.directory, "--policy", setup.policy])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("\(setup.checkpoint): the checkpoint is refused by the policy \(setup.policy)"))
        #expect(refused.standardError.contains("missing cosignatures from: w1, w3"))
        #expect(try Self.read(setup.checkpoint) == before)
        let refusedJSON = try setup.run(["verify", setup.registry.directory, "--policy", setup.policy, "--format", "json"])
        #expect(refusedJSON.status == 1)
        #expect(refusedJSON.standardOutput.contains(#""missing_witnesses":["w1","w3"]"#))
    }

    @Test func aBadPolicyFileExits65NamingItsLineAndAMissingOne66() throws {
        let setup = try Setup()
        let bad = setup.directory.path("bad.policy")
        try Data("witness w1 sigsum.org+abcd+AAAA\nquorum w1\ngroup\n".utf8).write(to: URL(fileURLWithPath: bad))
        let result = try setup.run(["verify", setup.registry.directory, "--policy", bad])
        #expect(result.status == 65)
        #expect(result.standardError.contains("\(bad): not a valid witness policy: policy line 1:"))
        let missing = try setup.run(["verify", setup.registry.directory, "--policy", setup.directory.path("nowhere.policy")])
        #expect(missing.status == 66)
        #expect(missing.standardError.contains("nowhere.policy"))
    }

    @Test func aPolicyWhoseLogIsAnotherRegistrysRefusesIt() throws {
        let setup = try Setup()
        try setup.cosign(by: [0, 1, 2])
        let other = try NoteVerifierKey(name: Self.origin, publicKey: try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32)).publicKey)
        let policy = setup.directory.path("other.policy")
        try setup.witnesses.writePolicy(to: policy, logKeys: [other.string])
        let result = try setup.run(["verify", setup.registry.directory, "--policy", policy])
        #expect(result.status == 1)
        #expect(result.standardError.contains("which is not among the policy's log lines (\(other.string))"))
    }

    // MARK: - verify URL

    @Test func verifyAURLWithAPolicyKeepsTheCosignedNoteAndRefusesAWeakerCheckpoint() throws {
        let fixture = try RemoteFixture()
        var setup = try Setup(directory: fixture.directory, entries: 300)
        let siteCheckpoint = fixture.site + "/checkpoint"
        try fixture.publish(setup.registry.directory)
        let first = try setup.witnesses.cosign(setup.registry.checkpoints[300], by: [0, 2])
        try Data(first).write(to: URL(fileURLWithPath: siteCheckpoint))
        let folder = "registry.example%2Fwitnessed"

        let verified = try fixture.verify(["--policy", setup.policy])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("w1 (key w1.example/witness) cosigned at 2023-11-14T22:13:20Z"))
        // The policy's log line pins the key: no first-use note.
        #expect(verified.standardOutput.contains("Trust:        first use, the key pinned"))
        #expect(!verified.standardError.contains("note: first use"))
        #expect(try fixture.trustState()[folder + "/trusted-checkpoint"] == Data(first))

        // The same tree, cosigned by all three at a later time: accepted, kept.
        let recosigned = try setup.witnesses.cosign(setup.registry.checkpoints[300], by: [0, 1, 2], timestamp: TestWitnesses.timestamp + 3_600)
        try Data(recosigned).write(to: URL(fileURLWithPath: siteCheckpoint))
        let same = try fixture.verify(["--policy", setup.policy])
        #expect(same.status == 0, "\(same.standardError)")
        #expect(same.standardOutput.contains("the tree verified last time, with other signatures"))
        #expect(same.standardOutput.contains("w2 (key w2.example/witness) cosigned at 2023-11-14T23:13:21Z"))
        #expect(try fixture.trustState()[folder + "/trusted-checkpoint"] == Data(recosigned))
        #expect(fixture.evidenceFiles().isEmpty)

        // Grown, cosigned by w2 alone: refused, the trust state unchanged.
        try setup.registry.appendOthers(20, seed: 7)
        try fixture.publish(setup.registry.directory)
        try Data(try setup.witnesses.cosign(setup.registry.checkpoints[320], by: [1])).write(to: URL(fileURLWithPath: siteCheckpoint))
        let state = try fixture.trustState()
        let refused = try fixture.verify(["--policy", setup.policy])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("\(fixture.url)/checkpoint: the checkpoint is refused by the policy"))
        #expect(refused.standardError.contains("missing cosignatures from: w1, w3"))
        #expect(try fixture.trustState() == state)

        // Its quorum collected: accepted.
        try Data(try setup.witnesses.cosign(setup.registry.checkpoints[320], by: [1, 2])).write(to: URL(fileURLWithPath: siteCheckpoint))
        let grown = try fixture.verify(["--policy", setup.policy])
        #expect(grown.status == 0, "\(grown.standardError)")
        #expect(grown.standardOutput.contains("grew from 300 entries"))
    }

    @Test func monitorWithAPolicyRefusesACheckpointWithoutTheQuorum() throws {
        let fixture = try RemoteFixture()
        let setup = try Setup(directory: fixture.directory, entries: 5)
        try fixture.publish(setup.registry.directory)
        try setup.witnesses.cosignFile(fixture.site + "/checkpoint", by: [2])
        let result = try setup.run(["monitor", fixture.url, "--state", fixture.state, "--policy", setup.policy])
        #expect(result.status == 1)
        #expect(result.standardError.contains("missing cosignatures from: w1, w2"))
        #expect(result.standardOutput.isEmpty)
        #expect(try fixture.trustState().isEmpty)
        try setup.witnesses.cosignFile(fixture.site + "/checkpoint", by: [0])
        let scanned = try setup.run(["monitor", fixture.url, "--state", fixture.state, "--policy", setup.policy])
        #expect(scanned.status == 0, "\(scanned.standardError)")
        #expect(scanned.standardOutput.contains("w1 (key w1.example/witness) cosigned at "), "\(scanned.standardOutput)")
        #expect(scanned.standardOutput.contains("w3 (key w3.example/witness) cosigned at "), "\(scanned.standardOutput)")
    }

    // MARK: - Proofs

    @Test func aProofCarriesTheCosignaturesAndVerifiesOfflineAgainstThePolicy() throws {
        let setup = try Setup()
        try setup.cosign(by: [0, 1])
        let proof = setup.directory.path("entry.tlog-proof")
        let made = try setup.run(["proof", "--registry", setup.registry.directory, "--entry", "2", "--policy", setup.policy, "--out", proof])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("w2 (key w2.example/witness) cosigned at 2023-11-14T22:13:21Z"))
        // The proof ends with the registry's checkpoint, byte for byte.
        let bytes = try Self.read(proof)
        let checkpoint = try Self.read(setup.checkpoint)
        #expect(bytes.suffix(checkpoint.count) == checkpoint)

        // Offline, the key from the policy's log line.
        let verified = try setup.run(["verify-proof", proof, "--policy", setup.policy])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("Proof verified: entry 2"))
        #expect(verified.standardOutput.contains("w1 (key w1.example/witness) cosigned at 2023-11-14T22:13:20Z"))
        let json = try setup.run(["verify-proof", proof, "--policy", setup.policy, "--format", "json"])
        #expect(json.standardOutput.contains(#""witness":"w2""#))

        // A checkpoint with one cosignature gives no proof with the policy.
        try setup.cosign(by: [2])
        let refusedProof = setup.directory.path("refused.tlog-proof")
        let refused = try setup.run(["proof", "--registry", setup.registry.directory, "--entry", "2", "--policy", setup.policy, "--out", refusedProof])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("missing cosignatures from: w1, w2"))
        #expect(!FileManager.default.fileExists(atPath: refusedProof))

        // Made without the policy, its proof is refused by verify-proof --policy.
        let weak = setup.directory.path("weak.tlog-proof")
        #expect(try setup.run(["proof", "--registry", setup.registry.directory, "--entry", "2", "--out", weak]).status == 0)
        let weakResult = try setup.run(["verify-proof", weak, "--policy", setup.policy])
        #expect(weakResult.status == 1)
        #expect(weakResult.standardError.contains("the witness policy fails"))
        #expect(weakResult.standardError.contains("missing cosignatures from: w1, w2"))
        let weakJSON = try setup.run(["verify-proof", weak, "--policy", setup.policy, "--format", "json"])
        #expect(weakJSON.standardOutput.contains(#""check":"witnesses""#))
        // Without --policy it still verifies: the cosignatures are not checked.
        let logKey = try NoteVerifierKey(name: setup.registry.origin, publicKey: setup.registry.registrarKey.publicKey).string
        #expect(try setup.run(["verify-proof", weak, "--log-key", logKey]).status == 0)
    }

    @Test func verifyProofNeedsAKeyFromTheCommandLineOrThePolicy() throws {
        let setup = try Setup(withLog: false)
        try setup.cosign(by: [0, 1])
        let proof = setup.directory.path("entry.tlog-proof")
        #expect(try setup.run(["proof", "--registry", setup.registry.directory, "--entry", "1", "--out", proof]).status == 0)
        #expect(try setup.run(["verify-proof", proof]).status == 64)
        let noLog = try setup.run(["verify-proof", proof, "--policy", setup.policy])
        #expect(noLog.status == 64)
        #expect(noLog.standardError.contains("has no log line"))
        let logKey = try NoteVerifierKey(name: setup.registry.origin, publicKey: setup.registry.registrarKey.publicKey).string
        #expect(try setup.run(["verify-proof", proof, "--policy", setup.policy, "--log-key", logKey]).status == 0)
    }

    // MARK: - Exports

    @Test func exportsWithAPolicyNameTheWitnessesAndWithoutOneNone() throws {
        let setup = try Setup()
        try setup.cosign(by: [0, 2])
        let stamp = ["--timestamp", "2024-01-01T00:00:00Z"]
        let json = try setup.run(["export", "--registry", setup.registry.directory, "--format", "json", "--policy", setup.policy] + stamp)
        #expect(json.status == 0, "\(json.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let checkpoint = try #require(document["checkpoint"] as? [String: Any])
        let witnesses = try #require(checkpoint["witnesses"] as? [[String: String]])
        #expect(witnesses == [
            ["witness": "w1", "key_name": "w1.example/witness", "time": "2023-11-14T22:13:20Z"],
            ["witness": "w3", "key_name": "w3.example/witness", "time": "2023-11-14T22:13:22Z"],
        ])
        let html = try setup.run(["export", "--registry", setup.registry.directory, "--format", "html", "--policy", setup.policy] + stamp)
        #expect(html.status == 0)
        #expect(html.standardOutput.contains("<dt>Cosigned by witnesses</dt><dd><ul><li><code><bdi>w1</bdi></code> (<code><bdi>w1.example/witness</bdi></code>) <time datetime=\"2023-11-14T22:13:20Z\">2023-11-14T22:13:20Z</time></li>"))

        // Without a policy: no witnesses named, nothing else changed.
        let plainJSON = try setup.run(["export", "--registry", setup.registry.directory, "--format", "json"] + stamp)
        #expect(!plainJSON.standardOutput.contains("witnesses"))
        let plainHTML = try setup.run(["export", "--registry", setup.registry.directory, "--format", "html"] + stamp)
        #expect(!plainHTML.standardOutput.contains("Cosigned by witnesses"))

        // Refused: nothing written.
        try setup.cosign(by: [])
        let out = setup.directory.path("list.json")
        let refused = try setup.run(["export", "--registry", setup.registry.directory, "--format", "json", "--policy", setup.policy, "--out", out] + stamp)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("missing cosignatures from: w1, w2, w3"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
