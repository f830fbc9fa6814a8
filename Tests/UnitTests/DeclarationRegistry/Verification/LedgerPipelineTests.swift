import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
@testable import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// The parallel verification pipeline: the signed message cut from a
/// ledger line, the batches, and incremental verification.
@Suite struct LedgerPipelineTests {
    static let origin = "registry.example.org/pipeline"

    /// Statements of every shape: with and without website, withdrawals
    /// with and without reason, text that needs escapes or is not ASCII.
    static func statements(key: Ed25519PrivateKey, digest: SHA256Digest) throws -> [Statement] {
        let signatories = [
            Signatory(kind: .government, name: "Saint-Étienne", jurisdiction: try Jurisdiction(code: "FR"),
                      representative: "Cabinet du Maire", title: "Maire", website: "https://www.saint-etienne.fr"),
            Signatory(kind: .civilSociety, name: "Say \"open\" \\ now", jurisdiction: try Jurisdiction(code: "US-TX"),
                      representative: "Board", title: "Chair"),
        ]
        var statements: [Statement] = []
        for signatory in signatories {
            statements.append(try Statement.signed(.signature(language: .fr, signatory: signatory), registry: origin,
                                                   declarationDigest: digest, signedAt: "2017-01-01T00:00:00Z", key: key))
        }
        for reason in [nil, "Mandat terminé; \"fin\" ici \\ là"] {
            statements.append(try Statement.signed(.withdrawal(reason: reason), registry: origin,
                                                   declarationDigest: digest, signedAt: "2017-01-02T00:00:00Z", key: key))
        }
        return statements
    }

