import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// Collecting witnesses' cosignatures for a registry through the library,
/// against nginx answering as witnesses do (fixed 200, 409 and 4xx answers)
/// and a port nothing listens on: what is merged into the checkpoint, what
/// is remembered, and what a publish then does.
@Suite struct CosignatureCollectorTests {
    /// One witness: its key and name, and the nginx location it answers at.
    struct Witness {
        let name: String
        let key: Ed25519PrivateKey
        var cosigner: CosignerKey { get throws { try CosignerKey(name: name, publicKey: key.publicKey) } }
        /// Its cosignature line of `body`.
        func line(_ body: String, timestamp: UInt64 = 1_700_000_000) throws -> String {
            try Cosignature.sign(checkpointBody: body, timestamp: timestamp, name: name, key: key).line
        }
    }

    /// A registry of 5 entries, three witnesses, a web root for nginx and a site.
    struct Scene {
        let directory: TemporaryDirectory
        var registry: GrowingRegistry
        let witnesses: [Witness]
        let site: String
        let www: String
        /// Two ports that refuse connections while the scene lives: witnesses that are down.
        let refusing: [RefusingPort]

        init() throws {
            directory = try TemporaryDirectory()
            registry = try GrowingRegistry(in: directory.path("registry"))
            try registry.grow(to: 5)
            witnesses = try (1...3).map { Witness(name: "witness\($0).example/w", key: try Ed25519PrivateKey()) }
            site = directory.path("site")
            www = directory.path("www")
            try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
            refusing = try [RefusingPort(), RefusingPort()]
        }

        /// A URL on a loopback port that refuses every connection (a witness that is down).
        func downURL(_ index: Int = 0) -> String {
            refusing[index].url("/down")
        }

        var layout: RegistryLayout { RegistryLayout(directory: registry.directory) }

        /// The checkpoint file's note.
        func note() throws -> SignedNote {
            try SignedNote(parsing: String(contentsOfFile: layout.checkpoint, encoding: .utf8))
        }

        /// A 2-of-3 policy naming the registry's key and each witness at `urls`.
        func policy(urls: [String]) throws -> String {
            let header = try Registry(directory: registry.directory).header()
            var text = "log \(header.checkpointVerifierKeyText)\n"
            for (witness, url) in zip(witnesses, urls) {
                text += "witness \(witness.name) \(try witness.cosigner.string) \(url)\n"
            }
            text += "group two 2 " + witnesses.map(\.name).joined(separator: " ") + "\nquorum two\n"
            return text
        }

        func setPolicy(urls: [String]) throws {
            try Registry(directory: registry.directory).setWitnessPolicy(Array(try policy(urls: urls).utf8), source: "policy")
        }

