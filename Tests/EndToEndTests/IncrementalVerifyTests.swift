import Foundation
import Testing
import TestSupport

/// `declaration verify --since`: checking only what was added after a
/// checkpoint the verifier saved.
@Suite struct IncrementalVerifyTests {
    /// The demo registry, a checkpoint saved after verifying it, and one
    /// more signature recorded since.
    static func registryWithOneNewEntry() throws -> (RegistryFixture, String) {
        let fixture = try RegistryFixture()
        #expect(try fixture.run(["verify"]).status == 0)
        let saved = fixture.directory.path("verified-checkpoint")
        try FileManager.default.copyItem(atPath: fixture.checkpoint, toPath: saved)
        let key = fixture.directory.path("newcomer")
        #expect(try DeclarationProcess.run(["keygen", "--out", key]).status == 0)
        let signed = try fixture.run(["sign", "--key", key, "--kind", "government", "--name", "Lyon", "--jurisdiction", "FR",
                                      "--representative", "Cabinet du Maire", "--title", "Maire", "--lang", "fr", "--yes",
                                      "--registrar-key", fixture.registrarKey])
        #expect(signed.status == 0, "\(signed.standardError)")
        return (fixture, saved)
    }

    @Test func sinceASavedCheckpointVerifiesTheNewEntries() throws {
        let (fixture, saved) = try Self.registryWithOneNewEntry()
        let result = try fixture.run(["verify", "--since", saved])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Entries:      19"))
    }

    @Test func sinceCatchesAChangeToAnOldEntry() throws {
        let (fixture, saved) = try Self.registryWithOneNewEntry()
        var lines = try fixture.ledgerLines()
        lines[2] = lines[2].replacingOccurrences(of: "Buenos Aires", with: "Buenos Ayres")
        try fixture.writeLedger(lines)
        let result = try fixture.run(["verify", "--since", saved])
        #expect(result.status == 1)
        #expect(result.standardError.contains("ledger.jsonl:3"), "\(result.standardError)")
    }

    @Test func sinceAndCheckpointTogetherAreAUsageError() throws {
        let (fixture, saved) = try Self.registryWithOneNewEntry()
        let result = try fixture.run(["verify", "--since", saved, "--checkpoint", saved])
        #expect(result.status == 64)
    }

    @Test func saveCheckpointWritesTheCheckpointVerified() throws {
        let fixture = try RegistryFixture()
        let saved = fixture.directory.path("saved")
        let result = try fixture.run(["verify", "--save-checkpoint", saved])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.contents(atPath: saved) == FileManager.default.contents(atPath: fixture.checkpoint))
    }

    @Test func saveCheckpointWritesNothingWhenTheRegistryFails() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines[2] = lines[2].replacingOccurrences(of: "Buenos Aires", with: "Buenos Ayres")
        try fixture.writeLedger(lines)
        let saved = fixture.directory.path("saved")
        let result = try fixture.run(["verify", "--save-checkpoint", saved])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: saved))
    }

    @Test func incrementalRunsChainFromOneSavedCheckpointToTheNext() throws {
        let (fixture, saved) = try Self.registryWithOneNewEntry()
        let result = try fixture.run(["verify", "--since", saved, "--save-checkpoint", saved])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.contents(atPath: saved) == FileManager.default.contents(atPath: fixture.checkpoint))
        #expect(try fixture.run(["verify", "--since", saved]).status == 0)
    }

    @Test func exportSinceGivesTheListAFullExportGives() throws {
        let (fixture, saved) = try Self.registryWithOneNewEntry()
        let options = ["export", "--format", "json", "--timestamp", "2016-12-09T12:00:00Z"]
        let full = try fixture.run(options)
        let incremental = try fixture.run(options + ["--since", saved])
        #expect(full.status == 0, "\(full.standardError)")
        #expect(incremental.status == 0, "\(incremental.standardError)")
        #expect(incremental.standardOutput == full.standardOutput)
        #expect(incremental.standardOutput.contains("Lyon"))
    }

    @Test func exportSinceCatchesAChangeToAnOldEntry() throws {
        let (fixture, saved) = try Self.registryWithOneNewEntry()
        var lines = try fixture.ledgerLines()
        lines[2] = lines[2].replacingOccurrences(of: "Buenos Aires", with: "Buenos Ayres")
        try fixture.writeLedger(lines)
        let out = fixture.directory.path("list.csv")
        let result = try fixture.run(["export", "--format", "csv", "--since", saved, "--out", out])
        #expect(result.status == 1)
        #expect(result.standardError.contains("ledger.jsonl:3"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

/// `declaration verify --checkpoint OLD` proves the saved checkpoint
/// consistent with the current one with an RFC 9162 consistency proof,
/// the same check a client of the published tiles makes.
@Suite struct ConsistencyProofVerifyTests {
    @Test func checkpointOptionPrintsAVerifiedConsistencyProof() throws {
        let (fixture, saved) = try IncrementalVerifyTests.registryWithOneNewEntry()
        let text = try fixture.run(["verify", "--checkpoint", saved])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("RFC 9162 consistency proof 18 → 19"), "\(text.standardOutput)")

        let json = try fixture.run(["verify", "--checkpoint", saved, "--format", "json"])
        #expect(json.status == 0, "\(json.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let proof = try #require(object["consistency_proof"] as? [String])
        // 18 = 16 + 2 to 19: the node of leaves 16–17, then leaf 18, then the first 16.
        #expect(proof.count == 3)
        #expect((object["checkpoint_key"] as? String)?.contains("+") == true)
    }

    @Test func theSameCheckpointNeedsNoProof() throws {
        let fixture = try RegistryFixture()
        let saved = fixture.directory.path("saved")
        try FileManager.default.copyItem(atPath: fixture.checkpoint, toPath: saved)
        let json = try fixture.run(["verify", "--checkpoint", saved, "--format", "json"])
        #expect(json.status == 0, "\(json.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((object["consistency_proof"] as? [String]) == [])
    }
}
