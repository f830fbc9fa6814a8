import Foundation
import Testing
import TestSupport

/// The whole witnessed log, each part real: a registrar with a 2-of-3
/// policy, three `declaration witness serve` processes, the site published
/// to a folder nginx serves, and a verifier with its own policy reading the
/// site from its URL. Then the registrar shows a second history of the same
/// size: the witnesses refuse it and keep the evidence, and no verifier with
/// the policy accepts it.
@Suite struct WitnessedPublicLogTests {
    @Test func aWitnessedRegistryVerifiesFromItsURLAndASplitViewIsRefusedAndEvidenced() throws {
        let fixture = try RemoteFixture()
        let scene = try WitnessedRegistrarTests.Scene(directory: fixture.directory, site: fixture.site)
        let policy = fixture.directory.path("verifier.policy")
        try Data(try scene.policyText().utf8).write(to: URL(fileURLWithPath: policy))

        // Two appends, each cosigned by all three and published.
        for expected in [4, 5] {
            let appended = try scene.append()
            #expect(appended.status == 0, "\(appended.standardError)")
            #expect(appended.standardOutput.contains("Quorum met for the checkpoint of \(expected) entries (3 of 3"),
                    "\(appended.standardOutput)")
        }
        let verified = try fixture.verify(["--policy", policy])
        #expect(verified.status == 0, "\(verified.standardError)")
        for index in 1...3 {
            #expect(verified.standardOutput.contains("w\(index) (key witness\(index).example/w) cosigned at "),
                    "\(verified.standardOutput)")
        }

        // The registrar shows a second history of the same registry: its
        // first three entries, then two others (a fork at 5 entries).
        let forkFolder = fixture.directory.path("fork-statements")
        try FileManager.default.createDirectory(atPath: forkFolder, withIntermediateDirectories: true)
        var fork = try forkedRegistry(of: scene, at: fixture.directory.path("fork"))
        let files = try fork.statementFiles(2, in: forkFolder)
        let forked = try DeclarationProcess.run(["append", "--registrar-key", scene.registrarKey, "--registry", fork.directory,
                                                 "--witness-timeout", "5", "--publish-to", fixture.mirrorSite] + files)
        // Every witness holds 5 entries of the first history: each refuses
        // the second one of the same size (422), so no quorum, no publish.
        #expect(forked.status == 75, "\(forked.standardOutput)\(forked.standardError)")
        for index in 1...3 {
            #expect(forked.standardOutput.contains("Witness w\(index): failed: "), "\(forked.standardOutput)")
        }
        #expect(forked.standardOutput.components(separatedBy: "422").count == 4, "\(forked.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: fixture.mirrorSite + "/checkpoint"))
        for index in 0..<3 {
            let witness = try #require(scene.witnesses[index])
            let evidence = try DeclarationProcess.run(["witness", "evidence", "--data", witness.dataDirectory])
            #expect(evidence.status == 0, "\(evidence.standardError)")
            #expect(evidence.standardOutput.contains(scene.registry.origin), "witness \(index + 1): \(evidence.standardOutput)")
            #expect(evidence.standardOutput.contains("cosigned 5 "), "witness \(index + 1): \(evidence.standardOutput)")
        }

        // The registrar drops its witnesses and publishes the fork anyway.
        let none = fixture.directory.path("none.policy")
        try Data("quorum none\n".utf8).write(to: URL(fileURLWithPath: none))
        let dropped = try DeclarationProcess.run(["witness", "policy", "--registry", fork.directory, "--set", none])
        #expect(dropped.status == 0, "\(dropped.standardError)")
        let published = try DeclarationProcess.run(["publish", "--registry", fork.directory, "--to", fixture.mirrorSite])
        #expect(published.status == 0, "\(published.standardError)")

        // A verifier meeting the fork first, with the policy: refused.
        let newcomer = fixture.directory.path("newcomer-state")
        let refused = try DeclarationProcess.run(["verify", fixture.mirrorURL, "--state", newcomer, "--policy", policy])
        #expect(refused.status == 1, "\(refused.standardOutput)")
        #expect(refused.standardError.contains("the checkpoint is refused by the policy"), "\(refused.standardError)")
        #expect(refused.standardError.contains("w1, w2, w3"), "\(refused.standardError)")
        // The verifier that trusted the first history, with the policy: refused too.
        let known = try fixture.verify(["--policy", policy], url: fixture.mirrorURL)
        #expect(known.status == 1, "\(known.standardOutput)")
        // The first history still verifies.
        #expect(try fixture.verify(["--policy", policy]).status == 0)
    }

    /// A second registry of the same origin and registrar key (the same
    /// seed): the first three entries built as the scene's were, later ones
    /// from another seed, and the scene's witness policy kept in it.
    private func forkedRegistry(of scene: WitnessedRegistrarTests.Scene, at directory: String) throws -> GrowingRegistry {
        var base = try GrowingRegistry(in: directory + "-base", origin: scene.registry.origin)
        try base.grow(to: 3)
        let fork = try base.copy(to: directory, seed: 99)
        let kept = try DeclarationProcess.run(["witness", "policy", "--registry", fork.directory, "--set",
                                               scene.registry.directory + "/witnesses.policy"])
        #expect(kept.status == 0, "\(kept.standardError)")
        return fork
    }
}
