import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

/// A jurisdiction by name in every export: a country's name, a
/// subdivision's own name and its country's, the code beside it.
@Suite struct JurisdictionNameTests {
    @Test(arguments: [
        ("MX-JAL", Language.fr, "Jalisco, Mexique"), ("MX-JAL", .es, "Jalisco, México"), ("MX-JAL", .en, "Jalisco, Mexico"),
        ("DE-BY", .fr, "Bavière, Allemagne"), ("US-TX", .en, "Texas, United States"),
        ("MX", .fr, "Mexique"), ("FR", .es, "Francia"),
        // A code of the right form that the ISO 3166-2 list does not hold.
        ("US-ZZ", .fr, "US-ZZ, États-Unis"),
    ])
    func namesCountriesAndSubdivisions(code: String, language: Language, expected: String) throws {
        #expect(JurisdictionName.name(of: try Jurisdiction(code: code), in: language) == expected)
    }

    private static func demo(_ format: ExportFormat, _ language: Language) throws -> String {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: try ExportFixture.demoSigners())
        return ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(format, language)))
    }

    @Test func csvHasTheJurisdictionNameBesideItsCodeAndCountry() throws {
        let records = try #require(ExportTesting.parseCSV(try Self.demo(.csv, .fr)))
        let header = try #require(records.first)
        #expect(Array(header.prefix(5)) == ["Nom", "Type", "Territoire", "Nom du territoire", "Pays"])
        let jalisco = try #require(records.first { $0.first == "Jalisco" })
        #expect(Array(jalisco[2...4]) == ["MX-JAL", "Jalisco, Mexique", "Mexique"])
        let paris = try #require(records.first { $0.first == "Paris" })
        #expect(Array(paris[2...4]) == ["FR", "France", "France"])
    }

    @Test func jsonHasTheJurisdictionName() throws {
        let text = try Self.demo(.json, .es)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let signatories = try #require(document["signatories"] as? [[String: Any]])
        let jalisco = try #require(signatories.first { $0["name"] as? String == "Jalisco" })
        #expect(jalisco["jurisdiction"] as? String == "MX-JAL")
        #expect(jalisco["jurisdiction_name"] as? String == "Jalisco, México")
        #expect((jalisco["country"] as? [String: Any])?["name"] as? String == "México")
        let madrid = try #require(signatories.first { $0["name"] as? String == "Madrid" })
        #expect(madrid["jurisdiction_name"] as? String == "Comunidad de Madrid, España")
    }

    @Test func markdownHasTheJurisdictionNameColumn() throws {
        let text = try Self.demo(.markdown, .en)
        #expect(text.contains("| Name | Jurisdiction | Jurisdiction name | Country | Representative |"))
        #expect(text.contains("| Jalisco | MX-JAL | Jalisco, Mexico | Mexico | Oficina del Gobernador de Jalisco |"))
    }

    @Test func htmlNamesTheSubdivisionWithItsCode() throws {
        let text = try Self.demo(.html, .fr)
        #expect(text.contains("<span><bdi>Jalisco, Mexique</bdi> <span class=\"code\">MX-JAL</span></span>"))
        #expect(text.contains("<span><bdi>France</bdi> <span class=\"code\">FR</span></span>"))
        #expect(!text.contains("<bdi>MX-JAL"))
    }
}