        func collect(onlyBelowQuorum: Bool = false) async throws -> WitnessingReport {
            try #require(try await CosignatureCollector(registry: registry.directory, timeout: .seconds(5))
                .collect(onlyBelowQuorum: onlyBelowQuorum))
        }
    }

    @Test func twoOfThreeCosignMergedAfterTheRegistrarsLineAndPublished() async throws {
        let scene = try Scene()
        let body = try scene.note().text
        let server = try NginxServer(serving: scene.www, in: scene.directory, faults: [
            "/w1/add-checkpoint": .answer(status: 200, contentType: "text/plain", body: try scene.witnesses[0].line(body)),
            "/w2/add-checkpoint": .answer(status: 200, contentType: "text/plain", body: try scene.witnesses[1].line(body)),
        ])
        let down = scene.downURL()
        try scene.setPolicy(urls: [server.url("/w1"), server.url("/w2"), down])
        let before = try scene.note()

        let report = try await scene.collect()
        #expect(report.isSatisfied)
        #expect(report.size == 5)
        #expect(report.submissions.map(\.witness.description) == scene.witnesses.map(\.name))
        #expect(report.submissions[0].cosignature?.timestamp == 1_700_000_000)
        #expect(report.submissions[1].cosignature != nil)
        guard case .failed(let reason) = report.submissions[2].outcome else {
            Issue.record("the witness that is down did not fail")
            return
        }
        #expect(reason.contains(down + "/add-checkpoint"))
        #expect(reason.contains("connection was refused"))

        let after = try scene.note()
        #expect(after.text == before.text)
        #expect(after.signatures.count == 3)
        #expect(after.signatures[0] == before.signatures[0])
        #expect(after.signatures.dropFirst().map(\.name) == [scene.witnesses[0].name, scene.witnesses[1].name])
        // Each witness's size is remembered for the next proof.
        let sizes = WitnessSizes.load(scene.layout)
        #expect(sizes.sizes[try scene.witnesses[0].cosigner.string] == 5)
        #expect(sizes.sizes[try scene.witnesses[2].cosigner.string] == nil)

        // The cosigned registry still verifies, appends and publishes.
        _ = try RegistryVerifier(layout: scene.layout).verify()
        let report2 = try SitePublisher(registry: scene.registry.directory, site: scene.site).publish()
        #expect(report2.written.contains("witnesses.policy"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scene.site + "/checkpoint"))
                == Data(contentsOf: URL(fileURLWithPath: scene.layout.checkpoint)))

        // Asked again, the witnesses that cosigned are not asked twice.
        let again = try await scene.collect()
        #expect(again.submissions[0].outcome == .alreadyCosigned(try #require(report.submissions[0].cosignature)))
        #expect(server.requests(atLeast: 2).count == 2)
    }

    @Test func belowTheQuorumNothingIsPublished() async throws {
        let scene = try Scene()
        let body = try scene.note().text
        let server = try NginxServer(serving: scene.www, in: scene.directory, faults: [
            "/w1/add-checkpoint": .answer(status: 200, contentType: "text/plain", body: try scene.witnesses[0].line(body)),
            "/w2/add-checkpoint": .answer(status: 404, contentType: "text/plain", body: "unknown log"),
        ])
        try scene.setPolicy(urls: [server.url("/w1"), server.url("/w2"), scene.downURL()])
        let report = try await scene.collect()
        #expect(!report.isSatisfied)
        #expect(report.failures.map(\.witness.description) == [scene.witnesses[1].name, scene.witnesses[2].name])
        guard case .failed(let reason) = report.submissions[1].outcome else { return }
        #expect(reason.contains("HTTP 404: \"unknown log\""))
        #expect(reason.contains("does not know this log's origin"))

        #expect(throws: RegistryError.self) {
            try SitePublisher(registry: scene.registry.directory, site: scene.site).publish()
        }
        do {
            _ = try SitePublisher(registry: scene.registry.directory, site: scene.site).publish()
        } catch {
            guard case .quorumNotMet(let shortfall) = error else {
                Issue.record("expected quorumNotMet, got \(error)")
                return
            }
            #expect(shortfall.size == 5)
            #expect(shortfall.description.contains("declaration witness retry --registry \(scene.registry.directory) --publish-to \(scene.site)"))
        }
        #expect(!FileManager.default.fileExists(atPath: scene.site))
    }

    @Test func aConflictIsRetriedFromTheReportedSizeAtMostTwice() async throws {
        let scene = try Scene()
        let server = try NginxServer(serving: scene.www, in: scene.directory, faults: [
            "/w1/add-checkpoint": .answer(status: 409, contentType: "text/x.tlog.size", body: "3\n"),
            "/w2/add-checkpoint": .answer(status: 409, contentType: "text/x.tlog.size", body: "9\n"),
            "/w3/add-checkpoint": .answer(status: 409, contentType: "text/plain", body: "3\n"),
        ])
        try scene.setPolicy(urls: [server.url("/w1"), server.url("/w2"), server.url("/w3")])
        let report = try await scene.collect()
        #expect(!report.isSatisfied)
        let reasons = report.submissions.map { submission -> String in
            if case .failed(let reason) = submission.outcome { return reason }
            return ""
        }
        #expect(reasons[0].contains("answered 409 3 times"))
        #expect(reasons[1].contains("cosigned a checkpoint of 9 entries, more than this one's 5"))
        #expect(reasons[2].contains("not text/x.tlog.size"))
        // Three requests to the first witness, one to each other.
        let logged = server.requests(atLeast: 5)
        #expect(logged.filter { $0.path == "/w1/add-checkpoint" }.count == 3)
        #expect(logged.filter { $0.path == "/w2/add-checkpoint" }.count == 1)
        #expect(WitnessSizes.load(scene.layout).sizes[try scene.witnesses[0].cosigner.string] == 3)
        #expect(try scene.note().signatures.count == 1)
    }

    @Test func aCosignatureThatDoesNotVerifyIsNotMerged() async throws {
        let scene = try Scene()
        // The right key and name over another body: the key hash matches,
        // the signature does not.
        var lines = try scene.note().text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = "6"
        let wrong = try scene.witnesses[0].line(lines.joined(separator: "\n"))
        let server = try NginxServer(serving: scene.www, in: scene.directory, faults: [
            "/w1/add-checkpoint": .answer(status: 200, contentType: "text/plain", body: wrong),
        ])
        try scene.setPolicy(urls: [server.url("/w1"), scene.downURL(0), scene.downURL(1)])
        let before = try Data(contentsOf: URL(fileURLWithPath: scene.layout.checkpoint))
        let report = try await scene.collect()
        guard case .failed(let reason) = report.submissions[0].outcome else {
            Issue.record("a forged cosignature was accepted")
            return
        }
        #expect(reason.contains("does not verify with the policy's key"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scene.layout.checkpoint)) == before)
    }

    @Test func cosignaturesAreMergedOnlyIntoTheCheckpointTheyAreOf() throws {
        var scene = try Scene()
        let registry = Registry(directory: scene.registry.directory)
        let old = try scene.note()
        let cosignature = try Cosignature.sign(checkpointBody: old.text, timestamp: 1, name: scene.witnesses[0].name,
                                               key: scene.witnesses[0].key)
        try scene.registry.grow(by: 1)
        let current = try Data(contentsOf: URL(fileURLWithPath: scene.layout.checkpoint))
        #expect(try registry.mergeCosignatures([cosignature], intoCheckpointWithText: old.text, sizes: WitnessSizes()) == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scene.layout.checkpoint)) == current)

        let now = try scene.note()
        let fresh = try Cosignature.sign(checkpointBody: now.text, timestamp: 2, name: scene.witnesses[0].name,
                                         key: scene.witnesses[0].key)
        let merged = try #require(try registry.mergeCosignatures([fresh, fresh], intoCheckpointWithText: now.text,
                                                                 sizes: WitnessSizes()))
        #expect(merged.signatures.count == 2)
        #expect(try scene.note() == merged)
        // No temporary file is left beside it.
        let names = try FileManager.default.contentsOfDirectory(atPath: scene.registry.directory)
        #expect(!names.contains { $0.contains(RegistryLayout.Name.temporaryMarker) })
    }

    @Test func aPublishWithTheQuorumAsksNoWitness() async throws {
        let scene = try Scene()
        let body = try scene.note().text
        let server = try NginxServer(serving: scene.www, in: scene.directory, faults: [
            "/w1/add-checkpoint": .answer(status: 200, contentType: "text/plain", body: try scene.witnesses[0].line(body)),
            "/w2/add-checkpoint": .answer(status: 200, contentType: "text/plain", body: try scene.witnesses[1].line(body)),
        ])
        try scene.setPolicy(urls: [server.url("/w1"), server.url("/w2"), scene.downURL()])
        _ = try await scene.collect()
        let report = try await scene.collect(onlyBelowQuorum: true)
        #expect(report.isSatisfied)
        #expect(report.submissions[2].outcome == .notAsked)
        #expect(server.requests(atLeast: 2).count == 2)
    }
}
