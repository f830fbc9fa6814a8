import RegistryFormat
import Testing

@Suite struct JurisdictionLookupTests {
    private func best(_ typed: String) -> JurisdictionCandidate? {
        JurisdictionLookup.candidates(for: typed).first
    }

    @Test(arguments: [
        // Codes, in any case and with a space for the hyphen.
        ("US-TX", "US-TX", JurisdictionCandidate.Match.code),
        ("us-tx", "US-TX", .code),
        ("us tx", "US-TX", .code),
        ("fr", "FR", .code),
        // Aliases.
        ("UK", "GB", .alias),
        ("uk-sct", "GB-SCT", .alias),
        ("EL", "GR", .alias),
        ("FRA", "FR", .alias),
        ("usa", "US", .alias),
        // English.
        ("texas", "US-TX", .name),
        ("Jalisco", "MX-JAL", .name),
        ("new zealand", "NZ", .name),
        ("Bavaria", "DE-BY", .name),
        ("Mexico", "MX", .name),
        // French.
        ("Nouvelle-Zélande", "NZ", .name),
        ("nouvelle zelande", "NZ", .name),
        ("Île-de-France", "FR-IDF", .name),
        ("ile de france", "FR-IDF", .name),
        ("Bavière", "DE-BY", .name),
        ("Mexique", "MX", .name),
        ("ville de mexico", "MX-CMX", .name),
        // Spanish.
        ("México", "MX", .name),
        ("Nueva Zelanda", "NZ", .name),
        ("Reino Unido", "GB", .name),
        // Local names.
        ("Bayern", "DE-BY", .name),
        // Beginnings of names and typing mistakes.
        ("jalis", "MX-JAL", .prefix),
        ("Méjico", "MX", .fuzzy),
        ("Texsa", "US-TX", .fuzzy),
    ] as [(String, String, JurisdictionCandidate.Match)])
    func bestCandidate(typed: String, code: String, match: JurisdictionCandidate.Match) throws {
        let candidate = try #require(best(typed), "nothing for \(typed)")
        #expect(candidate.jurisdiction.code == code)
        #expect(candidate.match == match)
    }

    @Test func languageOfTheMatchedName() throws {
        let zelande = try #require(best("Nouvelle-Zélande"))
        #expect(zelande.matched == "Nouvelle-Zélande" && zelande.language == .fr)
        #expect(try #require(best("Bayern")).language == nil)
        #expect(try #require(best("US-TX")).language == nil)
    }

    @Test func countriesComeBeforeSubdivisionsOfTheSameName() {
        // Georgia the country, then the state of the United States.
        let codes = JurisdictionLookup.candidates(for: "Georgia").map(\.jurisdiction.code)
        #expect(codes.starts(with: ["GE", "US-GA"]))
        // Mexico, then the State of Mexico (MX-MEX, "México").
        #expect(JurisdictionLookup.candidates(for: "mexico").map(\.jurisdiction.code).starts(with: ["MX", "MX-MEX"]))
    }

    @Test func eachJurisdictionOnceAndAtMostTheLimit() {
        let candidates = JurisdictionLookup.candidates(for: "san", limit: 5)
        #expect(candidates.count == 5)
        #expect(Set(candidates.map(\.jurisdiction)).count == 5)
        #expect(candidates.allSatisfy { $0.match == .prefix })
        #expect(JurisdictionLookup.candidates(for: "texas", limit: 0).isEmpty)
    }

    @Test func nothingForNothing() {
        #expect(JurisdictionLookup.candidates(for: "").isEmpty)
        #expect(JurisdictionLookup.candidates(for: "   ").isEmpty)
        #expect(JurisdictionLookup.candidates(for: "qqqqqqqq").isEmpty)
        // An unlisted code is not offered as a code.
        #expect(!JurisdictionLookup.candidates(for: "US-ZZ").contains { $0.jurisdiction.code == "US-ZZ" })
    }
}
