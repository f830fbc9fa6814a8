import Foundation
import RegistryFormat
import Testing

@Suite struct SubdivisionTests {
    /// iso-codes' ISO 3166-2 list, read at test time when installed (scripts/install-dependencies).
    static let isoCodesJSON = "/usr/share/iso-codes/json/iso_3166-2.json"

    @Test func tableHasEveryCodeOfTheInstalledIsoCodes() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.isoCodesJSON),
                                "install iso-codes (scripts/install-dependencies)")
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try #require(root["3166-2"] as? [[String: String]])
        let codes = Set(entries.compactMap { $0["code"] })
        #expect(Subdivision.all.count == entries.count)
        #expect(Set(Subdivision.all.map(\.code)) == codes)
        for entry in entries.prefix(5000) where entry["code"].flatMap(Subdivision.init(code:)) == nil {
            Issue.record("\(entry["code"] ?? "?") is missing")
        }
        #expect(Subdivision.all.map(\.code) == Subdivision.all.map(\.code).sorted())
        #expect(Subdivision.isoCodesVersion == "4.15.0")
    }

    @Test func everySubdivisionParsesAsAJurisdictionOfAnAssignedCountry() throws {
        for subdivision in Subdivision.all {
            let jurisdiction = try Jurisdiction(assignedCode: subdivision.code)
            #expect(jurisdiction.country == subdivision.country)
            #expect(jurisdiction.listedSubdivision == subdivision)
            #expect(!subdivision.category.isEmpty && !subdivision.localName.isEmpty)
            if let parent = subdivision.parent { #expect(parent.country == subdivision.country) }
        }
    }

    @Test(arguments: [
        ("US-TX", "State", nil, "Texas", "Texas", "Texas"),
        ("MX-JAL", "State", nil, "Jalisco", "Jalisco", "Jalisco"),
        ("GB-ENG", "Country", nil, "England", "England", "England"),
        ("GB-SCT", "Country", nil, "Scotland", "Scotland", "Scotland"),
        ("FR-75", "Metropolitan department", "FR-IDF", "Paris", "Paris", "Paris"),
        ("FR-IDF", "Metropolitan region", nil, "Île-de-France", "Île-de-France", "Île-de-France"),
        ("DE-BY", "Land", nil, "Bavaria", "Bavière", "Bavaria"),
        ("MX-CMX", "Federal district", nil, "Ciudad de México", "Ville de Mexico", "Ciudad de México"),
    ] as [(String, String, String?, String, String, String)])
    func knownRows(code: String, category: String, parent: String?, en: String, fr: String, es: String) throws {
        let subdivision = try #require(Subdivision(code: code))
        #expect(subdivision.category == category)
        #expect(subdivision.parent?.code == parent)
        #expect(subdivision.name(in: .en) == en)
        #expect(subdivision.name(in: .fr) == fr)
        #expect(subdivision.name(in: .es) == es)
    }

    @Test func localNameIsIsoCodesOwn() throws {
        #expect(try #require(Subdivision(code: "DE-BY")).localName == "Bayern")
        // FR-75C (Paris as a collectivity) is not in iso-codes 4.15.0; FR-75 is.
        #expect(Subdivision(code: "FR-75C") == nil)
        #expect(Subdivision(code: "us-tx") == nil)
    }

    @Test func displayNamesInThreeLanguages() throws {
        let jalisco = try Jurisdiction(code: "MX-JAL")
        #expect(jalisco.name(in: .fr) == "Jalisco, Mexique")
        #expect(jalisco.name(in: .es) == "Jalisco, México")
        #expect(jalisco.name(in: .en) == "Jalisco, Mexico")
        let mexico = try Jurisdiction(code: "MX")
        #expect(mexico.name(in: .fr) == "Mexique")
        #expect(mexico.name(in: .es) == "México")
        #expect(try Jurisdiction(code: "DE-BY").name(in: .fr) == "Bavière, Allemagne")
        // A code older registries may hold, well formed but not listed, keeps its code.
        let unlisted = try Jurisdiction(code: "US-ZZ")
        #expect(!unlisted.isListed && unlisted.listedSubdivision == nil)
        #expect(unlisted.name(in: .fr) == "US-ZZ, États-Unis")
    }

    @Test func demoRegistryCodesAreListed() throws {
        for code in ["AR-C", "BR-SP", "CA-ON", "ES-MD", "GB-SCT", "GE-TB", "GH-WP", "ID-JI", "KE-05", "KR-11",
                     "MX-JAL", "PE-LAL", "TZ-08", "US-TX"] {
            #expect(Subdivision(code: code) != nil, "\(code)")
        }
    }
}

/// Names in the order a reader says them, and iso-codes' plain mistakes mended.
@Suite struct SubdivisionNameOrderTests {
    @Test(arguments: [
        ("ES-MD", Language.es, "Comunidad de Madrid"),
        ("ES-MD", .fr, "Communauté de Madrid"),
        ("ES-AS", .es, "Principado de Asturias"),
        ("GB-BST", .en, "City of Bristol"),
        ("RU-TA", .en, "Respublika Tatarstan"),
        ("BE-VLG", .fr, "Région Flamande"),
        ("BR-SP", .fr, "São Paulo"),
        // A comma between two names stays.
        ("GB-ABC", .en, "Armagh City, Banbridge and Craigavon"),
    ] as [(String, Language, String)])
    func readingOrder(code: String, language: Language, expected: String) throws {
        #expect(try #require(Subdivision(code: code)).name(in: language) == expected)
    }

    @Test func noDisplayedNameEndsWithADesignatorAfterAComma() throws {
        for subdivision in Subdivision.all {
            for language in Language.allCases {
                let name = subdivision.name(in: language)
                for designator in [", Comunidad de", ", Respublika", ", City of", ", Región de", ", Région"] {
                    #expect(!name.hasSuffix(designator), "\(subdivision.code): \(name)")
                }
            }
        }
        #expect(try Jurisdiction(code: "ES-MD").name(in: .es) == "Comunidad de Madrid, España")
    }
}
