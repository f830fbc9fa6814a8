import Foundation
import Testing
import TestSupport

/// `declaration export` from the command line: formats, languages, files,
/// refusals and exit codes.
@Suite struct ExportCommandTests {
    private static let time = ["--timestamp", "2026-01-02T03:04:05Z"]

    /// The demo registry's signatories, with fixed keys, built in two
    /// appends (the random-key demo build syncs the disk eighteen times).
    private struct Demo {
        let directory: TemporaryDirectory
        let registry: String

        init() throws {
            directory = try TemporaryDirectory()
            registry = directory.path("registry")
            try ExportFixture.build(at: registry, signers: try ExportFixture.demoSigners())
        }

        var ledger: String { registry + "/ledger.jsonl" }

        func run(_ arguments: [String]) throws -> DeclarationProcess.Result {
            try DeclarationProcess.run(arguments + ["--registry", registry], directory: directory.url)
        }
    }

    @Test(arguments: ["en", "fr", "es"])
    func everyFormatInEveryLanguage(language: String) throws {
        let fixture = try Demo()
        for format in ["csv", "json", "markdown", "html"] {
            let result = try fixture.run(["export", "--format", format, "--lang", language] + Self.time)
            #expect(result.status == 0, "\(format): \(result.standardError)")
            #expect(result.standardError.isEmpty)
            let country = ["en": "United States", "fr": "États-Unis", "es": "Estados Unidos"][language] ?? "?"
            let month = ["en": "December", "fr": "décembre", "es": "diciembre"][language] ?? "?"
            #expect(result.standardOutput.contains("Austin"), "\(format)")
            #expect(result.standardOutput.contains(country), "\(format)")
            #expect(result.standardOutput.contains(month), "\(format)")
            // The CSV is the table alone: its provenance goes beside it.
            // The HTML keeps each word of the command in an element of its own.
            let text = format == "html"
                ? result.standardOutput.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                : result.standardOutput
            #expect(text.contains("declaration verify --registry DIR --checkpoint FILE") == (format != "csv"), "\(format)")
        }
    }

    @Test func outWritesTheFileAndNothingToStandardOutput() throws {
        let fixture = try Demo()
        let out = fixture.directory.path("signatories.html")
        let result = try fixture.run(["export", "--format", "html", "--out", out] + Self.time)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"))
        let stdout = try fixture.run(["export", "--format", "html"] + Self.time)
        #expect(stdout.standardOutput == page)
    }

    @Test func twoRunsGiveIdenticalOutput() throws {
        let fixture = try Demo()
        for format in ["csv", "json", "markdown", "html"] {
            let first = try fixture.run(["export", "--format", format, "--lang", "es"] + Self.time)
            let second = try fixture.run(["export", "--format", format, "--lang", "es"] + Self.time)
            #expect(first.status == 0 && first.standardOutput == second.standardOutput, "\(format)")
        }
    }

    @Test func sourceDateEpochFixesTheExportTime() throws {
        let fixture = try Demo()
        let result = try DeclarationProcess.run(["export", "--format", "json", "--registry", fixture.registry],
                                                environment: ["SOURCE_DATE_EPOCH": "1481277600"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\"exported_at\": \"2016-12-09T10:00:00Z\""))
    }

    @Test func tamperedLedgerIsRefusedWithExitOneAndNothingWritten() throws {
        let fixture = try Demo()
        let ledger = try String(contentsOfFile: fixture.ledger, encoding: .utf8)
        #expect(ledger.contains("\"Jalisco\""))
        try ledger.replacingOccurrences(of: "\"Jalisco\"", with: "\"Jalisca\"")
            .write(toFile: fixture.ledger, atomically: true, encoding: .utf8)
        let out = fixture.directory.path("signatories.csv")
        let result = try fixture.run(["export", "--format", "csv", "--out", out] + Self.time)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("error: "))
        #expect(result.standardError.contains("ledger.jsonl:5: entry 5"))
        #expect(result.standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
        let toStandardOutput = try fixture.run(["export", "--format", "json"] + Self.time)
        #expect(toStandardOutput.status == 1)
        #expect(toStandardOutput.standardOutput.isEmpty)
    }

    @Test func interruptedAppendIsRefusedWithExitTwo() throws {
        let fixture = try Demo()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: fixture.ledger))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"sequence\":19".utf8))
        try handle.close()
        let out = fixture.directory.path("signatories.md")
        try "kept".write(toFile: out, atomically: true, encoding: .utf8)
        let result = try fixture.run(["export", "--format", "markdown", "--out", out] + Self.time)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "kept")
    }

    @Test func missingRegistryExitsSixtySix() throws {
        let directory = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["export", "--format", "csv", "--registry", directory.path("none")])
        #expect(result.status == 66, "\(result.standardError)")
    }

    @Test(arguments: [
        ["--format", "json", "--bom"],
        ["--format", "csv", "--timestamp", "2026-01-02 03:04:05"],
        ["--format", "pdf"],
        ["--format", "csv", "--lang", "de"],
        ["--format", "csv", "--kind", "company"],
    ])
    func badCommandLinesExitSixtyFour(arguments: [String]) throws {
        // The command line is checked before the registry is looked for.
        let directory = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["export", "--registry", directory.path("registry")] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func bomAndKindOptions() throws {
        let fixture = try Demo()
        let out = fixture.directory.path("civil.csv")
        let result = try fixture.run(["export", "--format", "csv", "--bom", "--kind", "civil-society", "--out", out] + Self.time)
        #expect(result.status == 0, "\(result.standardError)")
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.contains("\r\nOpen Austin,Civil-society organisation,US-TX,"))
        #expect(!text.contains("Paris"))
        let provenance = try String(contentsOfFile: out + ".provenance.json", encoding: .utf8)
        #expect(provenance.contains("\"file\": \"civil.csv\""))
        #expect(provenance.contains("\"kind\": \"civil-society\""))
        // Both files exist now: a second export is refused whole.
        let again = try fixture.run(["export", "--format", "csv", "--out", out] + Self.time)
        #expect(again.status == 73, "\(again.standardError)")
    }

    @Test func emptyRegistrySaysSoInItsLanguage() throws {
        let directory = try TemporaryDirectory()
        let registry = directory.path("registry")
        try ExportFixture.build(at: registry, signers: [])
        let result = try DeclarationProcess.run(["export", "--format", "html", "--lang", "es", "--registry", registry] + Self.time)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Todavía no hay firmantes."))
    }

    @Test func helpListsExport() throws {
        let result = try DeclarationProcess.run(["--help"])
        #expect(result.standardOutput.contains("export"))
        let help = try DeclarationProcess.run(["export", "--help"])
        #expect(help.standardOutput.contains("--timestamp"))
        #expect(help.standardOutput.contains("SOURCE_DATE_EPOCH"))
    }
}
