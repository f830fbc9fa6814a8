import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

/// A new signature must name a subdivision ISO 3166-2 lists; append refuses
/// "US-ZZ", which the format's rule of form (and so verification) accepts.
@Suite struct UnlistedJurisdictionTests {
    @Test func appendRefusesAnUnlistedSubdivisionAndRecordsNothing() throws {
        let directory = try TemporaryDirectory()
        let origin = "registry.example.org/jurisdictions"
        let registrar = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let declaration = try Declaration.embedded
        try Registry.create(directory: directory.path("registry"), origin: origin, declaration: declaration, registrarKey: registrar)
        func statement(_ code: String, seed: UInt8) throws -> Statement {
            let signatory = Signatory(kind: .government, name: "City of \(code)", jurisdiction: try Jurisdiction(code: code),
                                      representative: "Office of the Mayor", title: "Mayor", website: nil)
            return try Statement.signed(.signature(language: .en, signatory: signatory), registry: origin,
                                        declarationDigest: declaration.digest, signedAt: "2016-12-09T10:00:00Z",
                                        key: try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32)))
        }
        let registry = Registry(directory: directory.path("registry"))
        let now = Date(timeIntervalSince1970: 1_481_288_400)
        #expect {
            try registry.append([.init(try statement("US-TX", seed: 8), source: "texas.json"),
                                 .init(try statement("US-ZZ", seed: 9), source: "zz.json")],
                                registrarKey: registrar, now: now)
        } throws: { error in
            guard case RegistryError.statementRefused(let source, let field) = error else { return false }
            return source == "zz.json"
                && field == FieldError(field: "signatory.jurisdiction", problem: .unlistedJurisdiction(.unknownSubdivision(code: "US-ZZ")))
                && field.description.contains("did you mean \"US-AZ\" (Arizona)?")
        }
        // All or nothing: Texas was not recorded either, and is accepted alone.
        let result = try registry.append([.init(try statement("US-TX", seed: 8), source: "texas.json")],
                                         registrarKey: registrar, now: now)
        #expect(result.entries.map(\.sequence) == [1])
    }
}
