import Foundation
import RegistryFormat
import Testing

@Suite struct JurisdictionTests {
    @Test(arguments: [
        ("FR", "FR", nil),
        ("KE", "KE", nil),
        ("US-TX", "US", "TX"),
        ("GB-SCT", "GB", "SCT"),
        ("FR-75C", "FR", "75C"),
        ("KE-11", "KE", "11"),
        ("ID-JI", "ID", "JI"),
        ("MX-JAL", "MX", "JAL"),
        ("KR-11", "KR", "11"),
        ("BR-SP", "BR", "SP"),
        ("CA-ON", "CA", "ON"),
        ("US-1", "US", "1"),
    ] as [(String, String, String?)])
    func accepted(code: String, country: String, subdivision: String?) throws {
        let jurisdiction = try Jurisdiction(code: code)
        #expect(jurisdiction.code == code)
        #expect(jurisdiction.country.code == country)
        #expect(jurisdiction.subdivision == subdivision)
        #expect(jurisdiction.isCountry == (subdivision == nil))
        #expect(jurisdiction.description == code)
    }

    @Test(arguments: [
        ("", JurisdictionError.empty),
        ("F", .malformed(found: "F")),
        ("fr", .malformed(found: "fr")),
        ("us-tx", .malformed(found: "us-tx")),
        ("FRA", .malformed(found: "FRA")),
        ("USA-TX", .malformed(found: "USA-TX")),
        ("US TX", .malformed(found: "US TX")),
        ("US_TX", .malformed(found: "US_TX")),
        (" US-TX", .malformed(found: " US-TX")),
        ("1S-TX", .malformed(found: "1S-TX")),
        ("ÉT-TX", .malformed(found: "ÉT-TX")),
        ("XX", .unknownCountry(code: "XX")),
        ("UK-SCT", .unknownCountry(code: "UK")),
        ("US-", .malformedSubdivision(code: "US-", subdivision: "")),
        ("US-TEXA", .malformedSubdivision(code: "US-TEXA", subdivision: "TEXA")),
        ("US-tx", .malformedSubdivision(code: "US-tx", subdivision: "tx")),
        ("US-T X", .malformedSubdivision(code: "US-T X", subdivision: "T X")),
        ("US-TX-1", .malformedSubdivision(code: "US-TX-1", subdivision: "TX-1")),
        ("US-TX ", .malformedSubdivision(code: "US-TX ", subdivision: "TX ")),
        ("GB-ŚCT", .malformedSubdivision(code: "GB-ŚCT", subdivision: "ŚCT")),
    ])
    func refused(code: String, error: JurisdictionError) {
        #expect(throws: error) { try Jurisdiction(code: code) }
    }

    @Test func messagesSayWhatWasExpectedWithAnExample() {
        let malformed = JurisdictionError.malformed(found: "FRA").description
        #expect(malformed.contains("\"FRA\"") && malformed.contains("\"FR\"") && malformed.contains("\"US-TX\""))
        #expect(JurisdictionError.unknownCountry(code: "UK").description.contains("ISO 3166-1"))
        let subdivision = JurisdictionError.malformedSubdivision(code: "US-TEXA", subdivision: "TEXA").description
        #expect(subdivision.contains("1 to 3") && subdivision.contains("GB-SCT"))
    }

    @Test func lowercaseInputGetsAnUppercaseSuggestion() {
        #expect(JurisdictionError.malformed(found: "us-tx").description.contains("did you mean \"US-TX\"?"))
        #expect(JurisdictionError.malformedSubdivision(code: "GB-sct", subdivision: "sct").description
            .contains("did you mean \"GB-SCT\"?"))
        // No suggestion when uppercasing would not help.
        #expect(!JurisdictionError.malformed(found: "xx").description.contains("did you mean"))
    }

    @Test func codableAsItsCode() throws {
        let jurisdictions = [try Jurisdiction(code: "GB-SCT"), try Jurisdiction(code: "FR")]
        let data = try JSONEncoder().encode(jurisdictions)
        #expect(String(decoding: data, as: UTF8.self) == #"["GB-SCT","FR"]"#)
        #expect(try JSONDecoder().decode([Jurisdiction].self, from: data) == jurisdictions)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Jurisdiction].self, from: Data(#"["gb-sct"]"#.utf8))
        }
    }
}
