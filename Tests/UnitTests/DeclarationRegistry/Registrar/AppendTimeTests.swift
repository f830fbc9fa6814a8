import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

/// Append refuses a statement dated more than the skew after the time it
/// is recorded, so that it never records an entry verify would refuse.
@Suite struct AppendTimeTests {
    @Test func aStatementFromTheFarFutureIsRefused() throws {
        let setup = try RegistryTests.Setup()
        // `append` records at 2016-12-09T13:00:00Z.
        let future = try setup.signature("Paris", key: try RegistryTests.key(1), signedAt: "9999-12-31T23:59:59Z")
        let error = #expect(throws: RegistryError.self) { try setup.append(future) }
        guard case .statementRefused(_, let fieldError) = error else {
            Issue.record("expected a refused statement, got \(String(describing: error))")
            return
        }
        #expect(fieldError.field == "signed_at")
        #expect(try setup.verify().entryCount == 0)
    }

    @Test func aStatementAFewMinutesAheadIsRecorded() throws {
        let setup = try RegistryTests.Setup()
        let ahead = try setup.signature("Paris", key: try RegistryTests.key(1), signedAt: "2016-12-09T13:10:00Z")
        try setup.append(ahead)
        #expect(try setup.verify().entryCount == 1)
        let late = try setup.signature("Lyon", key: try RegistryTests.key(2), signedAt: "2016-12-09T13:10:01Z")
        #expect(throws: RegistryError.self) { try setup.append(late) }
    }
}
