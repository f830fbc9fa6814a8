import DeclarationRegistry
import Foundation
import Testing
import TestSupport

/// Each way a declaration can be wrong, and the file, line and field the error names.
///
/// Line numbers refer to the checkout's files: in each text, line 1 is the
/// title, 3 the preamble and 5, 7, 9, 11, 13 the clauses; in the manifest,
/// line 2 is `id`, 3 `version`, 4 `adopted`, 5 `languages`, 6 to 10 `titles`.
@Suite struct DeclarationRejectionTests {
    private typealias Fixtures = DeclarationFixtures

    // MARK: Structure across languages

    @Test func missingClauseInOneLanguage() throws {
        let files = try Fixtures.files(editing: "fr.txt") { $0.removeLast(2) }
        #expect(Fixtures.rejection(files) == .structureMismatch(
            file: "t/fr.txt", line: 11, part: "clauses", found: 4, referenceFile: "t/en.txt", expected: 5))
    }

    @Test func extraClauseInOneLanguage() throws {
        let files = try Fixtures.files(editing: "es.txt") { $0 += ["", "6. Una cláusula de más."] }
        #expect(Fixtures.rejection(files) == .structureMismatch(
            file: "t/es.txt", line: 15, part: "clauses", found: 6, referenceFile: "t/en.txt", expected: 5))
    }

    @Test func preambleInOneLanguageOnly() throws {
        let files = try Fixtures.files(editing: "es.txt") { $0.removeSubrange(2...3) }
        #expect(Fixtures.rejection(files) == .structureMismatch(
            file: "t/es.txt", line: 2, part: "preamble paragraphs", found: 0, referenceFile: "t/en.txt",
            expected: 1))
    }

    // MARK: Bytes and encoding

    @Test func decomposedAccentIsNotNFC() throws {
        // "à" written as "a" followed by U+0300 COMBINING GRAVE ACCENT.
        let files = try Fixtures.files(editing: "fr.txt") { lines in
            lines[4] = lines[4].replacingOccurrences(of: "\u{E0}", with: "a\u{300}")
        }
        #expect(String(decoding: files["fr.txt"] ?? [], as: UTF8.self).unicodeScalars.contains("\u{300}"))
        #expect(Fixtures.rejection(files) == .notNFC(file: "t/fr.txt", line: 5))
    }

    @Test func carriageReturn() throws {
        var files = try Fixtures.files()
        files["en.txt"] = Array(String(decoding: files["en.txt"] ?? [], as: UTF8.self)
            .replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(Fixtures.rejection(files) == .carriageReturn(file: "t/en.txt", line: 1))
    }

    @Test func invalidUTF8() throws {
        var files = try Fixtures.files()
        var bytes = files["es.txt"] ?? []
        let lineStarts = bytes.indices.filter { $0 == 0 || bytes[$0 - 1] == 0x0A }
        bytes.insert(0xFF, at: lineStarts[6] + 3)  // inside line 7
        files["es.txt"] = bytes
        #expect(Fixtures.rejection(files) == .invalidUTF8(file: "t/es.txt", line: 7))
    }

    @Test func byteOrderMark() throws {
        var files = try Fixtures.files()
        files["fr.txt"] = [0xEF, 0xBB, 0xBF] + (files["fr.txt"] ?? [])
        #expect(Fixtures.rejection(files) == .byteOrderMark(file: "t/fr.txt"))
    }

    @Test func tab() throws {
        let files = try Fixtures.files(editing: "en.txt") { $0[8] = "3.\tWe call on everyone." }
        #expect(Fixtures.rejection(files) == .controlCharacter(file: "t/en.txt", line: 9, codePoint: 0x09))
    }

    @Test func missingFinalNewline() throws {
        var files = try Fixtures.files()
        files["en.txt"]?.removeLast()
        #expect(Fixtures.rejection(files) == .missingFinalNewline(file: "t/en.txt", line: 13))
    }

    @Test func fileTooLarge() throws {
        var files = try Fixtures.files()
        files["es.txt"] = [UInt8](repeating: 0x41, count: Declaration.maximumFileSize + 1)
        #expect(Fixtures.rejection(files) == .fileTooLarge(
            file: "t/es.txt", size: Declaration.maximumFileSize + 1, limit: Declaration.maximumFileSize))
    }

    // MARK: Files present

    @Test func missingFile() throws {
        var files = try Fixtures.files()
        files["es.txt"] = nil
        #expect(Fixtures.rejection(files) == .missingFile(file: "t/es.txt"))
    }

    @Test func extraFile() throws {
        var files = try Fixtures.files()
        files["de.txt"] = Array("Erklärung\n".utf8)
        #expect(Fixtures.rejection(files) == .unexpectedFile(file: "t/de.txt"))
    }

    @Test func extraFileInDirectory() throws {
        let temporary = try TemporaryDirectory()
        let directory = try Fixtures.write(Fixtures.files(), into: temporary.url)
        try Data("draft\n".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        #expect(throws: DeclarationError.unexpectedFile(file: directory.path + "/notes.txt")) {
            try Declaration.load(from: directory)
        }
    }

    @Test func tooLargeFileInDirectoryIsNotRead() throws {
        let temporary = try TemporaryDirectory()
        let directory = try Fixtures.write(Fixtures.files(), into: temporary.url)
        let handle = try FileHandle(forWritingTo: directory.appendingPathComponent("en.txt"))
        try handle.truncate(atOffset: 64 << 20)  // sparse: 64 MiB that take no space
        try handle.close()
        #expect(throws: DeclarationError.fileTooLarge(
            file: directory.path + "/en.txt", size: 64 << 20, limit: Declaration.maximumFileSize)) {
            try Declaration.load(from: directory)
        }
    }

    @Test func directoryNameDiffersFromID() throws {
        let temporary = try TemporaryDirectory()
        let directory = try Fixtures.write(Fixtures.files(), into: temporary.url, name: "declaration-v2")
        let error = #expect(throws: DeclarationError.self) { try Declaration.load(from: directory) }
        #expect(error?.file == directory.path + "/manifest.json")
        #expect(error?.line == 2)
        #expect(error?.field == "id")
    }

    @Test func missingDirectory() throws {
        let temporary = try TemporaryDirectory()
        let error = #expect(throws: DeclarationError.self) {
            try Declaration.load(from: temporary.url.appendingPathComponent("absent"))
        }
        guard case .unreadable(let path, _) = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == temporary.url.appendingPathComponent("absent").path)
    }

    // MARK: Manifest

    @Test func missingManifestField() throws {
        let files = try Fixtures.files(editing: "manifest.json") { $0.remove(at: 2) }
        #expect(Fixtures.rejection(files) == .missingField(file: "t/manifest.json", line: 1, field: "version"))
    }

    @Test func missingTitleForOneLanguage() throws {
        let files = try Fixtures.files(editing: "manifest.json") { lines in
            lines.remove(at: 8)
            lines[7] = String(lines[7].dropLast())  // the comma before the removed line
        }
        #expect(Fixtures.rejection(files) == .missingField(file: "t/manifest.json", line: 6, field: "titles.es"))
    }

    @Test func unknownLanguage() throws {
        let files = try Fixtures.files(replacingLine: 5, of: "manifest.json", with: #"  "languages": ["en", "fr", "de"],"#)
        #expect(Fixtures.rejection(files) == .invalidField(
            file: "t/manifest.json", line: 5, field: "languages[2]", expected: "one of en, es, fr",
            found: "the string \"de\""))
    }

    @Test func languageListedTwice() throws {
        let files = try Fixtures.files(replacingLine: 5, of: "manifest.json", with: #"  "languages": ["en", "fr", "en"],"#)
        let error = Fixtures.rejection(files)
        #expect(error?.field == "languages[2]")
        #expect(error?.line == 5)
    }

    @Test func languageMissingFromList() throws {
        let files = try Fixtures.files(replacingLine: 5, of: "manifest.json", with: #"  "languages": ["en", "fr"],"#)
        #expect(Fixtures.rejection(files) == .invalidField(
            file: "t/manifest.json", line: 5, field: "languages", expected: "all of en, es, fr", found: "no \"es\""))
    }

    @Test func titleDiffersFromText() throws {
        let files = try Fixtures.files(
            replacingLine: 8, of: "manifest.json",
            with: #"    "fr": "Déclaration infranationale pour un gouvernement ouvert","#)
        #expect(Fixtures.rejection(files) == .titleMismatch(
            file: "t/manifest.json", line: 8, field: "titles.fr",
            manifestTitle: "Déclaration infranationale pour un gouvernement ouvert",
            textFile: "t/fr.txt", textTitle: "Déclaration sous-nationale pour un gouvernement ouvert"))
    }

    @Test(arguments: ["2016-12-32", "2016-13-09", "2017-02-29", "9 December 2016", "2016-12-9"])
    func malformedDate(_ date: String) throws {
        let files = try Fixtures.files(replacingLine: 4, of: "manifest.json", with: #"  "adopted": "\#(date)","#)
        let error = Fixtures.rejection(files)
        #expect(error?.field == "adopted")
        #expect(error?.line == 4)
        #expect(error?.file == "t/manifest.json")
    }

    @Test func leapDayIsADate() throws {
        let files = try Fixtures.files(replacingLine: 4, of: "manifest.json", with: #"  "adopted": "2016-02-29","#)
        #expect(Fixtures.rejection(files) == nil)
    }

    @Test func malformedVersion() throws {
        let files = try Fixtures.files(replacingLine: 3, of: "manifest.json", with: #"  "version": "v1","#)
        #expect(Fixtures.rejection(files)?.field == "version")
    }

    @Test func malformedID() throws {
        let files = try Fixtures.files(replacingLine: 2, of: "manifest.json", with: #"  "id": "Subnational Declaration","#)
        #expect(Fixtures.rejection(files)?.field == "id")
    }

    @Test func textFileNamedOtherwise() throws {
        let files = try Fixtures.files(replacingLine: 18, of: "manifest.json", with: #"    "fr": "french.txt","#)
        #expect(Fixtures.rejection(files) == .invalidField(
            file: "t/manifest.json", line: 18, field: "texts.fr", expected: "\"fr.txt\"", found: "\"french.txt\""))
    }

    @Test func unknownField() throws {
        let files = try Fixtures.files(editing: "manifest.json") { $0.insert(#"  "signatories": "all","#, at: 3) }
        #expect(Fixtures.rejection(files) == .unknownField(file: "t/manifest.json", line: 4, field: "signatories"))
    }

    @Test func duplicateField() throws {
        let files = try Fixtures.files(editing: "manifest.json") { $0.insert(#"  "version": "2.0.0","#, at: 3) }
        #expect(Fixtures.rejection(files) == .malformedManifest(
            file: "t/manifest.json", line: 4, expected: "each field once", found: "a second \"version\""))
    }

    @Test func jsonSyntaxErrorNamesItsLine() throws {
        // A trailing comma after the last member of `titles`.
        let files = try Fixtures.files(editing: "manifest.json") { $0[8] += "," }
        let error = Fixtures.rejection(files)
        #expect(error?.file == "t/manifest.json")
        #expect(error?.line == 10)
    }

    @Test func escapedDecomposedStringInManifest() throws {
        let files = try Fixtures.files(
            replacingLine: 13, of: "manifest.json", with: #"    "fr": "Ho\u0302tel de Ville de Paris, France","#)
        #expect(Fixtures.rejection(files)?.field == "place.fr")
    }

    // MARK: Text format

    @Test func noBlankLineAfterTitle() throws {
        let files = try Fixtures.files(editing: "en.txt") { $0.remove(at: 1) }
        let error = Fixtures.rejection(files)
        #expect(error?.file == "t/en.txt")
        #expect(error?.line == 2)
    }

    @Test func twoBlankLinesBetweenParagraphs() throws {
        let files = try Fixtures.files(editing: "en.txt") { $0.insert("", at: 5) }
        #expect(Fixtures.rejection(files) == .malformedText(
            file: "t/en.txt", line: 7, expected: "a paragraph (exactly one blank line separates paragraphs)",
            found: "another blank line"))
    }

    @Test func paragraphWrappedOverTwoLines() throws {
        let files = try Fixtures.files(editing: "fr.txt") { $0.insert("suite du paragraphe", at: 7) }
        let error = Fixtures.rejection(files)
        #expect(error?.file == "t/fr.txt")
        #expect(error?.line == 8)
    }

    @Test func clauseNumberSkipped() throws {
        let files = try Fixtures.files(editing: "es.txt") { lines in
            lines[8] = "4." + lines[8].dropFirst(2)
        }
        #expect(Fixtures.rejection(files) == .malformedText(
            file: "t/es.txt", line: 9, expected: "clause 3", found: "clause 4"))
    }

    @Test func unnumberedParagraphAfterClauses() throws {
        let files = try Fixtures.files(editing: "en.txt") { $0 += ["", "Signed in Paris."] }
        let error = Fixtures.rejection(files)
        #expect(error?.line == 15)
        #expect(error?.file == "t/en.txt")
    }

    @Test func trailingBlankLine() throws {
        let files = try Fixtures.files(editing: "en.txt") { $0.append("") }
        #expect(Fixtures.rejection(files)?.line == 14)
    }

    @Test func trailingSpace() throws {
        let files = try Fixtures.files(editing: "en.txt") { $0[6] += " " }
        #expect(Fixtures.rejection(files)?.line == 7)
    }

    @Test func textWithoutClauses() throws {
        let text = Array("Title\n\nOnly a preamble.\n".utf8)
        #expect(throws: DeclarationError.malformedText(
            file: "x.txt", line: 3, expected: "at least one clause, starting \"1. \"", found: "none")) {
            try DeclarationText(parsing: text, file: "x.txt")
        }
    }

    @Test func emptyText() throws {
        #expect(throws: DeclarationError.malformedText(
            file: "x.txt", line: 1, expected: "the title on line 1", found: "an empty file")) {
            try DeclarationText(parsing: [], file: "x.txt")
        }
    }

    @Test func messagesSayWhereAndWhatToDo() {
        let error = DeclarationError.notNFC(file: "declarations/d/fr.txt", line: 5)
        #expect(error.description.hasPrefix("declarations/d/fr.txt:5: "))
        #expect(error.description.contains("NFC"))
        let field = DeclarationError.missingField(file: "d/manifest.json", line: 1, field: "version")
        #expect(field.description == "d/manifest.json:1: field `version` is missing; add it (see docs/DECLARATION.md)")
    }
}
