import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport
import TransparencyLog

/// An entry bundle (c2sp.org/tlog-tiles) holds entries of at most 65,535
/// bytes, so no ledger line may be longer: append refuses one. The field
/// limits make such a line impossible to reach with a valid statement,
/// which the longest statements they allow show; the guard is tested on
/// lines made to measure.
@Suite struct LineLengthTests {
    @Test func appendAcceptsALineOf65535BytesAndRefusesOneMore() throws {
        try Registry.checkLength(of: [UInt8](repeating: 0x61, count: 65_535), source: "longest")
        #expect {
            try Registry.checkLength(of: [UInt8](repeating: 0x61, count: 65_536), source: "too long")
        } throws: { error in
            guard case RegistryError.statementRefused(let source, let field) = error else { return false }
            return source == "too long" && field == FieldError(field: "statement", problem: .tooLong(limit: 65_535, found: 65_536))
        }
        #expect(EntryBundle.maximumEntryLength == 65_535)
    }

    /// A four-byte UTF-8 scalar (U+1D538, MATHEMATICAL DOUBLE-STRUCK CAPITAL
    /// A: a letter, in NFC, refused by no rule), the most bytes one scalar
    /// of a text field can take in a line.
    static let wide = "\u{1D538}"

    @Test func theLongestStatementsTheFieldLimitsAllowMakeLinesUnder5KB() throws {
        let directory = try TemporaryDirectory()
        let origin = String(repeating: "o", count: 200)
        let registrar = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let signer = try Ed25519PrivateKey(seed: [UInt8](repeating: 8, count: 32))
        let declaration = try Declaration.embedded
        try Registry.create(directory: directory.path("registry"), origin: origin, declaration: declaration, registrarKey: registrar)
        let website = "https://a.example/" + String(repeating: "a", count: 500 - 18)
        let signatory = Signatory(
            kind: .civilSociety, name: String(repeating: Self.wide, count: 300), jurisdiction: try Jurisdiction(code: "GB-SCT"),
            representative: String(repeating: Self.wide, count: 200), title: String(repeating: Self.wide, count: 200),
            website: website)
        let signature = try Statement.signed(.signature(language: .en, signatory: signatory), registry: origin,
                                             declarationDigest: declaration.digest, signedAt: "2016-12-09T10:00:00Z", key: signer)
        let withdrawal = try Statement.signed(.withdrawal(reason: String(repeating: Self.wide, count: 1_000)), registry: origin,
                                              declarationDigest: declaration.digest, signedAt: "2016-12-09T10:00:01Z", key: signer)
        let result = try Registry(directory: directory.path("registry")).append(
            [.init(signature, source: "longest signature"), .init(withdrawal, source: "longest withdrawal")],
            registrarKey: registrar, now: Date(timeIntervalSince1970: 1_481_288_400))
        let lengths = result.entries.map(\.line.count)
        // Every field at its limit, every scalar four bytes: under 5 KB, a
        // thirteenth of what an entry bundle can hold.
        #expect(lengths == [4_086, 4_668])
        #expect(lengths.allSatisfy { $0 < 5_000 })
    }
}
