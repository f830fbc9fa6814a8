import RegistryFormat
import Testing

@Suite struct JurisdictionValidationTests {
    @Test func unlistedSubdivisionIsRefusedWithNearMisses() throws {
        // The rule of form still accepts it, so that registries already written verify.
        #expect(try Jurisdiction(code: "US-ZZ").code == "US-ZZ")
        #expect(throws: JurisdictionError.unknownSubdivision(code: "US-ZZ")) { try Jurisdiction(assignedCode: "US-ZZ") }
        let error = JurisdictionError.unknownSubdivision(code: "US-ZZ")
        #expect(error.suggestions.map(\.code) == ["US-AZ"])
        let message = error.description
        #expect(message.contains("\"US-ZZ\" is not a subdivision of United States"))
        #expect(message.contains("did you mean \"US-AZ\" (Arizona)?"))
        #expect(message.contains("use \"US\" for the whole country"))
        #expect(message.contains("iso-codes 4.15.0"))
    }

    @Test func suggestionsByCodeAndByName() {
        // One typing mistake in the code, in code order, at most five.
        #expect(JurisdictionError.unknownSubdivision(code: "US-TY").suggestions.map(\.code)
            == ["US-KY", "US-NY", "US-TN", "US-TX", "US-WY"])
        // The beginning of the name: "JA" → Jalisco.
        #expect(JurisdictionError.unknownSubdivision(code: "MX-JA").suggestions.map(\.code).contains("MX-JAL"))
        // A swap of two letters.
        #expect(JurisdictionError.unknownSubdivision(code: "MX-JLA").suggestions.first?.code == "MX-JAL")
    }

    @Test func listedCodesAreAccepted() throws {
        for code in ["US-TX", "MX-JAL", "GB-ENG", "FR-75", "FR", "GB"] {
            #expect(try Jurisdiction(assignedCode: code).code == code)
        }
        #expect(throws: JurisdictionError.unknownCountry(code: "UK")) { try Jurisdiction(assignedCode: "UK") }
    }

    @Test(arguments: [("UK", "GB"), ("EL", "GR"), ("FX", "FR"), ("ZR", "CD")])
    func aliasIsSuggested(alias: String, code: String) {
        let error = JurisdictionError.unknownCountry(code: alias)
        #expect(error.suggestions.map(\.code) == [code])
        #expect(error.description.contains("did you mean \"\(code)\""))
    }

    @Test func ukSuggestsTheUnitedKingdom() throws {
        #expect(throws: JurisdictionError.unknownCountry(code: "UK")) { try Jurisdiction(code: "UK") }
        #expect(JurisdictionError.unknownCountry(code: "UK").description
            == "\"UK\" is not an assigned ISO 3166-1 alpha-2 country code; did you mean \"GB\" (United Kingdom)?")
        // Without an alias, the letters swapped; without that, an example.
        #expect(JurisdictionError.unknownCountry(code: "RF").suggestions.map(\.code) == ["FR"])
        #expect(JurisdictionError.unknownCountry(code: "ZZ").suggestions.isEmpty)
        #expect(JurisdictionError.unknownCountry(code: "XX").description.contains("\"FR\", \"KE\" or \"US\""))
    }
}
