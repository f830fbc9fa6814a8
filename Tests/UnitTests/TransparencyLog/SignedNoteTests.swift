import CryptoPrimitives
import Foundation
import Testing
import TransparencyLog

/// A verifier that claims a known key's name and hash but holds another key.
struct ImpostorVerifier: NoteVerifier {
    let name: String
    let keyHash: UInt32
    let key: Ed25519PublicKey

    func isValidSignature(_ signature: [UInt8], for text: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: text)
    }
}

@Suite struct NoteVerifierKeyTests {
    @Test func parsesThePublishedKey() throws {
        let key = try NoteVerifierKey(parsing: GoNoteExample.verifierKey)
        #expect(key.name == "PeterNeumann")
        #expect(key.keyHash == 0xc74f20a3)
        #expect(try key.string == GoNoteExample.verifierKey)
        #expect(key.publicKey == (try GoNoteExample.privateKey().publicKey))
    }

    @Test func keyHashIsDerivedFromNameAndKey() throws {
        let publicKey = try GoNoteExample.privateKey().publicKey
        #expect(NoteVerifierKey.keyHash(name: "PeterNeumann", publicKey: publicKey) == 0xc74f20a3)
        let key = try NoteVerifierKey(name: "PeterNeumann", publicKey: publicKey)
        #expect(try key.string == GoNoteExample.verifierKey)
    }

    @Test(arguments: [
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // wrong hash
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // uppercase hash
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   // short hash
        "PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // type 0x02
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10",    // short key
        "PeterNeumann+c74f20a3",                                               // no key
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // space in name
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",             // empty name
    ])
    func rejectsMalformedKeys(string: String) {
        #expect(throws: TransparencyError.self) { try NoteVerifierKey(parsing: string) }
    }
}

@Suite struct SignedNoteTests {
    @Test func signingReproducesThePublishedSignature() throws {
        let note = try SignedNote.sign(
            text: GoNoteExample.text, name: "PeterNeumann", key: try GoNoteExample.privateKey()
        )
        #expect(try note.serialized == GoNoteExample.note)
    }

    @Test func publishedNoteParsesAndVerifies() throws {
        let note = try SignedNote(parsing: GoNoteExample.note)
        #expect(try note.text == GoNoteExample.text)
        #expect(note.signatures.count == 1)
        #expect(note.signatures.first?.keyHash == 0xc74f20a3)
        #expect(try note.serialized == GoNoteExample.note)
        let signature = try note.verify(with: NoteVerifierKey(parsing: GoNoteExample.verifierKey))
        #expect(signature.name == "PeterNeumann")
    }

