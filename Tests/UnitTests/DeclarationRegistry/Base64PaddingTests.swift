import CryptoPrimitives
import Foundation
@testable import RegistryFormat
import Testing
import TransparencyLog

/// Base64 with non-zero padding bits decodes, in a lenient decoder, to the
/// same bytes as the canonical spelling; the format refuses it everywhere
/// it reads base64 (docs/FORMAT.md, conventions), so each value has one
/// spelling.
@Suite struct Base64PaddingTests {
    /// `text` with its last character before the padding moved one place
    /// up the alphabet, which sets a padding bit and keeps the bytes.
    static func withPaddingBitSet(_ text: String) -> String {
        var characters = Array(text)
        let last = characters.lastIndex { $0 != "=" } ?? 0
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let position = alphabet.firstIndex(of: characters[last]) ?? 0
        characters[last] = alphabet[position + 1]
        return String(characters)
    }

    @Test func theAlteredSpellingsDecodeToTheSameBytesWhenPaddingBitsAreIgnored() throws {
        let key = "gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q="
        #expect(Self.withPaddingBitSet(key) == "gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5R=")
        #expect(Base64.decode(Self.withPaddingBitSet(key)) == nil)
    }

    @Test func ledgerFieldsWithPaddingBitsAreRefused() throws {
        let example = try FormatExample()
        let entry = example.entries[0]
        let line = String(decoding: entry.line, as: UTF8.self)
        let key = Base64.encode(entry.statement.publicKey.rawRepresentation)
        let signature = Base64.encode(entry.statement.signature)
        for (original, field) in [(key, "statement.public_key"), (signature, "statement.signature")] {
            let altered = Array(line.replacingOccurrences(of: original, with: Self.withPaddingBitSet(original)).utf8)
            #expect(LedgerLineCodec.decode(altered) == nil)
            let json = try CanonicalJSON.parseCanonical(altered)
            let error = #expect(throws: FieldError.self) { try Entry(json: json) }
            #expect(error?.field == field)
        }
    }

    @Test func theHeadersKeyWithPaddingBitsIsRefused() throws {
        let example = try FormatExample()
        let header = String(decoding: example.headerFile.dropLast(), as: UTF8.self)
        let key = Base64.encode(example.registrar.publicKey.rawRepresentation)
        let altered = header.replacingOccurrences(of: key, with: Self.withPaddingBitSet(key))
        let json = try CanonicalJSON.parseCanonical(Array(altered.utf8))
        #expect(throws: FieldError.self) { try RegistryHeader(json: json) }
    }

    @Test func checkpointValuesWithPaddingBitsAreRefused() throws {
        let example = try FormatExample()
        let note = String(decoding: example.checkpoint2, as: UTF8.self)
        var lines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 3 is the root; line 6 the signature line, `— name base64`.
        let root = lines[2]
        lines[2] = Self.withPaddingBitSet(root)
        let alteredRoot = lines.joined(separator: "\n")
        #expect(throws: TransparencyError.self) { try Checkpoint(parsingBody: alteredRoot.components(separatedBy: "\n\n")[0] + "\n") }
        lines[2] = root
        let signature = try #require(lines[5].split(separator: " ").last.map(String.init))
        lines[5] = lines[5].replacingOccurrences(of: signature, with: Self.withPaddingBitSet(signature))
        let error = #expect(throws: TransparencyError.self) { try SignedNote(parsing: lines.joined(separator: "\n")) }
        #expect(error?.line == 6)
    }
}
