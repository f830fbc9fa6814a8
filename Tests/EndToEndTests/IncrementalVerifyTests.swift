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
}
