import CryptoPrimitives
import DeclarationRegistry
import Dispatch
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// The registry's rules, enforced on append and checked on verify, through
/// the library.
@Suite struct RegistryTests {
    static let origin = "registry.example.org/tests"

    /// A fresh registry with a registrar key made from a fixed seed.
    struct Setup {
        let directory: TemporaryDirectory
        let registry: Registry
        let registrarKey: Ed25519PrivateKey
        let declaration: Declaration

        init(directory: TemporaryDirectory, registry: Registry, registrarKey: Ed25519PrivateKey, declaration: Declaration) {
            self.directory = directory
            self.registry = registry
            self.registrarKey = registrarKey
            self.declaration = declaration
        }

        init() throws {
            directory = try TemporaryDirectory()
            registrarKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
            declaration = try Declaration.embedded
            try Registry.create(directory: directory.path("registry"), origin: RegistryTests.origin,
                                declaration: declaration, registrarKey: registrarKey)
            registry = Registry(directory: directory.path("registry"))
        }

        func signature(_ name: String, key: Ed25519PrivateKey, kind: SignatoryKind = .government,
                       jurisdiction: String = "FR", origin: String = RegistryTests.origin,
                       signedAt: String = "2016-12-09T10:00:00Z") throws -> Statement {
            let signatory = Signatory(kind: kind, name: name, jurisdiction: try Jurisdiction(code: jurisdiction),
                                      representative: "Office of the Mayor", title: "Mayor")
            return try Statement.signed(.signature(language: .fr, signatory: signatory), registry: origin,
                                        declarationDigest: declaration.digest, signedAt: signedAt, key: key)
        }

        func withdrawal(key: Ed25519PrivateKey) throws -> Statement {
            try Statement.signed(.withdrawal(reason: nil), registry: RegistryTests.origin,
                                 declarationDigest: declaration.digest, signedAt: "2016-12-09T11:00:00Z", key: key)
        }

        @discardableResult
        func append(_ statements: Statement...) throws -> Registry.AppendResult {
            try registry.append(statements.enumerated().map { .init($1, source: "statement \($0 + 1)") },
                                registrarKey: registrarKey, now: Date(timeIntervalSince1970: 1_481_288_400))
        }

        func verify() throws -> VerificationReport {
            try unwrappingRegistryError { try RegistryVerifier(layout: registry.layout).verify() }
        }

        /// Writes `statements` as ledger entries directly, with a valid
        /// chain and a checkpoint signed by the registrar, bypassing the
        /// rules: what a dishonest or broken registrar could publish.
        func forge(_ statements: [Statement]) throws {
            let header = try registry.header()
            var previous = header.hash
            var tree = MerkleTreeBuilder()
            var bytes: [UInt8] = []
            for (index, statement) in statements.enumerated() {
                let line = Entry(sequence: Int64(index + 1), previous: previous,
                                 appendedAt: "2016-12-09T12:00:00Z", statement: statement).line
                previous = SHA256.hash(line)
                tree.append(leafHash: MerkleTree.leafHash(line))
                bytes += line + [0x0A]
            }
            try Data(bytes).write(to: URL(fileURLWithPath: registry.layout.ledger))
            let checkpoint = try RegistryCheckpoint(origin: RegistryTests.origin, size: tree.size, rootHash: tree.root, chainHead: previous)
            try Data(try checkpoint.signedNote(with: registrarKey)).write(to: URL(fileURLWithPath: registry.layout.checkpoint))
        }
    }

