import DeclarationRegistry
import Foundation
import Testing
import TestSupport

/// The cases docs/DECLARATION.md decides so that a text has one reading:
/// clause numbers, spaces, invisible and control characters, the manifest's
/// `id`, `version` and per-language keys, symbolic links, and files that
/// are not texts at all. Line numbers are those of the checkout's files
/// (see `DeclarationRejectionTests`).
@Suite struct DeclarationAmbiguityTests {
    private typealias Fixtures = DeclarationFixtures

    // MARK: Clause numbers

    @Test(arguments: ["01. We recognise.", "0. We recognise.", "1.We recognise.", "1.", "1.5 million people"])
    func clauseNumberWrittenAmbiguously(_ line: String) throws {
        let files = try Fixtures.files(replacingLine: 5, of: "en.txt", with: line)
        let error = Fixtures.rejection(files)
        guard case .malformedText(let file, let number, _, _) = error else {
            Issue.record("expected .malformedText, got \(String(describing: error))")
            return
        }
        #expect(file == "t/en.txt")
        #expect(number == 5)
    }

    @Test func paragraphStartingWithADigitButNoFullStopIsPreamble() throws {
        let text = Array("Title\n\n2016 was the year.\n\n1. A clause.\n".utf8)
        let parsed = try DeclarationText(parsing: text, file: "x.txt")
        #expect(parsed.preamble == ["2016 was the year."])
        #expect(parsed.clauses == ["A clause."])
    }

    @Test func tenClausesAreNumberedWithoutPadding() throws {
        let clauses = (1...10).map { "\($0). Clause \($0)." }.joined(separator: "\n\n")
        let parsed = try DeclarationText(parsing: Array("Title\n\n\(clauses)\n".utf8), file: "x.txt")
        #expect(parsed.clauses.count == 10)
    }

    // MARK: Spaces

    @Test(arguments: [
        "We  recognise.",                // two spaces: shown as one
        "\u{A0}We recognise.",          // a no-break space at the start
        "We recognise.\u{202F}",        // a narrow no-break space at the end
        "We\u{3000}recognise.",         // an ideographic space
        "We\u{2003}recognise.",         // an em space
        "We\u{2028}recognise.",         // a line separator
        "We \u{A0}recognise.",          // a space beside a no-break space
    ])
    func spacesOtherThanSingleSeparatorsAreRefused(_ paragraph: String) throws {
        let files = try Fixtures.files(replacingLine: 3, of: "en.txt", with: paragraph)
        let error = Fixtures.rejection(files)
        #expect(error?.file == "t/en.txt")
        #expect(error?.line == 3)
    }

    @Test func noBreakSpacesInsideALineAreText() throws {
        // French typography: "engagement :" with U+202F, "M.\u{A0}le maire".
        let files = try Fixtures.files(replacingLine: 3, of: "fr.txt", with: "Nous\u{202F}: M.\u{A0}le maire.")
        #expect(Fixtures.rejection(files) == nil)
    }

