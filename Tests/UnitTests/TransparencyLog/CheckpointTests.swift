import CryptoPrimitives
import Foundation
import Testing
import TransparencyLog

@Suite struct CheckpointTests {
    static let root8 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="

    @Test func bodyOfTheRFC6962TestTree() throws {
        let checkpoint = try Checkpoint(
            origin: "example.org/registry", size: 8, rootHash: RFC6962Vectors.roots[8]
        )
        #expect(checkpoint.body == "example.org/registry\n8\n\(Self.root8)\n")
        #expect(try Checkpoint(parsingBody: checkpoint.body) == checkpoint)
    }

    @Test func specificationExampleRoundTrips() throws {
        let body = try C2SPCheckpointExample.body
        let checkpoint = try Checkpoint(parsingBody: body)
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20_852_163)
        #expect(checkpoint.extensionLines.isEmpty)
        #expect(checkpoint.body == body)
    }

    @Test func extensionLinesAndEmptyTreeRoundTrip() throws {
        let body = "example.org/registry\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nTimestamp: 1481241600\nsecond line\n"
        let checkpoint = try Checkpoint(parsingBody: body)
        #expect(checkpoint.size == 0)
        #expect(checkpoint.rootHash == MerkleTree.emptyRoot)
        #expect(checkpoint.extensionLines == ["Timestamp: 1481241600", "second line"])
        #expect(checkpoint.body == body)
    }

    @Test(arguments: [
        ("example.org/registry\n01\n\(root8)\n", 2),                       // leading zero
        ("example.org/registry\n-1\n\(root8)\n", 2),                       // negative
        ("example.org/registry\n+1\n\(root8)\n", 2),                       // sign
        ("example.org/registry\n 8\n\(root8)\n", 2),                       // space
        ("example.org/registry\n18446744073709551616\n\(root8)\n", 2),     // 2^64
        ("example.org/registry\n8\n!!!!\n", 3),                            // not base64
        ("example.org/registry\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n", 3),  // no padding
        ("example.org/registry\n8\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n", 3), // 31 bytes
        ("example.org/registry\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n", 3), // non-canonical
        ("example.org/registry\n8\n", 3),                                  // no root
        ("example.org/registry\n", 2),                                     // no size
        ("", 1),                                                           // nothing
        ("example.org/registry\n8\n\(root8)", 3),                          // no final newline
        ("\n8\n\(root8)\n", 1),                                            // empty origin
        ("example.org/registry\n8\n\(root8)\n\n", 4),                      // empty extension line
        ("example.org/registry\r\n8\n\(root8)\n", 1),                      // carriage return
    ])
    func malformedBodiesAreRejectedWithTheirLine(body: String, line: Int) {
        let error = #expect(throws: TransparencyError.self) { try Checkpoint(parsingBody: body) }
        guard case .malformedCheckpoint(let found, _, _) = error else {
            Issue.record("expected a malformed-checkpoint error, got \(String(describing: error))")
            return
        }
        #expect(found == line)
    }

    @Test func invalidFieldsCannotBeBuilt() {
        #expect(throws: TransparencyError.self) {
            try Checkpoint(origin: "", size: 0, rootHash: MerkleTree.emptyRoot)
        }
        #expect(throws: TransparencyError.self) {
            try Checkpoint(origin: "two\nlines", size: 0, rootHash: MerkleTree.emptyRoot)
        }
        #expect(throws: TransparencyError.self) {
            try Checkpoint(origin: "o", size: 0, rootHash: MerkleTree.emptyRoot, extensionLines: [""])
        }
    }

    @Test func signedCheckpointOpensWithTheLogKey() throws {
        let key = try Ed25519PrivateKey()
        let verifier = try NoteVerifierKey(name: "example.org/registry", publicKey: key.publicKey)
        let checkpoint = try Checkpoint(
            origin: "example.org/registry", size: 8, rootHash: RFC6962Vectors.roots[8]
        )
        let note = try checkpoint.signed(with: key).serialized
        #expect(note.hasPrefix(checkpoint.body + "\n— example.org/registry "))
        #expect(try Checkpoint(verifying: note, with: verifier) == checkpoint)
        #expect(try Checkpoint(verifying: note, with: verifier, expectedOrigin: "example.org/registry")
            == checkpoint)
        #expect(throws: TransparencyError.originMismatch(expected: "example.org/other", found: "example.org/registry")) {
            try Checkpoint(verifying: note, with: verifier, expectedOrigin: "example.org/other")
        }
    }

    @Test func alteredCheckpointIsRefusedBeforeItsBodyIsRead() throws {
        let key = try Ed25519PrivateKey()
        let verifier = try NoteVerifierKey(name: "example.org/registry", publicKey: key.publicKey)
        let checkpoint = try Checkpoint(
            origin: "example.org/registry", size: 8, rootHash: RFC6962Vectors.roots[8]
        )
        let note = try checkpoint.signed(with: key).serialized
        let grown = note.replacingFirst("\n8\n", with: "\n9\n")
        #expect(throws: TransparencyError.badSignature(
            keyName: "example.org/registry", keyHash: verifier.keyHash, line: 5
        )) {
            try Checkpoint(verifying: grown, with: verifier)
        }
        // A garbled body signed by nobody we know must not be parsed at all.
        let unsigned = "not a checkpoint\n\n— someone.else AAAAAAE=\n"
        #expect(throws: TransparencyError.noSignature(
            keyName: "example.org/registry", keyHash: verifier.keyHash, signers: ["someone.else+00000000"]
        )) {
            try Checkpoint(verifying: unsigned, with: verifier)
        }
    }

    @Test func keyNameMayDifferFromOrigin() throws {
        let key = try Ed25519PrivateKey()
        let checkpoint = try Checkpoint(origin: "Registry log 1", size: 0, rootHash: MerkleTree.emptyRoot)
        // The origin has spaces, which key names may not.
        #expect(throws: TransparencyError.self) { try checkpoint.signed(with: key) }
        let note = try checkpoint.signed(with: key, keyName: "example.org/registry")
        let verifier = try NoteVerifierKey(name: "example.org/registry", publicKey: key.publicKey)
        #expect(try Checkpoint(verifying: note.serialized, with: verifier) == checkpoint)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
