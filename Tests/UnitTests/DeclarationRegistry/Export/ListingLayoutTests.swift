import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport

/// The CSV table and its provenance, websites in every format, counts that
/// agree in number, and the terminal table's widths.
@Suite struct ListingLayoutTests {
    private static func demo() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: try ExportFixture.demoSigners())
        return (directory, path)
    }

    @Test func csvFirstRecordIsTheHeaderAndEveryRecordASignatory() throws {
        let (directory, path) = try Self.demo()
        defer { withExtendedLifetime(directory) {} }
        let text = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(.csv, .fr)))
        let records = try #require(ExportTesting.parseCSV(text))
        #expect(records.first == ["Nom", "Type", "Territoire", "Nom du territoire", "Pays", "Représentant", "Fonction",
                                  "Langue", "Signé le", "Enregistré le", "Heure de signature (UTC)",
                                  "Heure d’enregistrement (UTC)", "Entrée", "Identifiant de clé", "Site web"])
        #expect(records.count == 1 + 18)
        #expect(records.allSatisfy { $0.count == 15 })
        #expect(!text.contains("declaration verify"))
    }

    @Test func websiteIsInEveryFormat() throws {
        let (directory, path) = try Self.demo()
        defer { withExtendedLifetime(directory) {} }
        for format in ExportFormat.allCases {
            let text = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(format)))
            #expect(text.contains(format == .markdown ? "https\\://www\\.paris\\.fr" : "https://www.paris.fr"), "\(format)")
        }
        let html = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(.html)))
        #expect(html.contains("<a href=\"https://www.paris.fr\" rel=\"nofollow noopener noreferrer\"><bdi>www<wbr>.paris<wbr>.fr</bdi></a>"))
    }

    @Test func provenanceNamesTheTableAndItsDigest() throws {
        let (directory, path) = try Self.demo()
        defer { withExtendedLifetime(directory) {} }
        let out = directory.path("list.csv")
        try SignatoryExport.export(registry: .init(directory: path), options: try ExportTesting.options(.csv), to: out)
        let table = try Data(contentsOf: URL(fileURLWithPath: out))
        let provenance = try String(contentsOfFile: out + ".provenance.json", encoding: .utf8)
        #expect(provenance.hasPrefix("{\n  \"schema\": \"declaration-registry/provenance/v1\",\n  \"table\": {\n    \"file\": \"list.csv\",\n    \"sha256\": \"\(SHA256Hex.of(Array(table)))\""))
        #expect(provenance.contains("\"command\": \"declaration verify --registry DIR --checkpoint FILE\""))
        #expect(provenance.contains("\"note\": \"demo.declaration-registry.example/subnational-open-government\\n18\\n"))
    }

    @Test func htmlLeadsWithTheTitleSummaryAndSignatories() throws {
        let (directory, path) = try Self.demo()
        defer { withExtendedLifetime(directory) {} }
        var options = try ExportTesting.options(.html, .es)
        options.publishedURL = "https://registry.example.org/declaration"
        let html = ExportTesting.text(try ExportTesting.export(path, options))
        let summary = try #require(html.range(of: "<p class=\"summary\">18 firmantes: 15 gobiernos, 3 organizaciones de la sociedad civil, a fecha de 2 de enero de 2026</p>"))
        let firstSignatory = try #require(html.range(of: "<bdi>Austin</bdi>"))
        let verification = try #require(html.range(of: "<h2 id=\"verification\">"))
        #expect(summary.upperBound < firstSignatory.lowerBound && firstSignatory.upperBound < verification.lowerBound)
        #expect(html.contains("<a href=\"https://registry.example.org/declaration\" rel=\"nofollow noopener noreferrer\"><bdi>demo.declaration-registry.example/subnational-open-government</bdi></a>"))
        #expect(html.contains("<span class=\"word\">declaration</span> <span class=\"word\">verify</span> <span class=\"word\">https://registry.example.org/declaration</span> <span class=\"word\">--checkpoint</span> <span class=\"word\">FILE</span>"))
        #expect(html.contains("Resumen") && !html.contains("Huella"))
    }

    @Test(arguments: [
        (Language.en, 1, "1 civil-society organisation"), (.en, 3, "3 civil-society organisations"), (.en, 0, "0 governments"),
        (.fr, 1, "1 organisation de la société civile"), (.fr, 0, "0 gouvernement"), (.fr, 2, "2 gouvernements"),
        (.es, 1, "1 organización de la sociedad civil"), (.es, 0, "0 gobiernos"), (.es, 12345, "12.345 gobiernos"),
        (.fr, 12345, "12\u{202F}345 gouvernements"), (.en, 1234, "1,234 governments"), (.es, 1234, "1234 gobiernos"),
    ])
    func countsAgreeInNumber(language: Language, count: Int, expected: String) {
        let noun: CountedNoun = expected.contains("organi") ? .civilSocietyOrganisation : .government
        #expect(noun.counted(count, in: language) == expected)
    }

    @Test func oneOrganisationIsSingularInTheSummary() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        let signers = Array(try ExportFixture.demoSigners().suffix(1))
        try ExportFixture.build(at: path, signers: signers)
        let json = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(.json, .en, kind: .civilSociety)))
        #expect(json.contains("\"summary\": \"1 civil-society organisation, as of 2 January 2026\""))
    }

    @Test(arguments: [40, 60, 80, 200])
    func tableLinesFitTheWidth(width: Int) throws {
        let (directory, path) = try Self.demo()
        defer { withExtendedLifetime(directory) {} }
        let report = try RegistryVerifier(layout: .init(directory: path)).verify()
        let listing = SignatoryListing(report: report, checkpointNote: nil, options: try ExportTesting.options(.json, .fr))
        let lines = SignatoryTable.lines(listing, width: width)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(lines.filter { DisplayWidth.of($0) > width })")
        // One line per signatory, under a header, in both groups.
        #expect(lines.filter { $0.hasPrefix("    ") || $0.hasPrefix("     ") }.count == 18)
        #expect(lines.contains { $0.contains("São Paulo") || $0.contains("São Pa…") })
    }

    @Test func displayWidthCountsWideAndCombiningCharacters() {
        #expect(DisplayWidth.of("서울") == 4)
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.truncated("Seoul Metropolitan", to: 8) == "Seoul M…")
        #expect(DisplayWidth.of(DisplayWidth.truncated("서울특별시", to: 5)) <= 5)
    }
}

/// SHA-256 in hex, for comparing with a provenance file.
private enum SHA256Hex {
    static func of(_ bytes: [UInt8]) -> String { CryptoPrimitives.SHA256.hash(bytes).hex }
}