    static func key(_ byte: UInt8) throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32))
    }

    @Test func appendThenVerify() throws {
        let setup = try Setup()
        let result = try setup.append(try setup.signature("Paris", key: try Self.key(1)),
                                      try setup.signature("Lyon", key: try Self.key(2)))
        #expect(result.entries.map(\.sequence) == [1, 2])
        #expect(result.checkpoint.size == 2)
        let report = try setup.verify()
        #expect(report.entryCount == 2)
        #expect(report.roll.signatories.map(\.signatory.name) == ["Paris", "Lyon"])
    }

    @Test func batchIsAllOrNothing() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try Self.key(1)))
        let before = try Data(contentsOf: URL(fileURLWithPath: setup.registry.layout.ledger))
        let checkpointBefore = try Data(contentsOf: URL(fileURLWithPath: setup.registry.layout.checkpoint))
        var forged = try setup.signature("Nice", key: try Self.key(3))
        forged.signature[0] ^= 1
        #expect(throws: RegistryError.self) {
            try setup.append(try setup.signature("Lyon", key: try Self.key(2)), forged)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.registry.layout.ledger)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.registry.layout.checkpoint)) == checkpointBefore)
    }

    @Test func appendChecksEveryFieldsForm() throws {
        let setup = try Setup()
        let signatory = Signatory(kind: .government, name: " Lyon", jurisdiction: try Jurisdiction(code: "FR"),
                                  representative: "Office of the Mayor", title: "Mayor")
        let badName = try Statement.signed(.signature(language: .fr, signatory: signatory), registry: Self.origin,
                                           declarationDigest: setup.declaration.digest, signedAt: "2016-12-09T10:00:00Z",
                                           key: try Self.key(1))
        let badTime = try Statement.signed(.withdrawal(reason: nil), registry: Self.origin,
                                           declarationDigest: setup.declaration.digest, signedAt: "yesterday", key: try Self.key(1))
        for statement in [badName, badTime] {
            #expect(throws: RegistryError.self) { try setup.append(statement) }
        }
        #expect(try setup.verify().entryCount == 0)
    }

    @Test func verifyNeedsNoLockFileAndMakesNone() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try Self.key(1)))
        try FileManager.default.removeItem(atPath: setup.registry.layout.lock)
        #expect(try setup.verify().entryCount == 1)
        #expect(!FileManager.default.fileExists(atPath: setup.registry.layout.lock))
    }

    @Test func duplicatesWithinOneBatchAreRefused() throws {
        let setup = try Setup()
        do {
            try setup.append(try setup.signature("Paris", key: try Self.key(1)),
                             try setup.signature("PARIS", key: try Self.key(2)))
            Issue.record("a duplicate signatory was accepted")
        } catch let RegistryError.statementRefused(source, error) {
            #expect(source == "statement 2")
            #expect(error.problem == .duplicateSignatory(sequence: 1))
        }
    }

    @Test func withdrawalNeedsAnActiveSignature() throws {
        let setup = try Setup()
        let key = try Self.key(1)
        do {
            try setup.append(try setup.withdrawal(key: key))
            Issue.record("a withdrawal without a signature was accepted")
        } catch let RegistryError.statementRefused(_, error) {
            #expect(error.problem == .noActiveSignature)
        }
        try setup.append(try setup.signature("Paris", key: key))
        try setup.append(try setup.withdrawal(key: key))
        #expect(try setup.verify().roll.active.isEmpty)
        // After withdrawing, the same organisation may sign again, even with a new key.
        try setup.append(try setup.signature("Paris", key: try Self.key(9)))
        #expect(try setup.verify().roll.active.count == 1)
    }

    @Test func verifyCatchesADuplicateSignatoryInTheLedger() throws {
        let setup = try Setup()
        try setup.forge([
            try setup.signature("Paris", key: try Self.key(1)),
            try setup.signature("Lyon", key: try Self.key(2)),
            try setup.signature("paris", key: try Self.key(3)),
        ])
        let failure = try #require(throws: VerificationFailure.self) { try setup.verify() }
        #expect(failure.line == 3)
        #expect(failure.sequence == 3)
        #expect(failure.field == "statement.signatory.name")
    }

    @Test func verifyCatchesAStatementForAnotherRegistry() throws {
        let setup = try Setup()
        try setup.forge([
            try setup.signature("Paris", key: try Self.key(1)),
            try setup.signature("Lyon", key: try Self.key(2), origin: "other.example.org/registry"),
        ])
        let failure = try #require(throws: VerificationFailure.self) { try setup.verify() }
        #expect(failure.line == 2)
        #expect(failure.field == "statement.registry")
        #expect(failure.found == "other.example.org/registry")
    }

    @Test func verifyCatchesAKeySigningTwice() throws {
        let setup = try Setup()
        let key = try Self.key(1)
        try setup.forge([
            try setup.signature("Paris", key: key),
            try setup.signature("Lyon", key: key),
        ])
        let failure = try #require(throws: VerificationFailure.self) { try setup.verify() }
        #expect(failure.line == 2)
        #expect(failure.field == "statement.public_key")
    }

    @Test func verifyReportsTheEarliestBadSignatureFirst() throws {
        let setup = try Setup()
        var forged = try setup.signature("Lyon", key: try Self.key(2))
        forged.signature[10] ^= 0x80
        try setup.forge([
            try setup.signature("Paris", key: try Self.key(1)),
            forged,
            try setup.signature("Lyon", key: try Self.key(3)),
        ])
        let failure = try #require(throws: VerificationFailure.self) { try setup.verify() }
        #expect(failure.line == 2)
        #expect(failure.field == "statement.signature")
    }

    @Test(arguments: [
        ("Pa\u{202E}ris", "U+202E"),
        ("Par\u{0007}is", "U+0007"),
        ("Pa\u{200F}ris", "U+200F"),
        ("Pa\u{2066}ris", "U+2066"),
    ])
    func forbiddenCharactersAreRefused(name: String, code: String) throws {
        let setup = try Setup()
        let statement = try setup.signature(name, key: try Self.key(1))
        let error = try #require(throws: FieldError.self) { try statement.validate() }
        #expect(error.field == "signatory.name")
        #expect(error.description.contains(code))
    }

    @Test func decomposedTextIsRefused() throws {
        let setup = try Setup()
        let statement = try setup.signature("Sa\u{0303}o Paulo", key: try Self.key(1))
        let error = try #require(throws: FieldError.self) { try statement.validate() }
        #expect(error.problem == .notNFC)
    }

    @Test func longAndBlankNamesAreRefused() throws {
        let setup = try Setup()
        let long = try setup.signature(String(repeating: "a", count: 301), key: try Self.key(1))
        #expect(throws: FieldError(field: "signatory.name", problem: .tooLong(limit: 300, found: 301))) { try long.validate() }
        let padded = try setup.signature(" Paris", key: try Self.key(1))
        #expect(throws: FieldError(field: "signatory.name", problem: .surroundingWhitespace)) { try padded.validate() }
    }

    @Test func emojiAndRightToLeftNamesAreAccepted() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("القدس 🌍", key: try Self.key(1), kind: .civilSociety, jurisdiction: "PS"),
                         try setup.signature("תל אביב-יפו", key: try Self.key(2), jurisdiction: "IL"))
        #expect(try setup.verify().entryCount == 2)
    }

    @Test func concurrentAppendsNeverForkTheChain() throws {
        let setup = try Setup()
        let keys = try (1...12).map { try Self.key(UInt8($0)) }
        let failures = FailureCount()
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            do {
                try setup.append(try setup.signature("City \(index)", key: keys[index]))
            } catch {
                failures.add()
            }
        }
        #expect(failures.value == 0)
        let report = try setup.verify()
        #expect(report.entryCount == 12)
        #expect(report.checkpoint.size == 12)
    }

    @Test func repairRemovesLeftoverTemporaryFiles() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try Self.key(1)))
        let leftover = setup.registry.layout.path("checkpoint.tmp-99999")
        try Data("partial".utf8).write(to: URL(fileURLWithPath: leftover))
        #expect(try setup.registry.repair() == nil)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try setup.verify().entryCount == 1)
    }

    @Test func appendRepairsAnInterruptedAppendFirst() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try Self.key(1)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: setup.registry.layout.ledger))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"appended_at\":".utf8))
        try handle.close()
        #expect(throws: VerificationFailure.self) { try setup.verify() }
        let result = try setup.append(try setup.signature("Lyon", key: try Self.key(2)))
        #expect(result.repaired?.removedTornBytes == 15)
        #expect(result.entries.first?.sequence == 2)
        #expect(try setup.verify().entryCount == 2)
        let backup = try #require(result.repaired?.backupPath)
        #expect(try String(contentsOfFile: backup, encoding: .utf8) == "{\"appended_at\":")
    }
}

/// Counts failures reported from several threads.
private final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