    @Test(arguments: [" Subnational", "Subnational  Open"])
    func manifestStringsFollowTheSameSpaceRule(_ prefix: String) throws {
        let files = try Fixtures.files(replacingLine: 12, of: "manifest.json",
                                       with: #"    "en": "\#(prefix) Paris","#)
        let error = Fixtures.rejection(files)
        #expect(error?.field == "place.en")
        #expect(error?.line == 12)
    }

    // MARK: Invisible and control characters

    @Test(arguments: [0x00AD, 0x200B, 0x200D, 0x2060, 0xFEFF, 0x202E, 0x2066, 0x061C, 0xE0041, 0x180E])
    func invisibleCharactersAreRefused(_ codePoint: Int) throws {
        let scalar = try #require(Unicode.Scalar(UInt32(codePoint)))
        let files = try Fixtures.files(replacingLine: 7, of: "es.txt", with: "2. Nos compro\(Character(scalar))metemos.")
        #expect(Fixtures.rejection(files) == .invisibleCharacter(file: "t/es.txt", line: 7, codePoint: UInt32(codePoint)))
    }

    @Test(arguments: [0x7F, 0x80, 0x85, 0x9B, 0x9F])
    func deleteAndC1ControlsAreRefused(_ codePoint: Int) throws {
        let scalar = try #require(Unicode.Scalar(UInt32(codePoint)))
        let files = try Fixtures.files(replacingLine: 7, of: "es.txt", with: "2. Nos\(Character(scalar)) comprometemos.")
        #expect(Fixtures.rejection(files) == .controlCharacter(file: "t/es.txt", line: 7, codePoint: UInt32(codePoint)))
    }

    @Test(arguments: [#"\u0085"#, #"\u009b"#, #"\u00ad"#, #"\u200b"#, #"\u202e"#])
    func escapedControlAndInvisibleCharactersInTheManifestAreRefused(_ escape: String) throws {
        let files = try Fixtures.files(replacingLine: 13, of: "manifest.json",
                                       with: #"    "fr": "Hôtel de Ville\#(escape) de Paris, France","#)
        let error = Fixtures.rejection(files)
        #expect(error?.field == "place.fr")
        #expect(error?.line == 13)
        // The message shows the character escaped, never raw.
        for scalar in error?.description.unicodeScalars ?? "".unicodeScalars {
            #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value))
            #expect(!scalar.properties.isDefaultIgnorableCodePoint)
        }
    }

    @Test func escapedControlInAnUnknownKeyIsNotPrinted() throws {
        let files = try Fixtures.files(editing: "manifest.json") { $0.insert(#"  "\u001b[2J": "x","#, at: 1) }
        let error = try #require(Fixtures.rejection(files))
        #expect(error.line == 2)
        #expect(!error.description.unicodeScalars.contains("\u{1B}"))
    }

    // MARK: The manifest's id, version and keys

    @Test(arguments: ["-declaration", "declaration-", "sub--national", "Declaration", "déclaration", "a_b", "a.b", ""])
    func idBreakingTheHyphenAndLetterRules(_ id: String) throws {
        let files = try Fixtures.files(replacingLine: 2, of: "manifest.json", with: #"  "id": "\#(id)","#)
        let error = Fixtures.rejection(files)
        #expect(error?.field == "id")
        #expect(error?.line == 2)
    }

    @Test func idOfAHundredCharactersIsTheLongest() throws {
        for (length, accepted) in [(100, true), (101, false)] {
            let id = String(repeating: "a", count: length)
            let files = try Fixtures.files(replacingLine: 2, of: "manifest.json", with: #"  "id": "\#(id)","#)
            let error = Fixtures.rejection(files)
            // The id is checked before the texts, so a long valid one passes the field check.
            #expect((error?.field == "id") == !accepted)
        }
    }

    @Test(arguments: ["01.0.0", "1.00.0", "1.0.01", "1.0", "1.0.0.0", "1.0.0-rc1", "+1.0.0", "1.0.1234567890"])
    func versionWithLeadingZerosOrAnotherForm(_ version: String) throws {
        let files = try Fixtures.files(replacingLine: 3, of: "manifest.json", with: #"  "version": "\#(version)","#)
        let error = Fixtures.rejection(files)
        #expect(error?.field == "version")
        #expect(error?.line == 3)
    }

    @Test func versionComponentsMayBeZeroOrLarge() throws {
        for version in ["0.0.0", "10.20.300", "123456789.0.1"] {
            let files = try Fixtures.files(replacingLine: 3, of: "manifest.json", with: #"  "version": "\#(version)","#)
            #expect(Fixtures.rejection(files) == nil, "\(version)")
        }
    }

    @Test(arguments: [7, 12, 17])
    func extraKeyInAPerLanguageObject(_ line: Int) throws {
        // Lines 7, 12 and 17 are the `en` members of `titles`, `place` and `texts`.
        let files = try Fixtures.files(editing: "manifest.json") { $0.insert(#"    "de": "Erklärung","#, at: line - 1) }
        let error = Fixtures.rejection(files)
        #expect(error?.line == line)
        #expect(error?.field?.hasSuffix(".de") == true)
    }

    // MARK: Texts with no clause

    @Test func aTextWithNoClauseIsRefusedInTheDeclaration() throws {
        let files = try Fixtures.files(editing: "en.txt") { $0.removeSubrange(3...) }
        #expect(Fixtures.rejection(files) == .malformedText(
            file: "t/en.txt", line: 3, expected: "at least one clause, starting \"1. \"", found: "none"))
    }

    // MARK: Files that are not what they should be

    @Test func privateKeyInPlaceOfATextIsNotQuoted() throws {
        var files = try Fixtures.files()
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUF\n-----END PRIVATE KEY-----\n"
        files["fr.txt"] = Array(pem.utf8)
        let error = try #require(Fixtures.rejection(files))
        #expect(error == .pemBlock(file: "t/fr.txt", line: 1))
        #expect(!error.description.contains("MC4C"))
        #expect(!error.description.contains("BQUF"))
    }

    @Test func pemBlockInsideATextIsNotQuoted() throws {
        let files = try Fixtures.files(editing: "en.txt") { lines in
            lines[2] = "-----BEGIN ENCRYPTED PRIVATE KEY-----"
            lines[3] = "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAh"
        }
        let error = try #require(Fixtures.rejection(files))
        #expect(error == .pemBlock(file: "t/en.txt", line: 3))
        #expect(!error.description.contains("MIGb"))
    }

    @Test func aBareKeyLineInsideATextIsNotQuoted() throws {
        // The base64 body of a PKCS#8 Ed25519 key without its armour: the
        // seed is on this line, so no error may quote it.
        let files = try Fixtures.files(editing: "es.txt") { lines in
            lines[2] = "MC4CAQAwBQYDK2VwBCIEIAUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUF"
        }
        let error = try #require(Fixtures.rejection(files))
        #expect(error == .pemBlock(file: "t/es.txt", line: 3))
        #expect(!error.description.contains("BQUF"))
    }

    @Test func symbolicLinkAmongTheFilesIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let directory = try Fixtures.write(Fixtures.files(), into: temporary.url)
        let file = directory.appendingPathComponent("es.txt")
        let elsewhere = temporary.url.appendingPathComponent("es.txt")
        try FileManager.default.moveItem(at: file, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: elsewhere)
        #expect(throws: DeclarationError.notRegularFile(file: file.path, kind: "a symbolic link")) {
            try Declaration.load(from: directory)
        }
    }

    @Test func directoryInPlaceOfAFileIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let directory = try Fixtures.write(Fixtures.files(), into: temporary.url)
        let file = directory.appendingPathComponent("en.txt")
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        #expect(throws: DeclarationError.notRegularFile(file: file.path, kind: "a directory")) {
            try Declaration.load(from: directory)
        }
    }

    @Test func namedPipeInPlaceOfAFileIsRefusedWithoutBeingOpened() throws {
        // Opening a pipe for reading would wait for a writer for ever.
        let temporary = try TemporaryDirectory()
        let directory = try Fixtures.write(Fixtures.files(), into: temporary.url)
        let file = directory.appendingPathComponent("manifest.json")
        try FileManager.default.removeItem(at: file)
        #expect(mkfifo(file.path, 0o600) == 0)
        #expect(throws: DeclarationError.notRegularFile(file: file.path, kind: "a named pipe")) {
            try Declaration.load(from: directory)
        }
    }
}
