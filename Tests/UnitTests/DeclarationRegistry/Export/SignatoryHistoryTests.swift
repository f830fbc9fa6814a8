import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport

/// `list --all`: the whole history in the chosen language, fitted to the
/// width on a terminal, plain tab-separated lines otherwise.
@Suite struct SignatoryHistoryTests {
    /// The demo registry with Paris (entry 10) withdrawn as entry 19.
    private static func history(_ language: Language, kind: SignatoryKind? = nil,
                                reason: String? = "Nouveau mandat") throws -> SignatoryHistory {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: try ExportFixture.demoSigners(), withdrawn: [9], reason: reason)
        let report = try RegistryVerifier(layout: RegistryLayout(directory: path)).verify(collectingHistory: true)
        return SignatoryHistory(report.history, kind: kind, language: language)
    }

    /// The entry number a line starts with, right-aligned in its column.
    private static func entry(_ line: String) -> Substring {
        line.drop { $0 == " " }.prefix { $0 != " " }
    }

    @Test func frenchWordsDatesAndNames() throws {
        let lines = try Self.history(.fr).lines(width: 160)
        #expect(lines.count == 1 + 19)
        let header = try #require(lines.first)
        for word in ["Entrée", "Enregistré le", "Événement", "Nom", "Territoire", "Identifiant de clé", "Motif"] {
            #expect(header.contains(word), "\(header)")
        }
        let paris = try #require(lines.first { Self.entry($0) == "10" })
        #expect(paris.contains("9 décembre 2016") && paris.contains("Signature") && paris.contains("Paris")
                && paris.contains("France") && paris.contains("acfb-2431-9d9c-3f12"), "\(paris)")
        let withdrawal = try #require(lines.last)
        #expect(Self.entry(withdrawal) == "19" && withdrawal.contains("Retrait") && withdrawal.contains("Paris")
                && withdrawal.hasSuffix("Nouveau mandat"), "\(withdrawal)")
        #expect(lines.contains { Self.entry($0) == "5" && $0.contains("Jalisco, Mexique") })
        // Signatures give no reason: their lines end with the key id, no padding after it.
        #expect(paris.hasSuffix("acfb-2431-9d9c-3f12"))
        #expect(!lines.joined().contains("December") && !lines.joined().contains("withdr"))
    }

    @Test(arguments: [(Language.en, "9 December 2016", "Withdrawal"), (.es, "9 de diciembre de 2016", "Retirada")])
    func otherLanguages(language: Language, day: String, withdrawal: String) throws {
        let lines = try Self.history(language).lines(width: 200)
        #expect(lines.last?.contains(withdrawal) == true && lines.last?.contains(day) == true, "\(lines.last ?? "")")
    }

    @Test(arguments: [20, 40, 60, 80, 120, 200])
    func linesFitTheWidth(width: Int) throws {
        for language in Language.allCases {
            let lines = try Self.history(language).lines(width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(language): \(lines.filter { DisplayWidth.of($0) > width })")
            #expect(lines.count == 1 + 19)
            // However narrow, every entry keeps its number and its name.
            #expect(lines.contains { Self.entry($0) == "19" && ($0.contains("Paris") || $0.contains("Pa…")) }, "\(language) \(width)")
        }
    }

    @Test func narrowTerminalsLeaveOutTheKeyFirst() throws {
        let wide = try Self.history(.en).lines(width: 200)
        #expect(wide.last?.contains("acfb-2431-9d9c-3f12") == true)
        let narrow = try Self.history(.en).lines(width: 60)
        #expect(!narrow.joined().contains("acfb-"))
        #expect(narrow.last?.contains("Withdrawal") == true)
    }

    @Test func plainLinesForPrograms() throws {
        let lines = try Self.history(.fr).plainLines()
        #expect(lines.count == 19)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 9 })
        let withdrawal = try #require(lines.last)
        #expect(withdrawal.hasPrefix("19\t2016-12-09T"))
        #expect(withdrawal.hasSuffix("\twithdrew\tgovernment\tParis\tFR\tFrance\tacfb-2431-9d9c-3f12\tNouveau mandat"), "\(withdrawal)")
        #expect(lines.contains { $0.hasPrefix("5\t") && $0.contains("\tsigned\tgovernment\tJalisco\tMX-JAL\tJalisco, Mexique\t") })
    }

    @Test func noReasonNoReasonColumn() throws {
        let lines = try Self.history(.en, reason: nil).lines(width: 200)
        #expect(!(lines.first ?? "").contains("Reason"))
        #expect(lines.last?.hasSuffix("acfb-2431-9d9c-3f12") == true, "\(lines.last ?? "")")
    }

    @Test func kindKeepsItsSignatoriesEntries() throws {
        let civil = try Self.history(.en, kind: .civilSociety)
        #expect(civil.rows.map(\.name) == ["Open Austin", "Scottish Council for Voluntary Organisations (SCVO)", "Friends of the Nation"])
        let governments = try Self.history(.en, kind: .government)
        #expect(governments.rows.count == 16)
        #expect(governments.rows.last?.event == .withdrew)
    }

    @Test(arguments: Language.allCases)
    func emptyHistorySaysSo(language: Language) {
        let history = SignatoryHistory([], kind: nil, language: language)
        #expect(history.lines(width: 80) == [Vocabulary.noEntries.text(in: language)])
        #expect(history.plainLines().isEmpty)
    }
}
