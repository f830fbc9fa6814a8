import CryptoPrimitives
import Foundation
import Testing
import TransparencyLog

/// The parser follows c2sp.org/signed-note v1.0.0's definitions, which
/// docs/FORMAT.md section 8 cites: a control character is one below
/// U+0020; a key name holds no Unicode space (White_Space) and no "+"; the
/// text ends at the last blank line.
@Suite struct SignedNoteDefinitionsTests {
    static let key = try? Ed25519PrivateKey(seed: [UInt8](repeating: 5, count: 32))

    static func note(text: String, name: String = "example.org/log") throws -> String {
        let key = try #require(Self.key)
        return try SignedNote.sign(text: text, name: name, key: key).serialized
    }

    @Test func deleteAndC1AreNotControlCharactersOfTheSpec() throws {
        for text in ["a\u{7F}b\n", "a\u{85}b\n", "a\u{9F}b\n"] {
            let parsed = try SignedNote(parsing: try Self.note(text: text))
            #expect(parsed.text == text)
        }
    }

    @Test(arguments: ["\t", "\r", "\u{0B}", "\u{1B}", "\u{00}"])
    func bytesBelowU0020OtherThanNewlineAreRefused(control: String) throws {
        let note = try Self.note(text: "text\n").replacingFirst("text", with: "te\(control)xt")
        #expect(throws: TransparencyError.self) { try SignedNote(parsing: note) }
    }

    @Test(arguments: ["a b", "a\u{A0}b", "a\u{85}b", "a\u{2003}b", "a\u{3000}b", "a+b", ""])
    func keyNamesWithUnicodeSpacesOrPlusAreRefused(name: String) throws {
        let key = try #require(Self.key)
        #expect(throws: TransparencyError.self) { try SignedNote.sign(text: "text\n", name: name, key: key) }
        let line = "text\n\n\u{2014} \(name) AAAAAAAA\n"
        #expect(throws: TransparencyError.self) { try SignedNote(parsing: line) }
    }

    @Test func aNameMayHoldOtherUnicode() throws {
        let parsed = try SignedNote(parsing: try Self.note(text: "text\n", name: "exämple.org/\u{200B}log"))
        #expect(parsed.signatures.first?.name == "exämple.org/\u{200B}log")
    }

    @Test func theTextEndsAtTheLastBlankLine() throws {
        let text = "first\n\nsecond\n\n\nthird\n"
        let parsed = try SignedNote(parsing: try Self.note(text: text))
        #expect(parsed.text == text)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
