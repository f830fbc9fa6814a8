import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport

/// An old statement cannot be recorded again: a withdrawn signature cannot
/// be brought back, nor an earlier withdrawal used against a new signature.
@Suite struct ReplayTests {
    static let origin = "replay.declaration-registry.example/test"

    struct Setup {
        let directory: TemporaryDirectory
        let registry: Registry
        let registrarKey: Ed25519PrivateKey
        let declaration: Declaration
        let key: Ed25519PrivateKey

        init() throws {
            directory = try TemporaryDirectory()
            registrarKey = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x21, count: 32))
            key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x22, count: 32))
            declaration = try Declaration.embedded
            try Registry.create(directory: directory.path("registry"), origin: ReplayTests.origin,
                                declaration: declaration, registrarKey: registrarKey)
            registry = Registry(directory: directory.path("registry"))
        }

        func signature(at time: String) throws -> Statement {
            let signatory = Signatory(kind: .government, name: "Lyon", jurisdiction: try Jurisdiction(code: "FR"),
                                      representative: "Office of the Mayor", title: "Mayor")
            return try Statement.signed(.signature(language: .fr, signatory: signatory), registry: ReplayTests.origin,
                                        declarationDigest: declaration.digest, signedAt: time, key: key)
        }

        func withdrawal(at time: String) throws -> Statement {
            try Statement.signed(.withdrawal(reason: nil), registry: ReplayTests.origin,
                                 declarationDigest: declaration.digest, signedAt: time, key: key)
        }

        func append(_ statement: Statement) throws {
            _ = try registry.append([.init(statement, source: "test")], registrarKey: registrarKey,
                                    now: Date(timeIntervalSince1970: 1_500_000_000))
        }

        func expectReplayRefused(_ statement: Statement, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                try append(statement)
                Issue.record("a replayed statement was recorded", sourceLocation: sourceLocation)
            } catch let RegistryError.statementRefused(_, error) {
                #expect(error.field == "signed_at", sourceLocation: sourceLocation)
                if case .replayed = error.problem {} else {
                    Issue.record("refused for \(error), not as a replay", sourceLocation: sourceLocation)
                }
            } catch {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func withdrawnSignatureCannotBeReplayed() throws {
        let setup = try Setup()
        let original = try setup.signature(at: "2016-12-09T10:00:00Z")
        try setup.append(original)
        try setup.append(try setup.withdrawal(at: "2016-12-10T10:00:00Z"))
        setup.expectReplayRefused(original)
        // A new signature, signed after the withdrawal, is welcome.
        try setup.append(try setup.signature(at: "2016-12-11T10:00:00Z"))
        #expect(try RegistryVerifier(layout: setup.registry.layout).verify().roll.active.count == 1)
    }

    @Test func earlierWithdrawalCannotEndANewSignature() throws {
        let setup = try Setup()
        try setup.append(try setup.signature(at: "2016-12-09T10:00:00Z"))
        let withdrawal = try setup.withdrawal(at: "2016-12-10T10:00:00Z")
        try setup.append(withdrawal)
        try setup.append(try setup.signature(at: "2016-12-11T10:00:00Z"))
        setup.expectReplayRefused(withdrawal)
    }

    @Test func signingAgainInTheSameSecondIsAllowed() throws {
        // Times have whole seconds: withdrawing and signing again at once
        // must work, so statements of the same second are not compared.
        let setup = try Setup()
        try setup.append(try setup.signature(at: "2016-12-09T10:00:00Z"))
        try setup.append(try setup.withdrawal(at: "2016-12-09T10:00:00Z"))
        try setup.append(try setup.signature(at: "2016-12-09T10:00:00Z"))
        #expect(try RegistryVerifier(layout: setup.registry.layout).verify().roll.active.count == 1)
    }

    @Test func verifyCatchesAReplayARegistrarRecorded() throws {
        let setup = try Setup()
        let original = try setup.signature(at: "2016-12-09T10:00:00Z")
        try setup.append(original)
        try setup.append(try setup.withdrawal(at: "2016-12-10T10:00:00Z"))
        let keyFile = setup.directory.path("registrar")
        _ = try KeyFile.write(setup.registrarKey, to: keyFile)
        let line = try RegistryForgery.appendUnchecked(statement: original.json, registry: setup.registry.layout.directory,
                                                       registrarKeyFile: keyFile)
        let failure = try #require(throws: VerificationFailure.self) {
            try unwrappingRegistryError { try RegistryVerifier(layout: setup.registry.layout).verify() }
        }
        #expect(failure.line == line)
        #expect(failure.severity == .invalid)
        #expect(failure.field == "statement.signed_at")
    }
}
