import DeclarationRegistry
import Foundation
import Testing
import TestSupport

/// `declaration list`: the export's order, languages, kinds, JSON, widths.
@Suite struct ListCommandTests {
    private struct Demo {
        let directory: TemporaryDirectory
        let registry: String

        init() throws {
            directory = try TemporaryDirectory()
            registry = directory.path("registry")
            try ExportFixture.build(at: registry, signers: try ExportFixture.demoSigners())
        }

        func run(_ arguments: [String], columns: Int? = nil) throws -> DeclarationProcess.Result {
            try DeclarationProcess.run(["list", "--registry", registry] + arguments,
                                       environment: ["COLUMNS": columns.map(String.init) ?? ""])
        }
    }

    @Test func ordersByCollationNotCodePoints() throws {
        let fixture = try Demo()
        let result = try fixture.run([])
        #expect(result.status == 0, "\(result.standardError)")
        let names = result.standardOutput.split(separator: "\n").map { $0.split(separator: "\t")[2] }
        let saoPaulo = try #require(names.firstIndex(of: "São Paulo"))
        let seoul = try #require(names.firstIndex(of: "Seoul"))
        #expect(saoPaulo < seoul)
    }

    @Test func plainLinesWhenNotATerminal() throws {
        let fixture = try Demo()
        let result = try fixture.run([])
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 18)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 9 })
        #expect(lines.contains("10\tgovernment\tParis\tFR\tFrance\tCabinet de la Maire de Paris\tMaire\tacfb-2431-9d9c-3f12\thttps://www.paris.fr"))
        #expect(lines.contains { $0.hasPrefix("5\tgovernment\tJalisco\tMX-JAL\tJalisco, Mexico\t") })
    }

    @Test(arguments: [("en", "Jalisco, Mexico"), ("fr", "Jalisco, Mexique"), ("es", "Jalisco, México")])
    func subdivisionsByName(language: String, jalisco: String) throws {
        let fixture = try Demo()
        let table = try fixture.run(["--lang", language], columns: 200)
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput.split(separator: "\n").contains { $0.contains("Jalisco  ") && $0.contains(jalisco) },
                "\(table.standardOutput)")
        let plain = try fixture.run(["--lang", language])
        #expect(plain.standardOutput.contains("\tMX-JAL\t" + jalisco + "\t"))
    }

    @Test(arguments: [40, 200])
    func columnsFitTheWidth(columns: Int) throws {
        let fixture = try Demo()
        for language in ["en", "fr", "es"] {
            let result = try fixture.run(["--lang", language], columns: columns)
            #expect(result.status == 0, "\(result.standardError)")
            let lines = result.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { $0.count <= columns }, "\(language): \(lines.filter { $0.count > columns })")
            #expect(lines.filter { $0.first == " " }.count == 18, "\(language)")
            if columns == 200 {
                #expect(lines.contains { $0.contains("acfb-2431-9d9c-3f12") && $0.contains("Paris") })
            }
        }
    }

    @Test(arguments: [
        ("en", "18 signatories: 15 governments, 3 civil-society organisations, as of "),
        ("fr", "18 signataires\u{00A0}: 15 gouvernements, 3 organisations de la société civile, au "),
        ("es", "18 firmantes: 15 gobiernos, 3 organizaciones de la sociedad civil, a fecha de "),
    ])
    func summaryCountsAgreeInNumber(language: String, summary: String) throws {
        let fixture = try Demo()
        let result = try fixture.run(["--lang", language], columns: 200)
        #expect(result.standardOutput.hasPrefix(summary), "\(result.standardOutput.prefix(120))")
    }

    @Test func kindChoosesOneGroup() throws {
        let fixture = try Demo()
        let result = try fixture.run(["--kind", "civil-society"], columns: 100)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("3 civil-society organisations, as of "))
        #expect(result.standardOutput.contains("Open Austin"))
        #expect(!result.standardOutput.contains("Paris"))
        let refused = try fixture.run(["--kind", "company"])
        #expect(refused.status == 64)
    }

    /// `--all` in French: Vocabulary's words, long dates, jurisdictions by
    /// name, fitted to the width; plain lines for programs otherwise.
    @Test func historyInTheChosenLanguage() throws {
        let directory = try TemporaryDirectory()
        let registry = directory.path("registry")
        try ExportFixture.build(at: registry, signers: try ExportFixture.demoSigners(), withdrawn: [9], reason: "Nouveau mandat")
        func run(_ arguments: [String], columns: String) throws -> DeclarationProcess.Result {
            try DeclarationProcess.run(["list", "--all", "--registry", registry] + arguments, environment: ["COLUMNS": columns])
        }
        for width in [60, 100, 200] {
            let table = try run(["--lang", "fr"], columns: String(width))
            #expect(table.status == 0, "\(table.standardError)")
            let lines = table.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.count == 1 + 19)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(width): \(lines.filter { DisplayWidth.of($0) > width })")
            #expect(lines.first?.contains("Événement") == true, "\(lines.first ?? "")")
            #expect(lines.last?.contains("Retrait") == true && lines.last?.contains("Paris") == true, "\(lines.last ?? "")")
            if width == 200 {
                #expect(lines.contains { $0.contains("9 décembre 2016") && $0.contains("Jalisco, Mexique") })
                #expect(lines.last?.hasSuffix("Nouveau mandat") == true)
            }
            #expect(!table.standardOutput.contains("signed") && !table.standardOutput.contains("withdr")
                    && !table.standardOutput.contains("December"))
        }
        let plain = try run(["--lang", "fr"], columns: "")
        let lines = plain.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 19)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 9 })
        #expect(lines.last?.hasSuffix("\twithdrew\tgovernment\tParis\tFR\tFrance\tacfb-2431-9d9c-3f12\tNouveau mandat") == true,
                "\(lines.last ?? "")")
        #expect(lines.contains { $0.contains("\tMX-JAL\tJalisco, Mexique\t") })
        let civil = try run(["--kind", "civil-society"], columns: "")
        #expect(civil.standardOutput.split(separator: "\n").count == 3)
    }

    @Test func jsonIsTheExportDocument() throws {
        let fixture = try Demo()
        let result = try fixture.run(["--format", "json", "--lang", "fr", "--kind", "government"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "declaration-registry/signatories/v1")
        #expect(object["language"] as? String == "fr")
        let signatories = try #require(object["signatories"] as? [[String: Any]])
        #expect(signatories.count == 15)
        #expect(signatories.first?["name"] as? String == "Austin")
        #expect(try fixture.run(["--format", "json", "--all"]).status == 64)
    }
}