    @Test func signedMessageCutFromTheLineIsTheReencodedOne() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let digest = SHA256.hash(Array("declaration".utf8))
        for (index, statement) in try Self.statements(key: key, digest: digest).enumerated() {
            let built = Entry(sequence: Int64(index + 1), previous: digest, appendedAt: "2017-01-03T00:00:00Z", statement: statement)
            let line = built.line
            let entry = try Entry(json: try CanonicalJSON.parseCanonical(line))
            let sliced = try #require(entry.signedMessage(slicedFrom: line))
            #expect(sliced == statement.signedMessage)
            #expect(key.publicKey.isValidSignature(statement.signature, for: sliced))
        }
    }

    @Test func demoLedgerMessagesCutFromLinesMatch() throws {
        let fixture = try RegistryFixture()
        let lines = try fixture.ledgerLines()
        #expect(lines.count == 18)
        for text in lines {
            let line = Array(text.utf8.dropLast())
            let entry = try Entry(json: try CanonicalJSON.parseCanonical(line))
            #expect(entry.signedMessage(slicedFrom: line) == entry.statement.signedMessage)
        }
    }

    @Test func cuttingAnotherEntrysLineGivesNothing() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))
        let digest = SHA256.hash(Array("declaration".utf8))
        let statements = try Self.statements(key: key, digest: digest)
        let first = Entry(sequence: 1, previous: digest, appendedAt: "2017-01-03T00:00:00Z", statement: statements[0])
        let second = Entry(sequence: 2, previous: digest, appendedAt: "2017-01-03T00:00:00Z", statement: statements[1])
        #expect(first.signedMessage(slicedFrom: second.line) == nil)
        #expect(first.signedMessage(slicedFrom: Array(first.line.dropLast())) == nil)
        #expect(first.signedMessage(slicedFrom: []) == nil)
    }

    /// A registry of `count` entries whose entry `forged` carries a bad
    /// signature, yet is chained and covered by a checkpoint the registrar
    /// signed: what a registrar that skipped the checks would publish.
    static func registryWithForgedEntry(count: Int, forged: Int, in directory: TemporaryDirectory) throws -> (RegistryLayout, [UInt8]) {
        let registrarKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
        let declaration = try Declaration.embedded
        let path = directory.path("registry")
        let header = try Registry.create(directory: path, origin: origin, declaration: declaration, registrarKey: registrarKey)
        var tree = MerkleTreeBuilder()
        var previous = header.hash
        var ledger: [UInt8] = []
        for index in 1...count {
            var seed = [UInt8](repeating: 0, count: 32)
            seed[0] = UInt8(index & 0xFF)
            seed[1] = UInt8(index >> 8)
            let key = try Ed25519PrivateKey(seed: seed)
            let signatory = Signatory(kind: .government, name: "Town \(index)", jurisdiction: try Jurisdiction(code: "FR"),
                                      representative: "Office of the Mayor", title: "Mayor")
            var statement = try Statement.signed(.signature(language: .en, signatory: signatory), registry: origin,
                                                 declarationDigest: declaration.digest, signedAt: "2017-01-01T00:00:00Z", key: key)
            if index == forged { statement.signature[0] ^= 1 }
            let line = Entry(sequence: Int64(index), previous: previous, appendedAt: "2017-01-01T00:01:00Z", statement: statement).line
            previous = SHA256.hash(line)
            tree.append(leafHash: MerkleTree.leafHash(line))
            ledger += line + [0x0A]
        }
        let layout = RegistryLayout(directory: path)
        let checkpoint = try RegistryCheckpoint(origin: origin, size: tree.size, rootHash: tree.root, chainHead: previous)
        let note = try checkpoint.signedNote(with: registrarKey)
        try Data(ledger).write(to: URL(fileURLWithPath: layout.ledger))
        try Data(note).write(to: URL(fileURLWithPath: layout.checkpoint))
        return (layout, note)
    }

    @Test func fullVerificationFindsTheEarliestBadSignatureAcrossBatches() throws {
        let directory = try TemporaryDirectory()
        let forged = RegistryVerifier.batchSize + 3
        let (layout, _) = try Self.registryWithForgedEntry(count: forged + 5, forged: forged, in: directory)
        #expect {
            try unwrappingRegistryError { try RegistryVerifier(layout: layout).verify() }
        } throws: { error in
            guard let failure = error as? VerificationFailure else { return false }
            return failure.line == forged && failure.field == "statement.signature"
        }
    }

    @Test func sinceTrustsTheSavedCheckpointsSignaturesOnly() throws {
        let directory = try TemporaryDirectory()
        let (layout, note) = try Self.registryWithForgedEntry(count: 6, forged: 2, in: directory)
        let verifier = RegistryVerifier(layout: layout)
        // Trusting a checkpoint that covers the forged entry skips its
        // signature: the caller vouches for having verified it before.
        let report = try verifier.verify(savedCheckpoint: (path: "saved", bytes: note), trustingSavedCheckpoint: true)
        #expect(report.entryCount == 6)
        #expect(report.roll.active.count == 6)
        // Without the trust, the same checkpoint only proves the prefix.
        #expect(throws: VerificationFailure.self) {
            try unwrappingRegistryError { try verifier.verify(savedCheckpoint: (path: "saved", bytes: note)) }
        }
    }

    @Test func sinceStillChecksEntriesAfterTheSavedCheckpoint() throws {
        let directory = try TemporaryDirectory()
        let (layout, _) = try Self.registryWithForgedEntry(count: 6, forged: 5, in: directory)
        // A checkpoint of the first four entries, as a verifier kept it.
        let registrarKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
        let header = try RegistryVerifier(layout: layout).readHeader()
        var tree = MerkleTreeBuilder()
        var head = header.hash
        let lines = try String(contentsOfFile: layout.ledger, encoding: .utf8).split(separator: "\n").prefix(4)
        for line in lines {
            head = SHA256.hash(Array(line.utf8))
            tree.append(leafHash: MerkleTree.leafHash(Array(line.utf8)))
        }
        let saved = try RegistryCheckpoint(origin: Self.origin, size: 4, rootHash: tree.root, chainHead: head)
            .signedNote(with: registrarKey)
        #expect {
            try unwrappingRegistryError {
                try RegistryVerifier(layout: layout).verify(savedCheckpoint: (path: "saved", bytes: saved), trustingSavedCheckpoint: true)
            }
        } throws: { error in
            (error as? VerificationFailure)?.line == 5
        }
    }

    @Test func sinceCatchesAnOldEntryChangedAfterTheSavedCheckpoint() throws {
        let fixture = try RegistryFixture()
        let saved = try Array(Data(contentsOf: URL(fileURLWithPath: fixture.checkpoint)))
        var lines = try fixture.ledgerLines()
        lines[7] = lines[7].replacingOccurrences(of: "Madrid", with: "Madrit")
        try fixture.writeLedger(lines)
        #expect {
            try unwrappingRegistryError {
                try RegistryVerifier(layout: RegistryLayout(directory: fixture.registry))
                    .verify(savedCheckpoint: (path: "saved", bytes: saved), trustingSavedCheckpoint: true)
            }
        } throws: { error in
            (error as? VerificationFailure)?.line == 8
        }
    }

    /// A registry whose ledger records `statements` as they are, rules or
    /// not, under a checkpoint the registrar signed.
    static func registry(recording statements: [Statement], in directory: TemporaryDirectory,
                         appendedAt: [String]? = nil) throws -> (RegistryLayout, [UInt8]) {
        let registrarKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
        let path = directory.path("registry")
        let header = try Registry.create(directory: path, origin: origin, declaration: try Declaration.embedded,
                                         registrarKey: registrarKey)
        var tree = MerkleTreeBuilder()
        var previous = header.hash
        var ledger: [UInt8] = []
        for (index, statement) in statements.enumerated() {
            let time = appendedAt?[index] ?? "2017-01-02T00:00:00Z"
            let line = Entry(sequence: Int64(index + 1), previous: previous, appendedAt: time, statement: statement).line
            previous = SHA256.hash(line)
            tree.append(leafHash: MerkleTree.leafHash(line))
            ledger += line + [0x0A]
        }
        let layout = RegistryLayout(directory: path)
        let note = try RegistryCheckpoint(origin: origin, size: tree.size, rootHash: tree.root, chainHead: previous)
            .signedNote(with: registrarKey)
        try Data(ledger).write(to: URL(fileURLWithPath: layout.ledger))
        try Data(note).write(to: URL(fileURLWithPath: layout.checkpoint))
        return (layout, note)
    }

    static func key(_ number: Int) throws -> Ed25519PrivateKey {
        var seed = [UInt8](repeating: 7, count: 32)
        seed[0] = UInt8(number)
        return try Ed25519PrivateKey(seed: seed)
    }

    static func signature(_ name: String, key: Ed25519PrivateKey, at time: String = "2017-01-01T00:00:00Z",
                          kind: SignatoryKind = .government, origin: String = origin) throws -> Statement {
        let signatory = Signatory(kind: kind, name: name, jurisdiction: try Jurisdiction(code: "FR"),
                                  representative: "Office of the Mayor", title: "Mayor")
        return try Statement.signed(.signature(language: .en, signatory: signatory), registry: origin,
                                    declarationDigest: try Declaration.embedded.digest, signedAt: time, key: key)
    }

    static func withdrawal(key: Ed25519PrivateKey, at time: String = "2017-01-01T00:00:30Z") throws -> Statement {
        try Statement.signed(.withdrawal(reason: "merged"), registry: origin, declarationDigest: try Declaration.embedded.digest,
                             signedAt: time, key: key)
    }

    @Test func replayingVerifiedEntriesGivesTheRollAFullPassGives() throws {
        let directory = try TemporaryDirectory()
        var statements: [Statement] = []
        let names = ["Paris", "Île-de-France", "Straße", "Москва", "São Paulo", "Ελλάδα", "Lyon", "Köln"]
        for (index, name) in names.enumerated() {
            statements.append(try Self.signature(name, key: try Self.key(index), kind: index % 3 == 0 ? .civilSociety : .government))
        }
        statements.append(try Self.withdrawal(key: try Self.key(1)))
        statements.append(try Self.withdrawal(key: try Self.key(3)))
        statements.append(try Self.signature("ÎLE-DE-FRANCE", key: try Self.key(20), at: "2017-01-01T00:01:00Z"))
        statements.append(try Self.signature("Москва", key: try Self.key(3), at: "2017-01-01T00:01:00Z"))
        let (layout, note) = try Self.registry(recording: statements, in: directory)
        let verifier = RegistryVerifier(layout: layout)
        let full = try verifier.verify(keepingSignatoryDetails: false)
        let replayed = try verifier.verify(savedCheckpoint: (path: "saved", bytes: note), trustingSavedCheckpoint: true,
                                           keepingSignatoryDetails: false)
        #expect(replayed.entryCount == full.entryCount)
        #expect(replayed.roll.count == full.roll.count)
        #expect(replayed.roll.count == 8)
        for kind in SignatoryKind.allCases {
            #expect(replayed.roll.count(of: kind) == full.roll.count(of: kind))
        }
        let order: (IndexRecord, IndexRecord) -> Bool = { $0.key.lexicographicallyPrecedes($1.key) }
        #expect(replayed.roll.indexRecords.sorted(by: order) == full.roll.indexRecords.sorted(by: order))
    }

    /// Under a trusted checkpoint, an entry that breaks a rule is reported
    /// exactly as a full verification reports it.
    @Test(arguments: ["duplicate", "withdrawal without signature", "replay", "another registry", "time", "key twice"])
    func replayedEntriesThatBreakARuleAreReportedAsInFull(_ breach: String) throws {
        let directory = try TemporaryDirectory()
        var statements = [try Self.signature("Paris", key: try Self.key(1)), try Self.signature("Lyon", key: try Self.key(2))]
        var times: [String]?
        switch breach {
        case "duplicate": statements.append(try Self.signature("PARIS", key: try Self.key(3)))
        case "withdrawal without signature": statements.append(try Self.withdrawal(key: try Self.key(4)))
        case "replay":
            statements.append(try Self.withdrawal(key: try Self.key(1), at: "2017-01-01T00:05:00Z"))
            statements.append(try Self.signature("Paris", key: try Self.key(1), at: "2017-01-01T00:00:00Z"))
        case "another registry": statements.append(try Self.signature("Nice", key: try Self.key(5), origin: "elsewhere.example/x"))
        case "time":
            statements.append(try Self.signature("Nice", key: try Self.key(5)))
            times = ["2017-01-02T00:00:00Z", "2017-01-02T00:00:00Z", "2017-01-01T23:59:59Z"]
        default: statements.append(try Self.signature("Nice", key: try Self.key(2)))
        }
        statements.append(try Self.signature("Marseille", key: try Self.key(9)))
        if times != nil { times?.append("2017-01-02T00:00:00Z") }
        let (layout, note) = try Self.registry(recording: statements, in: directory, appendedAt: times)
        let verifier = RegistryVerifier(layout: layout)
        var full: VerificationFailure?
        var replayed: VerificationFailure?
        do { _ = try unwrappingRegistryError { try verifier.verify(keepingSignatoryDetails: false) } } catch let failure as VerificationFailure { full = failure }
        do {
            _ = try unwrappingRegistryError {
                try verifier.verify(savedCheckpoint: (path: "saved", bytes: note), trustingSavedCheckpoint: true,
                                    keepingSignatoryDetails: false)
            }
        } catch let failure as VerificationFailure { replayed = failure }
        #expect(full != nil)
        #expect(replayed?.description == full?.description)
        #expect(replayed?.line == full?.line)
    }
}
