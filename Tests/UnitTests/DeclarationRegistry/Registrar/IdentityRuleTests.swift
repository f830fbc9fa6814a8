import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

/// Names that look the same are one signatory, on append and on verify.
@Suite struct IdentityRuleTests {
    @Test(arguments: [("Ταΰγετος", "ΤΑΫ́ΓΕΤΟΣ"), ("Straße", "STRASSE"), ("ﬁrenze", "FIRENZE")])
    func appendRefusesANameThatFoldsToAnActiveOne(first: String, second: String) throws {
        let setup = try RegistryTests.Setup()
        try setup.append(try setup.signature(first, key: try RegistryTests.key(1), jurisdiction: "GR"))
        let error = #expect(throws: RegistryError.self) {
            try setup.append(try setup.signature(second, key: try RegistryTests.key(2), jurisdiction: "GR"))
        }
        guard case .statementRefused(_, let fieldError) = error else {
            Issue.record("expected a refused statement, got \(String(describing: error))")
            return
        }
        #expect(fieldError.problem == .duplicateSignatory(sequence: 1))
    }

    @Test func verifyRefusesTwoActiveNamesThatFoldAlike() throws {
        let setup = try RegistryTests.Setup()
        try setup.forge([
            try setup.signature("Ταΰγετος", key: try RegistryTests.key(1), jurisdiction: "GR"),
            try setup.signature("ΤΑΫ́ΓΕΤΟΣ", key: try RegistryTests.key(2), jurisdiction: "GR"),
        ])
        let failure = try #require(throws: VerificationFailure.self) { try setup.verify() }
        #expect(failure.line == 2)
    }

    @Test func aSoftHyphenInANameIsRefusedOnAppend() throws {
        let setup = try RegistryTests.Setup()
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        #expect(throws: RegistryError.self) {
            try setup.append(try setup.signature("Pa\u{AD}ris", key: try RegistryTests.key(2)))
        }
        #expect(try setup.verify().entryCount == 1)
    }
}
