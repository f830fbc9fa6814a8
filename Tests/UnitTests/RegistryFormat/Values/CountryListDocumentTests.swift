import Foundation
import RegistryFormat
import Testing

/// docs/COUNTRIES.md publishes the ISO 3166-1 codes the format accepts, so
/// that another verifier does not have to read the Swift source; this test
/// renders the page from the code and fails if the two differ. Run with
/// DECLARATION_RECORD_COUNTRIES=1 to write the page instead.
@Suite struct CountryListDocumentTests {
    static let documentURL = URL(fileURLWithPath: #filePath)  // Tests/UnitTests/RegistryFormat/Values/
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/COUNTRIES.md")

    /// The iso-codes release the list was taken from (scripts/generate-countries.swift).
    static let isoCodesVersion = "4.15.0"

    static func render() -> String {
        var page = """
            # ISO 3166-1 country codes

            The \(Country.all.count) ISO 3166-1 alpha-2 codes that a `jurisdiction` may be, or may
            start (docs/FORMAT.md 5.3): exactly the codes ISO assigns in the list of
            Debian's iso-codes \(isoCodesVersion) (`/usr/share/iso-codes/json/iso_3166-1.json`,
            the `alpha_2` of every entry). Nothing else is accepted: not user-assigned
            codes (`AA`, `QM`–`QZ`, `XA`–`XZ`, `ZZ`, so not `XK`), not exceptionally or
            transitionally reserved ones (`UK`, `EU`, `AN`), not lowercase. A code ISO
            assigns or withdraws later changes this list only with a new release of the
            tool, which says so here.

            This page is generated from the code's table
            (`Sources/RegistryFormat/Values/CountryNames.swift`) by
            `Tests/UnitTests/RegistryFormat/Values/CountryListDocumentTests.swift`, which
            fails when the two differ. The English name is for reading only; the names
            in three languages are in docs/LOCALIZATION.md.

            | code | English name |
            |---|---|

            """
        for country in Country.all {
            page += "| `\(country.code)` | \(country.name(in: .en)) |\n"
        }
        return page
    }

    @Test func thePublishedListIsTheCodes() throws {
        let rendered = Self.render()
        if ProcessInfo.processInfo.environment["DECLARATION_RECORD_COUNTRIES"] == "1" {
            try rendered.write(to: Self.documentURL, atomically: true, encoding: .utf8)
        }
        let document = try String(contentsOf: Self.documentURL, encoding: .utf8)
        #expect(document == rendered, "docs/COUNTRIES.md differs from the code's table: run the test with DECLARATION_RECORD_COUNTRIES=1")
        #expect(Country.all.count == 249)
    }
}
