import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

/// The HTML page's layout on a desktop and on a phone: long dates on one
/// line, columns that leave the representative room, websites that wrap at
/// their dots, and a verify command that wraps only between its words.
@Suite struct HTMLLayoutTests {
    private static func page(_ language: Language, publishedURL: String? = "https://registry.example.org/declaration") throws -> String {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: try ExportFixture.demoSigners())
        var options = try ExportTesting.options(.html, language)
        options.publishedURL = publishedURL
        return ExportTesting.text(try ExportTesting.export(path, options))
    }

    /// The rules of the style sheet outside its media queries: the desktop's.
    private static var desktopRules: String {
        String(HTMLExporter.styleSheet.prefix { $0 != "@" })
    }

    @Test func theVerifyCommandWrapsOnlyBetweenItsWords() throws {
        let html = try Self.page(.es)
        let words = ["declaration", "verify", "https://registry.example.org/declaration", "--checkpoint", "FILE"]
        #expect(html.contains("<pre class=\"command\" aria-label=\"Verificar con\"><code>"
                              + words.map { "<span class=\"word\">" + $0 + "</span>" }.joined(separator: " ") + "</code></pre>"))
        #expect(HTMLExporter.styleSheet.contains("pre.command .word { white-space: nowrap; }"))
        // The pre's own rule may not break a word either: only the spaces between the spans.
        #expect(HTMLExporter.styleSheet.contains("pre.command { font-weight: 600; overflow-wrap: normal; overflow-x: auto; }"))
    }

    @Test func aQuotedURLStaysOneWord() throws {
        let html = try Self.page(.en, publishedURL: "https://registry.example.org/it's here")
        #expect(html.contains("<span class=\"word\">&#39;https://registry.example.org/it&#39;\\&#39;&#39;s here&#39;</span> <span class=\"word\">--checkpoint</span>"))
    }

    @Test func withoutAPublishedURLTheCommandIsInWordsToo() throws {
        let html = try Self.page(.fr, publishedURL: nil)
        #expect(html.contains("<code><span class=\"word\">declaration</span> <span class=\"word\">verify</span> <span class=\"word\">--registry</span> <span class=\"word\">DIR</span> <span class=\"word\">--checkpoint</span> <span class=\"word\">FILE</span></code>"))
    }

    @Test func datesStayOnOneLineOnADesktop() throws {
        let html = try Self.page(.es)
        #expect(html.contains("<td class=\"date\" data-label=\"Firmado el\"><time datetime=\"2016-12-09T10:00:00Z\">9 de diciembre de 2016</time></td>"))
        #expect(Self.desktopRules.contains(".date, .key { white-space: nowrap; overflow-wrap: normal; }"))
    }

    @Test func theRepresentativeHasRoomAndWebsitesWrapAtTheirDots() throws {
        let html = try Self.page(.es)
        #expect(html.contains("<td class=\"person\" data-label=\"Representante\"><bdi>Office of the Mayor of Austin</bdi></td>"))
        #expect(Self.desktopRules.contains("td.person { min-width: 11rem; }"))
        #expect(html.contains("<a href=\"https://www.austintexas.gov\" rel=\"nofollow noopener noreferrer\"><bdi>www<wbr>.austintexas<wbr>.gov</bdi></a>"))
        #expect(!Self.desktopRules.contains(".site a { white-space: nowrap"))
        // Cards on a phone take the whole width: no minimum there, and a
        // website too long for its line breaks anywhere rather than spill.
        let cards = try #require(HTMLExporter.styleSheet.range(of: "@media screen and (max-width: 64rem)"))
        let cardRules = HTMLExporter.styleSheet[cards.upperBound...].prefix { $0 != "@" }
        #expect(cardRules.contains("td.person { min-width: 0; }"))
        #expect(cardRules.contains(".site a { overflow-wrap: anywhere; }"))
    }
}
