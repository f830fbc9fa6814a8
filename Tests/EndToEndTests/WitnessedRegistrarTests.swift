import CryptoPrimitives
import Foundation
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// A registrar witnessed by three real `declaration witness serve`
/// processes on loopback ports, with a 2-of-3 policy kept in the registry:
/// every append collects cosignatures, and a site is published only at the quorum.
@Suite struct WitnessedRegistrarTests {
    /// A registry of 3 entries, its key file, a site, and three witnesses
    /// on ports of their own (kept across restarts, so the policy's URLs hold).
    final class Scene {
        let directory: TemporaryDirectory
        var registry: GrowingRegistry
        let registrarKey: String
        let site: String
        let ports: [Int]
        var witnesses: [WitnessServerProcess?]

        /// A scene in `directory` (a new one unless given), publishing to
        /// `site` (the directory's `site` unless given, such as a site nginx serves).
        init(directory: TemporaryDirectory? = nil, site: String? = nil) throws {
            self.directory = try directory ?? TemporaryDirectory()
            let directory = self.directory
            registry = try GrowingRegistry(in: directory.path("registry"))
            try registry.grow(to: 3)
            registrarKey = directory.path("registrar")
            try registry.writeRegistrarKey(to: registrarKey)
            self.site = site ?? directory.path("site")
            ports = try (0..<3).map { _ in try NginxServer.freePort() }
            witnesses = [nil, nil, nil]
            for index in 0..<3 { try start(index) }
            let policy = directory.path("policy")
            try Data(try policyText().utf8).write(to: URL(fileURLWithPath: policy))
            let set = try DeclarationProcess.run(["witness", "policy", "--registry", registry.directory, "--set", policy])
            #expect(set.status == 0, "\(set.standardError)")
        }

        static func name(_ index: Int) -> String { "w\(index + 1)" }

        /// Starts witness `index` (again, with its key and data, after `stop`).
        func start(_ index: Int) throws {
            let logKey = try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey)
            witnesses[index] = try WitnessServerProcess(
                in: directory, label: "witness\(index + 1)", name: "witness\(index + 1).example/w",
                logKeys: [logKey], extraArguments: ["--listen", "127.0.0.1:\(ports[index])"])
        }

        func stop(_ index: Int) {
            witnesses[index]?.stop()
        }

        func policyText() throws -> String {
            let logKey = try NoteVerifierKey(name: registry.origin, publicKey: registry.registrarKey.publicKey)
            var text = "log \(logKey.string)\n"
            for (index, witness) in witnesses.enumerated() {
                let server = try #require(witness)
                text += "witness \(Self.name(index)) \(server.cosignerKey.string) http://127.0.0.1:\(ports[index])\n"
            }
            return text + "group two 2 w1 w2 w3\nquorum two\n"
        }

        /// `declaration append` of `count` new statements, published to the site.
        func append(_ count: Int = 1, publish: Bool = true) throws -> DeclarationProcess.Result {
            let files = try registry.statementFiles(count, in: directory.url.path)
            return try DeclarationProcess.run(["append", "--registrar-key", registrarKey, "--registry", registry.directory,
                                               "--witness-timeout", "5"]
                                              + (publish ? ["--publish-to", site] : []) + files)
        }

        func checkpoint() throws -> SignedNote {
            try SignedNote(parsing: String(contentsOfFile: registry.directory + "/checkpoint", encoding: .utf8))
        }

