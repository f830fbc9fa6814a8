import Foundation
import RegistryFormat
import Testing

@Suite struct CountryTests {
    @Test func tableHoldsEveryAssignedCodeOnceInOrder() {
        let codes = Country.all.map(\.code)
        #expect(codes.count == 249)
        #expect(Set(codes).count == 249)
        #expect(codes == codes.sorted())
        #expect(codes.allSatisfy { $0.utf8.count == 2 && $0.utf8.allSatisfy { (65...90).contains($0) } })
    }

    @Test(arguments: Language.allCases)
    func everyCountryHasANameInEveryLanguage(language: Language) {
        for country in Country.all {
            let name = country.name(in: language)
            #expect(!name.isEmpty, "\(country.code) has no \(language) name")
            #expect(name != country.code, "\(country.code)'s \(language) name is its code")
            #expect(name.trimmingCharacters(in: .whitespaces) == name)
            // CLDR's abbreviations are spelled out when the table is generated.
            #expect(!name.contains("&") && !name.hasPrefix("St. ") && !name.contains(" - "), "\(name)")
        }
    }

    @Test(arguments: [
        ("US", "United States", "États-Unis", "Estados Unidos"),
        ("KR", "South Korea", "Corée du Sud", "Corea del Sur"),
        ("GB", "United Kingdom", "Royaume-Uni", "Reino Unido"),
        ("FR", "France", "France", "Francia"),
        ("ES", "Spain", "Espagne", "España"),
        ("GE", "Georgia", "Géorgie", "Georgia"),
        ("CI", "Côte d’Ivoire", "Côte d’Ivoire", "Côte d’Ivoire"),
        ("CD", "Democratic Republic of the Congo", "République démocratique du Congo",
         "República Democrática del Congo"),
        ("CN", "China", "Chine", "China"),
        ("KN", "Saint Kitts and Nevis", "Saint-Christophe-et-Niévès", "San Cristóbal y Nieves"),
        ("AX", "Åland Islands", "Îles Åland", "Islas Aland"),
    ])
    func knownNames(code: String, en: String, fr: String, es: String) throws {
        let country = try Country(code: code)
        #expect(country.name(in: .en) == en)
        #expect(country.name(in: .fr) == fr)
        #expect(country.name(in: .es) == es)
    }

    @Test func pioneersCountriesAreAllKnown() throws {
        for code in ["US", "ID", "AR", "KE", "MX", "TZ", "PE", "ES", "CA", "FR", "BR", "GB", "GH", "KR", "GE"] {
            #expect(throws: Never.self) { try Country(code: code) }
        }
    }

    @Test(arguments: ["UK", "XK", "ZZ", "EU", "AA", "QO"])
    func unassignedCodesAreRefused(code: String) {
        #expect(throws: JurisdictionError.unknownCountry(code: code)) { try Country(code: code) }
    }

    @Test(arguments: ["", "F", "FRA", "fr", "Fr", "F1", "FR-IDF", " FR", "ÉS"])
    func malformedCodesAreRefused(code: String) {
        #expect(throws: JurisdictionError.malformed(found: code)) { try Country(code: code) }
    }

    @Test func codableAsItsCode() throws {
        let data = try JSONEncoder().encode([try Country(code: "KE")])
        #expect(String(decoding: data, as: UTF8.self) == #"["KE"]"#)
        #expect(try JSONDecoder().decode([Country].self, from: data) == [try Country(code: "KE")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Country].self, from: Data(#"["UK"]"#.utf8)) }
    }
}