    @Test func tamperedTextFailsOnTheSignatureLine() throws {
        let tampered = try GoNoteExample.note.replacingOccurrences(of: "problem,", with: "problem;")
        let note = try SignedNote(parsing: tampered)
        let key = try NoteVerifierKey(parsing: GoNoteExample.verifierKey)
        #expect(throws: TransparencyError.badSignature(keyName: "PeterNeumann", keyHash: 0xc74f20a3, line: 4)) {
            try note.verify(with: key)
        }
    }

    @Test func tamperedSignatureFails() throws {
        let tampered = try GoNoteExample.note.replacingOccurrences(of: "x08go/ZJ", with: "x08go/ZK")
        let note = try SignedNote(parsing: tampered)
        #expect(throws: TransparencyError.badSignature(keyName: "PeterNeumann", keyHash: 0xc74f20a3, line: 4)) {
            try note.verify(with: NoteVerifierKey(parsing: GoNoteExample.verifierKey))
        }
    }

    @Test func anotherKeyFindsNoSignature() throws {
        let note = try SignedNote(parsing: GoNoteExample.note)
        let otherKey = try NoteVerifierKey(name: "PeterNeumann", publicKey: Ed25519PrivateKey().publicKey)
        #expect(throws: TransparencyError.noSignature(
            keyName: "PeterNeumann", keyHash: otherKey.keyHash, signers: ["PeterNeumann+c74f20a3"]
        )) {
            try note.verify(with: otherKey)
        }
    }

    @Test func impostorKeyWithTheSameNameAndHashFails() throws {
        let note = try SignedNote(parsing: GoNoteExample.note)
        let impostor = ImpostorVerifier(
            name: "PeterNeumann", keyHash: 0xc74f20a3, key: try Ed25519PrivateKey().publicKey
        )
        #expect(throws: TransparencyError.badSignature(keyName: "PeterNeumann", keyHash: 0xc74f20a3, line: 4)) {
            try note.verify(with: impostor)
        }
    }

    @Test func unknownSignaturesAreIgnored() throws {
        let witness = try SignedNote.sign(
            text: GoNoteExample.text, name: "witness.example/w1", key: Ed25519PrivateKey()
        )
        let witnessLine = try #require(witness.serialized.split(separator: "\n").last)
        // Unknown signatures before and after the known one, one of them unparseable as Ed25519.
        let note = try GoNoteExample.text + "\n" + witnessLine + "\n" + GoNoteExample.signatureLine
            + "— other.example/k AAAAAAE=\n"
        let parsed = try SignedNote(parsing: note)
        #expect(parsed.signatures.map(\.name) == ["witness.example/w1", "PeterNeumann", "other.example/k"])
        #expect(parsed.serialized == note)
        try parsed.verify(with: NoteVerifierKey(parsing: GoNoteExample.verifierKey))
    }

    @Test func textMayContainBlankLines() throws {
        let key = try Ed25519PrivateKey()
        let text = "first\n\nthird\n\n"
        let note = try SignedNote.sign(text: text, name: "example.org/log", key: key)
        let parsed = try SignedNote(parsing: note.serialized)
        #expect(parsed.text == text)
        #expect(parsed == note)
        try parsed.verify(with: NoteVerifierKey(name: "example.org/log", publicKey: key.publicKey))
    }

    @Test(arguments: try [
        ("", 1),                                                          // nothing
        (GoNoteExample.text + GoNoteExample.signatureLine, 3),            // no blank line
        (String(GoNoteExample.note.dropLast()), 4),                       // no final newline
        (GoNoteExample.text + "\n", 3),                                   // no signature line
        ("\n" + GoNoteExample.signatureLine, 1),                          // empty text
        (GoNoteExample.text + "\n- PeterNeumann AAAAAAE=\n", 4),           // hyphen, not em dash
        (GoNoteExample.text + "\n—PeterNeumann AAAAAAE=\n", 4),            // no space after dash
        (GoNoteExample.text + "\n— Peter+Neumann AAAAAAE=\n", 4),          // "+" in name
        (GoNoteExample.text + "\n— PeterNeumann\n", 4),                    // no signature
        (GoNoteExample.text + "\n— PeterNeumann AAAAAA==\n", 4),           // key hash only
        (GoNoteExample.text + "\n— PeterNeumann AAAAAAE\n", 4),            // missing padding
        (GoNoteExample.text + "\n— PeterNeumann AAAAAAF=\n", 4),           // non-canonical base64
        (GoNoteExample.text + "\n— PeterNeumann AAAAAAE= \n", 4),          // trailing space
        (GoNoteExample.note + "— PeterNeumann !!!!\n", 5),                // second line bad
        ("If you think\r\n\n" + GoNoteExample.signatureLine, 1),          // carriage return
        ("tab\there\n\n" + GoNoteExample.signatureLine, 1),               // tab
    ])
    func malformedNotesAreRejectedWithTheirLine(note: String, line: Int) {
        let error = #expect(throws: TransparencyError.self) { try SignedNote(parsing: note) }
        guard case .malformedNote(let found, _, _) = error else {
            Issue.record("expected a malformed-note error, got \(String(describing: error))")
            return
        }
        #expect(found == line)
    }

    @Test func tooManySignaturesAreRejected() {
        let lines = String(repeating: "— k AAAAAAE=\n", count: SignedNote.maximumSignatures + 1)
        let error = #expect(throws: TransparencyError.self) { try SignedNote(parsing: "t\n\n" + lines) }
        guard case .malformedNote(let line, _, _) = error else {
            Issue.record("expected a malformed-note error")
            return
        }
        #expect(line == 3 + SignedNote.maximumSignatures)
    }

    @Test(arguments: [("no newline", "name"), ("a\r\n", "name"), ("text\n", "two words"), ("text\n", "a+b"), ("text\n", "")])
    func signingRefusesInvalidTextOrName(text: String, name: String) throws {
        let key = try Ed25519PrivateKey()
        #expect(throws: TransparencyError.self) { try SignedNote.sign(text: text, name: name, key: key) }
    }

    @Test func errorsNameTheLineAndTheFault() {
        let error = TransparencyError.malformedNote(line: 4, expected: "base64", found: "bad\r")
        #expect(error.description.contains("line 4"))
        #expect(error.description.contains(#""bad\r""#))
        let missing = TransparencyError.noSignature(keyName: "k", keyHash: 0x0a, signers: [])
        #expect(missing.description.contains("k+0000000a"))
    }
}