        func siteCheckpoint() throws -> Data? {
            FileManager.default.contents(atPath: site + "/checkpoint")
        }
    }

    @Test func allThreeUpCosignAndThePublishedCheckpointCarriesThem() throws {
        let scene = try Scene()
        let appended = try scene.append()
        #expect(appended.status == 0, "\(appended.standardError)")
        for index in 0..<3 {
            #expect(appended.standardOutput.contains("Witness \(Scene.name(index)): cosigned at "), "\(appended.standardOutput)")
        }
        #expect(appended.standardOutput.contains("Quorum met for the checkpoint of 4 entries (3 of 3 witnesses cosigned)"))
        #expect(appended.standardOutput.contains("Published 4 entries to \(scene.site)"))
        let note = try scene.checkpoint()
        #expect(note.signatures.count == 4)
        #expect(note.signatures[0].name == scene.registry.origin)
        #expect(try scene.siteCheckpoint() == Data(note.serialized.utf8))
        #expect(FileManager.default.fileExists(atPath: scene.site + "/witnesses.policy"))
        // Each witness serves the checkpoint it cosigned for monitors.
        let verified = try DeclarationProcess.run(["verify", "--registry", scene.registry.directory])
        #expect(verified.status == 0, "\(verified.standardError)")

        // A second append: the witnesses take the proof from the size they hold.
        let second = try scene.append(2)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("Quorum met for the checkpoint of 6 entries (3 of 3"), "\(second.standardOutput)")
    }

    @Test func oneDownTheQuorumHoldsAndTheDownOneIsNamed() throws {
        let scene = try Scene()
        scene.stop(2)
        let appended = try scene.append()
        #expect(appended.status == 0, "\(appended.standardError)")
        #expect(appended.standardOutput.contains("Witness w3: failed: http://127.0.0.1:\(scene.ports[2])/add-checkpoint: the connection was refused"),
                "\(appended.standardOutput)")
        #expect(appended.standardOutput.contains("Quorum met for the checkpoint of 4 entries (2 of 3 witnesses cosigned)"))
        #expect(try scene.siteCheckpoint() != nil)
    }

    @Test func twoDownExits75LeavesTheSiteThenRetryCompletesIt() throws {
        let scene = try Scene()
        let first = try scene.append()
        #expect(first.status == 0, "\(first.standardError)")
        let published = try scene.siteCheckpoint()

        scene.stop(1)
        scene.stop(2)
        let appended = try scene.append()
        #expect(appended.status == 75, "\(appended.standardOutput)\(appended.standardError)")
        #expect(appended.standardOutput.contains("Recorded entry 5"))
        #expect(appended.standardOutput.contains("Witness w2: failed: http://127.0.0.1:\(scene.ports[1])/add-checkpoint"))
        #expect(appended.standardOutput.contains("Witness w3: failed: http://127.0.0.1:\(scene.ports[2])/add-checkpoint"))
        #expect(appended.standardError.contains("entry 5 is recorded in the registry; the registry's checkpoint of 5 entries is cosigned by w1, short of the witness policy's quorum"),
                "\(appended.standardError)")
        #expect(appended.standardError.contains("declaration witness retry --registry \(scene.registry.directory) --publish-to \(scene.site)"))
        #expect(try scene.siteCheckpoint() == published)
        // The entry is recorded: the registry verifies at 5.
        let verified = try DeclarationProcess.run(["verify", "--registry", scene.registry.directory])
        #expect(verified.status == 0)
        #expect(verified.standardOutput.contains("size 5"), "\(verified.standardOutput)")

        // A publish alone still cannot reach them: 75, the site unchanged.
        let refused = try DeclarationProcess.run(["publish", "--registry", scene.registry.directory, "--to", scene.site,
                                                  "--witness-timeout", "5"])
        #expect(refused.status == 75, "\(refused.standardError)")
        #expect(try scene.siteCheckpoint() == published)

        // Restarted with their data, they accept the checkpoint from the size they kept.
        try scene.start(1)
        try scene.start(2)
        let retried = try DeclarationProcess.run(["witness", "retry", "--registry", scene.registry.directory,
                                                  "--publish-to", scene.site])
        #expect(retried.status == 0, "\(retried.standardError)")
        #expect(retried.standardOutput.contains("Witness w1: cosigned at "), "\(retried.standardOutput)")
        #expect(retried.standardOutput.contains("(already in the checkpoint)"))
        #expect(retried.standardOutput.contains("Quorum met for the checkpoint of 5 entries (3 of 3"))
        #expect(retried.standardOutput.contains("Published 5 entries to \(scene.site)"))
        #expect(try scene.siteCheckpoint() == Data(try scene.checkpoint().serialized.utf8))
    }

    @Test func aRestartedWitnessKeepsAcceptingAndDeletedStateTakesThe409Path() throws {
        let scene = try Scene()
        #expect(try scene.append().status == 0)
        scene.stop(0)
        try scene.start(0)
        let after = try scene.append()
        #expect(after.status == 0, "\(after.standardError)")
        #expect(after.standardOutput.contains("Witness w1: cosigned at "), "\(after.standardOutput)")

        // Without the derived state the sizes are unknown: each witness
        // answers 409 with its size, and is asked again from there.
        try FileManager.default.removeItem(atPath: scene.registry.directory + "/state")
        let again = try scene.append()
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("Quorum met for the checkpoint of 6 entries (3 of 3"), "\(again.standardOutput)")
        let sizes = try String(contentsOfFile: scene.registry.directory + "/state/witness-sizes", encoding: .utf8)
        #expect(sizes.split(separator: "\n").allSatisfy { $0.hasPrefix("6 ") }, "\(sizes)")
    }

    @Test func aPolicyThatDoesNotNameTheRegistrysKeyIsRefused() throws {
        let scene = try Scene()
        let other = try NoteVerifierKey(name: "other.example/log", publicKey: try Ed25519PrivateKey().publicKey)
        let text = try scene.policyText().replacingOccurrences(of: "log ", with: "log \(other.string)\n#", options: .anchored)
        let policy = scene.directory.path("other-policy")
        try Data(text.utf8).write(to: URL(fileURLWithPath: policy))
        let before = try String(contentsOfFile: scene.registry.directory + "/witnesses.policy", encoding: .utf8)
        let set = try DeclarationProcess.run(["witness", "policy", "--registry", scene.registry.directory, "--set", policy])
        #expect(set.status == 65, "\(set.standardError)")
        #expect(set.standardError.contains("\(policy): the witness policy cannot serve this registry: its log lines (line 1) do not name this registry's checkpoint key"),
                "\(set.standardError)")
        #expect(try String(contentsOfFile: scene.registry.directory + "/witnesses.policy", encoding: .utf8) == before)
        let shown = try DeclarationProcess.run(["witness", "policy", "--registry", scene.registry.directory, "--show"])
        #expect(shown.standardOutput == before)
    }
}
