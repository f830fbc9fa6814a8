import Foundation
import Testing
import TestSupport

/// Each kind of change to a registry is caught by `verify`, at the right
/// place and with the right exit code.
@Suite struct TamperDetectionTests {
    private func expectFailure(_ fixture: RegistryFixture, at place: String, exitCode: Int32 = 1,
                               mentioning words: [String] = [], arguments: [String] = [],
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try fixture.run(["verify"] + arguments)
        #expect(result.status == exitCode, "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(place), "expected \(place) in: \(result.standardError)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.standardError.contains(word), "expected \(word) in: \(result.standardError)", sourceLocation: sourceLocation)
        }
    }

    @Test func untouchedRegistryVerifies() throws {
        let fixture = try RegistryFixture()
        let result = try fixture.run(["verify"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Entries:      18"))
        #expect(result.standardError.isEmpty)
    }

    @Test func alteredNameBreaksItsSignature() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        #expect(lines[4].contains("\"Jalisco\""))
        lines[4] = lines[4].replacingOccurrences(of: "\"Jalisco\"", with: "\"Jalisca\"")
        try fixture.writeLedger(lines)
        try expectFailure(fixture, at: "ledger.jsonl:5: entry 5", mentioning: ["statement.signature"])
    }

    @Test func forgedSignatureIsCaught() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines[11] = try Self.flipSignature(in: lines[11])
        try fixture.writeLedger(lines)
        try expectFailure(fixture, at: "ledger.jsonl:12: entry 12", mentioning: ["does not verify"])
    }

    @Test func alteredRecordingTimeIsPlacedOnItsLine() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines[6] = lines[6].replacingOccurrences(of: "\"appended_at\":\"2016-12-09T", with: "\"appended_at\":\"2016-12-10T")
        try fixture.writeLedger(lines)
        try expectFailure(fixture, at: "ledger.jsonl:7: entry 7", mentioning: ["altered"])
    }

    @Test func alteredLastLineIsPlacedOnIt() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines[17] = lines[17].replacingOccurrences(of: "\"appended_at\":\"2016-12-09T", with: "\"appended_at\":\"2016-12-11T")
        try fixture.writeLedger(lines)
        try expectFailure(fixture, at: "ledger.jsonl:18: entry 18")
    }

    @Test func deletedLineIsCaught() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines.remove(at: 8)
        try fixture.writeLedger(lines)
        try expectFailure(fixture, at: "ledger.jsonl:9", mentioning: ["holds entry 10", "entry 9 belongs there"])
    }

    @Test func swappedLinesAreCaught() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines.swapAt(2, 3)
        try fixture.writeLedger(lines)
        try expectFailure(fixture, at: "ledger.jsonl:3", mentioning: ["holds entry 4"])
    }

    @Test func duplicatedLineIsCaught() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines.insert(lines[5], at: 6)
        try fixture.writeLedger(lines)
        try expectFailure(fixture, at: "ledger.jsonl:7", mentioning: ["holds entry 6"])
    }

    @Test func truncatedLedgerIsCaughtByTheCheckpoint() throws {
        let fixture = try RegistryFixture()
        let lines = try fixture.ledgerLines()
        try fixture.writeLedger(Array(lines.prefix(10)))
        try expectFailure(fixture, at: "ledger.jsonl:11", mentioning: ["commits to 18"])
    }

    @Test func rolledBackRegistryIsCaughtBySavedCheckpoint() throws {
        let fixture = try RegistryFixture()
        // Keep a copy of the registry as it is now: the state to roll back to.
        let old = fixture.directory.path("old-registry")
        try FileManager.default.copyItem(atPath: fixture.registry, toPath: old)
        // One more signature, and a verifier saves the newer checkpoint.
        let key = fixture.directory.path("newcomer")
        #expect(try DeclarationProcess.run(["keygen", "--out", key]).status == 0)
        let signed = try fixture.run(["sign", "--key", key, "--kind", "government", "--name", "Lyon", "--jurisdiction", "FR",
                                      "--representative", "Cabinet du Maire", "--title", "Maire", "--lang", "fr", "--yes",
                                      "--registrar-key", fixture.registrarKey])
        #expect(signed.status == 0, "\(signed.standardError)")
        let saved = fixture.directory.path("saved-checkpoint")
        try FileManager.default.copyItem(atPath: fixture.checkpoint, toPath: saved)
        #expect(try fixture.run(["verify", "--checkpoint", saved]).status == 0)
        // Roll the registry back: on its own it is consistent...
        try FileManager.default.removeItem(atPath: fixture.registry)
        try FileManager.default.moveItem(atPath: old, toPath: fixture.registry)
        #expect(try fixture.run(["verify"]).status == 0)
        // ...but not with the checkpoint the verifier kept.
        try expectFailure(fixture, at: "ledger.jsonl:19", mentioning: ["truncated or rolled back"], arguments: ["--checkpoint", saved])
    }

    @Test func rewrittenHistoryIsCaughtBySavedCheckpoint() throws {
        let fixture = try RegistryFixture()
        let saved = fixture.directory.path("saved-checkpoint")
        try FileManager.default.copyItem(atPath: fixture.checkpoint, toPath: saved)
        // A different registry under the same origin and registrar key
        // cannot be told apart on its own, but the saved checkpoint tells.
        let other = try RegistryFixture()
        try FileManager.default.removeItem(atPath: fixture.ledger)
        try FileManager.default.copyItem(atPath: other.ledger, toPath: fixture.ledger)
        let result = try fixture.run(["verify", "--checkpoint", saved])
        #expect(result.status == 1)
    }

    @Test func checkpointSignedByAnotherKeyIsRefused() throws {
        let fixture = try RegistryFixture()
        let other = try RegistryFixture()
        try FileManager.default.removeItem(atPath: fixture.checkpoint)
        try FileManager.default.copyItem(atPath: other.checkpoint, toPath: fixture.checkpoint)
        try expectFailure(fixture, at: "checkpoint", mentioning: ["no signature by key"])
    }

    @Test func tornLastLineIsReportedAsSuchAndRepaired() throws {
        let fixture = try RegistryFixture()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: fixture.ledger))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"appended_at\":\"2016-12-".utf8))
        try handle.close()
        try expectFailure(fixture, at: "ledger.jsonl:19", exitCode: 2, mentioning: ["incomplete", "declaration repair"])
        let repaired = try fixture.run(["repair"])
        #expect(repaired.status == 0, "\(repaired.standardError)")
        #expect(repaired.standardError.contains("Backup"))
        #expect(try fixture.run(["verify"]).status == 0)
    }

    @Test func alteredHeaderIsCaught() throws {
        let fixture = try RegistryFixture()
        let path = fixture.registry + "/registry.json"
        let header = try String(contentsOfFile: path, encoding: .utf8)
        try Data(header.replacingOccurrences(of: "subnational-open-government\"", with: "subnational-open-governmenT\"").utf8)
            .write(to: URL(fileURLWithPath: path))
        let result = try fixture.run(["verify"])
        #expect(result.status == 1)
    }

    @Test func alteredDeclarationTextIsCaught() throws {
        let fixture = try RegistryFixture()
        let path = fixture.registry + "/declaration/en.txt"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try fixture.run(["verify"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("declaration"))
    }

    @Test func missingRegistryIsNotAVerdict() throws {
        let directory = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["verify", "--registry", directory.path("nowhere")])
        #expect(result.status == 66)
    }

    @Test func failureAsJSONNamesThePlace() throws {
        let fixture = try RegistryFixture()
        var lines = try fixture.ledgerLines()
        lines[11] = try Self.flipSignature(in: lines[11])
        try fixture.writeLedger(lines)
        let result = try fixture.run(["verify", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("\"verified\":false"))
        #expect(result.standardOutput.contains("\"line\":12"))
        #expect(result.standardOutput.contains("\"field\":\"statement.signature\""))
    }

    /// Changes one base64 character in the middle of the line's signature,
    /// keeping the line well formed.
    static func flipSignature(in line: String) throws -> String {
        let marker = "\"signature\":\""
        let range = try #require(line.range(of: marker))
        var characters = Array(line)
        let index = line.distance(from: line.startIndex, to: range.upperBound) + 20
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }
}
