import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

/// Every format in every language, compared byte for byte with golden files
/// made from registries whose keys and times are fixed.
@Suite struct ExportGoldenTests {
    @Test(arguments: Language.allCases)
    func demoRegistryMatchesGoldenFiles(language: Language) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: try ExportFixture.demoSigners())
        for format in ExportFormat.allCases {
            let bytes = try ExportTesting.export(path, try ExportTesting.options(format, language))
            let name = "demo-\(language.code).\(format.fileExtension)"
            #expect(try ExportTesting.matchesGolden(bytes, name), "\(name) differs; rerun with DECLARATION_RECORD_GOLDEN=1 to see the change")
        }
    }

    @Test func hostileNamesMatchGoldenFiles() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: try ExportFixture.hostileSigners())
        for format in ExportFormat.allCases {
            let bytes = try ExportTesting.export(path, try ExportTesting.options(format, .en))
            let name = "hostile-en.\(format.fileExtension)"
            #expect(try ExportTesting.matchesGolden(bytes, name), "\(name) differs")
        }
    }

    @Test func emptyRegistryMatchesGoldenFiles() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: [])
        for format in ExportFormat.allCases {
            let bytes = try ExportTesting.export(path, try ExportTesting.options(format, .fr))
            let name = "empty-fr.\(format.fileExtension)"
            #expect(try ExportTesting.matchesGolden(bytes, name), "\(name) differs")
        }
    }

    /// Golden files hold what the exporters say; these known answers check
    /// that what they say is right, independently of the files.
    @Test func demoGoldenFilesHoldKnownAnswers() throws {
        let directory = ExportTesting.goldenDirectory
        let csv = try String(contentsOf: directory.appendingPathComponent("demo-en.csv"), encoding: .utf8)
        #expect(csv.contains("\r\nParis,Government,FR,France,France,Cabinet de la Maire de Paris,Maire,French,9 December 2016,9 December 2016,2016-12-09T10:18:00Z,2016-12-09T10:35:00Z,10,acfb-2431-9d9c-3f12,https://www.paris.fr\r\n"))
        let json = try String(contentsOf: directory.appendingPathComponent("demo-fr.json"), encoding: .utf8)
        #expect(json.contains("\"name\": \"São Paulo\",\n      \"kind\": \"government\",\n      \"kind_name\": \"Gouvernement\",\n      \"jurisdiction\": \"BR-SP\",\n      \"jurisdiction_name\": \""))
        #expect(json.contains("\"jurisdiction\": \"US-TX\",\n      \"jurisdiction_name\": \"Texas, États-Unis\",\n      \"country\": {\n        \"code\": \"US\",\n        \"name\": \"États-Unis\""))
        let markdown = try String(contentsOf: directory.appendingPathComponent("demo-es.md"), encoding: .utf8)
        #expect(markdown.contains("## Organizaciones de la sociedad civil (3)"))
        #expect(markdown.contains("| Seoul | KR-11 | Seoul-teukbyeolsi, Corea del Sur | Corea del Sur | Office of the Mayor of Seoul | Mayor | inglés | 9 de diciembre de 2016 | 9 de diciembre de 2016 | 14 |"))
        let html = try String(contentsOf: directory.appendingPathComponent("demo-fr.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(html.contains("<h2 id=\"group-government\">Gouvernements <span class=\"count\">(15)</span></h2>"))
    }
}
