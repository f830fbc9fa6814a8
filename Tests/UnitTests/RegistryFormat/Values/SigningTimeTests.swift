import CryptoPrimitives
import Foundation
@testable import RegistryFormat
import Testing

/// A statement may not be dated more than the documented skew (ten
/// minutes) after the entry that records it: a statement dated 9999 would
/// outrank every later withdrawal by its key.
@Suite struct SigningTimeTests {
    static let appendedAt = "2016-12-09T10:00:00Z"

    static func line(signedAt: String, appendedAt: String = appendedAt) throws -> [UInt8] {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))
        let signatory = Signatory(kind: .government, name: "Paris", jurisdiction: try Jurisdiction(code: "FR"),
                                  representative: "Office of the Mayor", title: "Maire")
        let statement = try Statement.signed(.signature(language: .fr, signatory: signatory),
                                             registry: "registry.example.org/time",
                                             declarationDigest: SHA256.hash([1]), signedAt: signedAt, key: key)
        return Entry(sequence: 1, previous: SHA256.hash([2]), appendedAt: appendedAt, statement: statement).line
    }

    @Test(arguments: ["2016-12-09T10:10:01Z", "2016-12-10T10:00:00Z", "9999-12-31T23:59:59Z"])
    func aStatementSignedTooLongAfterItsRecordingIsRefused(signedAt: String) throws {
        let line = try Self.line(signedAt: signedAt)
        #expect(LedgerLineCodec.decode(line) == nil)
        let json = try CanonicalJSON.parseCanonical(line)
        let error = #expect(throws: FieldError.self) { try Entry(json: json) }
        #expect(error?.field == "statement.signed_at")
        #expect(error?.description.contains(signedAt) == true)
        #expect(error?.description.contains(Self.appendedAt) == true)
    }

    @Test(arguments: ["2016-12-09T10:10:00Z", "2016-12-09T10:00:00Z", "2016-12-09T09:59:59Z", "0000-01-01T00:00:00Z"])
    func aStatementWithinTheSkewIsAccepted(signedAt: String) throws {
        let line = try Self.line(signedAt: signedAt)
        #expect(LedgerLineCodec.decode(line) != nil)
        #expect(try Entry(json: try CanonicalJSON.parseCanonical(line)).statement.signedAt == signedAt)
    }

    @Test func theSkewCrossesDaysAndYears() throws {
        let line = try Self.line(signedAt: "2017-01-01T00:05:00Z", appendedAt: "2016-12-31T23:59:00Z")
        #expect(LedgerLineCodec.decode(line) != nil)
        let late = try Self.line(signedAt: "2017-01-01T00:09:01Z", appendedAt: "2016-12-31T23:59:00Z")
        #expect(LedgerLineCodec.decode(late) == nil)
    }
}
