import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport

/// Exports hold hostile names safely in every format, refuse registries
/// that do not verify, and are reproducible.
@Suite struct ExportSafetyTests {
    /// A registry of hostile names, one signer of which withdrew.
    private static func hostileRegistry(_ directory: TemporaryDirectory) throws -> (path: String, signers: [ExportFixture.Signer]) {
        let signers = try ExportFixture.hostileSigners()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: signers + [try withdrawing()], withdrawn: [signers.count])
        return (path, signers)
    }

    private static func withdrawing() throws -> ExportFixture.Signer {
        try ExportFixture.Signer(.government, "Withdrawn Town", "FR", representative: "Mairie", title: "Maire")
    }

    @Test(arguments: Language.allCases)
    func csvKeepsEveryValueInItsCellAndRunsNoFormula(language: Language) throws {
        let directory = try TemporaryDirectory()
        let (path, signers) = try Self.hostileRegistry(directory)
        let bytes = try ExportTesting.export(path, try ExportTesting.options(.csv, language))
        let text = ExportTesting.text(bytes)
        let records = try #require(ExportTesting.parseCSV(text))
        #expect(records.allSatisfy { $0.count == CSVExporter.columns.count })
        let header = try #require(records.firstIndex(of: CSVExporter.columns.map { $0.text(in: language) }))
        let rows = records[(header + 1)...]
        #expect(rows.count == signers.count)
        for cell in records.joined() {
            if let first = cell.unicodeScalars.first {
                #expect(!ExportEscaping.formulaTriggers.contains(first), "cell starts a formula: \(cell)")
            }
        }
        // Neutralised cells are the original value behind one quote.
        let names = Set(rows.map { $0[0].hasPrefix("'") ? String($0[0].dropFirst()) : $0[0] })
        #expect(names == Set(signers.map(\.signatory.name)))
        #expect(!names.contains("Withdrawn Town"))
        #expect(rows.contains { $0[0] == "'=cmd|' /C calc'!A0" && $0[5] == "'+1 Office" && $0[6] == "'-1 Mayor" })
        #expect(rows.contains { $0[0] == "'@SUM(1+1)" && $0[5] == "Office \"Quoted\", Inc." })
    }

    @Test func csvByteOrderMarkIsOptional() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try Self.hostileRegistry(directory)
        let plain = try ExportTesting.export(path, try ExportTesting.options(.csv))
        let marked = try ExportTesting.export(path, try ExportTesting.options(.csv, bom: true))
        #expect(Array(marked.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(marked.dropFirst(3)) == plain)
        #expect(plain.first != 0xEF)
    }

    @Test(arguments: Language.allCases)
    func jsonRoundTripsEveryValue(language: Language) throws {
        let directory = try TemporaryDirectory()
        let (path, signers) = try Self.hostileRegistry(directory)
        let bytes = try ExportTesting.export(path, try ExportTesting.options(.json, language))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(document["schema"] as? String == "declaration-registry/signatories/v1")
        #expect(document["language"] as? String == language.code)
        let listed = try #require(document["signatories"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: signers.map { ($0.signatory.name, $0.signatory) })
        #expect(listed.count == signers.count)
        for entry in listed {
            let name = try #require(entry["name"] as? String)
            let signatory = try #require(byName[name], "unexpected name \(name)")
            #expect(entry["representative"] as? String == signatory.representative)
            #expect(entry["title"] as? String == signatory.title)
            #expect(entry["jurisdiction"] as? String == signatory.jurisdiction.code)
            #expect(entry["jurisdiction_name"] as? String == signatory.jurisdiction.name(in: language))
            #expect((entry["country"] as? [String: Any])?["name"] as? String == signatory.jurisdiction.country.name(in: language))
        }
        let counts = try #require(document["counts"] as? [String: Int])
        #expect(counts == ["government": 11, "civil-society": 2])
    }

    @Test(arguments: Language.allCases)
    func markdownTablesCannotBeBrokenOrRestyled(language: Language) throws {
        let directory = try TemporaryDirectory()
        let (path, signers) = try Self.hostileRegistry(directory)
        let text = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(.markdown, language)))
        let rows = text.split(separator: "\n").map(String.init).compactMap(ExportTesting.markdownCells)
        // Header, delimiter and one row per signatory in each of the two tables.
        #expect(rows.count == signers.count + 4)
        #expect(rows.allSatisfy { $0.count == MarkdownExporter.columns.count + 1 && $0.last == "" })
        let names = Set(rows.map { ExportTesting.unescapeMarkdown($0[0]) })
        #expect(names.isSuperset(of: signers.map(\.signatory.name)))
        for line in text.split(separator: "\n") where line.hasPrefix("|") {
            // Every special character in a row is escaped (the pipes between cells aside).
            var escaped = false
            for scalar in line.unicodeScalars.dropFirst() {
                if escaped { escaped = false; continue }
                if scalar == "\\" { escaped = true; continue }
                let special = ExportEscaping.markdownSpecials.contains(scalar) && scalar != "|"
                #expect(!special, "unescaped \(scalar) in \(line)")
            }
        }
    }

    @Test(arguments: Language.allCases)
    func htmlEscapesEveryValueAndIsolatesDirection(language: Language) throws {
        let directory = try TemporaryDirectory()
        let (path, signers) = try Self.hostileRegistry(directory)
        let html = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(.html, language)))
        let lowered = html.lowercased()
        #expect(!lowered.contains("<script"))
        #expect(!lowered.contains("<b>"))
        for attribute in [" src=", " href=", "url(", "@import", "<link", "<iframe", "<img"] {
            #expect(!lowered.contains(attribute), "found \(attribute)")
        }
        #expect(lowered.range(of: " on[a-z]+=", options: .regularExpression) == nil, "an event handler attribute")
        #expect(html.contains("<html lang=\"\(language.code)\" dir=\"ltr\">"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        for signer in signers {
            #expect(html.contains("<bdi>" + ExportEscaping.html(signer.signatory.name) + "</bdi>"), "\(signer.signatory.name)")
        }
        #expect(html.contains("<bdi>القدس</bdi>") && html.contains("<bdi>ירושלים</bdi>"))
        #expect(html.components(separatedBy: "<tr>").count - 1 == signers.count + 2)
        #expect(html.contains("@media print") && html.contains("@media screen and (max-width: 64rem)"))
    }

    @Test func orderFollowsEachLanguagesCollation() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try Self.hostileRegistry(directory)
        func names(_ language: Language) throws -> [String] {
            let bytes = try ExportTesting.export(path, try ExportTesting.options(.json, language))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            return try #require(document["signatories"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        }
        let english = try names(.en)
        let spanish = try names(.es)
        let index = { (list: [String], name: String) in list.firstIndex(of: name) ?? -1 }
        // Spanish puts ñ after n; English and French treat it as n.
        #expect(index(english, "Ñuñoa") < index(english, "Nuuk"))
        #expect(index(spanish, "Nuuk") < index(spanish, "Ñuñoa"))
        #expect(index(english, "Eindhoven") < index(english, "Évry"))
        // Governments first, whatever the names.
        #expect(index(english, "# Heading ~~strike~~ $x$ &amp; www.example.org") > index(english, "القدس"))
    }

    @Test(arguments: ExportFormat.allCases)
    func kindFilterKeepsOneGroup(format: ExportFormat) throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try Self.hostileRegistry(directory)
        let text = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(format, kind: .civilSociety)))
        #expect(text.contains("Very Long Name"))
        #expect(!text.contains("Eindhoven"))
        #expect(!text.contains(Vocabulary.groupGovernments.text(in: .en)))
    }

    @Test(arguments: ExportFormat.allCases, Language.allCases)
    func emptyRegistrySaysSo(format: ExportFormat, language: Language) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: [])
        let text = ExportTesting.text(try ExportTesting.export(path, try ExportTesting.options(format, language)))
        if format == .json {
            #expect(text.contains("\"signatories\": []"))
        } else if format == .csv {
            // The table alone: its header, and no record after it.
            #expect(ExportTesting.parseCSV(text)?.count == 1)
        } else {
            let sentence = Vocabulary.noSignatories.text(in: language)
            let expected = format == .markdown ? ExportEscaping.markdown(sentence) : sentence
            #expect(text.contains(expected))
        }
    }

    @Test(arguments: ExportFormat.allCases)
    func sameRegistryAndOptionsGiveTheSameBytes(format: ExportFormat) throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try Self.hostileRegistry(directory)
        let first = try ExportTesting.export(path, try ExportTesting.options(format, .fr))
        let second = try ExportTesting.export(path, try ExportTesting.options(format, .fr))
        #expect(first == second)
        var later = try ExportTesting.options(format, .fr)
        later.exportedAt = later.exportedAt.addingTimeInterval(86_400)
        let third = ExportTesting.text(try ExportTesting.export(path, later))
        // The CSV table holds no export time (its provenance file does).
        #expect((third != ExportTesting.text(first)) == (format != .csv))
        // Only the export time differs.
        let shifted = third.replacingOccurrences(of: "2026-01-03", with: "2026-01-02")
            .replacingOccurrences(of: "3 janvier 2026", with: "2 janvier 2026")
        #expect(shifted == ExportTesting.text(first))
    }

    @Test func tamperedLedgerIsRefusedAndNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try Self.hostileRegistry(directory)
        let ledger = path + "/ledger.jsonl"
        let original = try String(contentsOfFile: ledger, encoding: .utf8)
        try original.replacingOccurrences(of: "Eindhoven", with: "Eindhoveb").write(toFile: ledger, atomically: true, encoding: .utf8)
        let out = directory.path("list.html")
        #expect(throws: VerificationFailure.self) {
            try unwrappingRegistryError {
                try SignatoryExport.export(registry: RegistryLayout(directory: path), options: try ExportTesting.options(.html), to: out)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        // An existing export is left as it was.
        try "yesterday".write(toFile: out, atomically: true, encoding: .utf8)
        #expect(throws: VerificationFailure.self) {
            try unwrappingRegistryError {
                try SignatoryExport.export(registry: RegistryLayout(directory: path), options: try ExportTesting.options(.csv), to: out)
            }
        }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "yesterday")
    }

    @Test func outputReplacesAnExistingFileWhole() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry")
        try ExportFixture.build(at: path, signers: [])
        let out = directory.path("list.json")
        try String(repeating: "old ", count: 10_000).write(toFile: out, atomically: true, encoding: .utf8)
        try SignatoryExport.export(registry: RegistryLayout(directory: path), options: try ExportTesting.options(.json), to: out)
        let written = try Array(Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(written == (try ExportTesting.export(path, try ExportTesting.options(.json))))
    }
}
