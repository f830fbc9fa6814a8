import CryptoPrimitives
import Foundation
import Testing
import TestSupport
import TransparencyLog

/// Keys, checkpoints and proofs for the tests, from fixed seeds.
struct TlogProofFixture {
    let origin = "example.org/log"
    let logKey: Ed25519PrivateKey
    let verifier: NoteVerifierKey

    init(seed: UInt8 = 0x11) throws {
        logKey = try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32))
        verifier = try NoteVerifierKey(name: origin, publicKey: logKey.publicKey)
    }

    /// A cosignature-style line by another key: an Ed25519 signature of the
    /// text by `name`'s key, which a verifier without that key ignores.
    static func signature(of text: String, name: String, seed: UInt8) throws -> NoteSignature {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32))
        let hash = NoteVerifierKey.keyHash(name: name, publicKey: key.publicKey)
        return try NoteSignature(name: name, keyHash: hash, signature: key.signature(for: Array(text.utf8)))
    }

    /// The log's checkpoint of the tree of `leafHashes`, signed by the log
    /// and then by `witnesses` other keys.
    func note(size: UInt64, root: SHA256Digest, witnesses: Int = 0, origin: String? = nil) throws -> SignedNote {
        let checkpoint = try Checkpoint(origin: origin ?? self.origin, size: size, rootHash: root)
        let signed = try checkpoint.signed(with: logKey, keyName: origin ?? self.origin)
        let others = try (0..<witnesses).map { index in
            try Self.signature(of: signed.text, name: "witness\(index + 1).example", seed: UInt8(0x40 + index % 64))
        }
        return try SignedNote(text: signed.text, signatures: signed.signatures + others)
    }

    /// A proof of leaf `index` of `leaves`, the leaf itself as extra data.
    func proof(of index: Int, in leaves: [[UInt8]], witnesses: Int = 0) throws -> TlogProof {
        let hashes = leaves.map { MerkleTree.leafHash($0) }
        let path = try MerkleTree.inclusionProof(forLeafAt: UInt64(index), leafHashes: hashes)
        let note = try note(size: UInt64(leaves.count), root: MerkleTree.root(leafHashes: hashes), witnesses: witnesses)
        return try TlogProof(extra: leaves[index], index: UInt64(index), inclusionProof: path, checkpointNote: note)
    }

    static func leaves(_ count: Int) -> [[UInt8]] {
        (0..<count).map { Array("entry \($0)".utf8) }
    }
}

@Suite struct TlogProofFormatTests {
    /// The format example of c2sp.org/tlog-proof, built from its values: the
    /// extra data, index and hashes are the spec's; the checkpoint has its
    /// origin, size, root and signers, with real signatures in place of the
    /// spec's elided ones.
    @Test func specificationExampleStructure() throws {
        let extra = try #require(Base64.decode("YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ"))
        let hashes = try [
            "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=", "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=",
            "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=", "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=",
            "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=",
        ].map { try #require(Base64.decode($0).flatMap(SHA256Digest.init(bytes:))) }
        let root = try #require(Base64.decode("sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=").flatMap(SHA256Digest.init(bytes:)))
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x21, count: 32))
        let signed = try Checkpoint(origin: "example.com/fancylog", size: 109_482, rootHash: root).signed(with: key)
        let witnesses = try (1...3).map { try TlogProofFixture.signature(of: signed.text, name: "witness\($0).example", seed: UInt8($0)) }
        let note = try SignedNote(text: signed.text, signatures: signed.signatures + witnesses)
        let proof = try TlogProof(extra: extra, index: 73_894, inclusionProof: hashes, checkpointNote: note)

        let lines = String(decoding: proof.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(lines.prefix(13)) == [
            "c2sp.org/tlog-proof@v1",
            "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ",
            "index 73894",
            "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=",
            "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=",
            "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=",
            "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=",
            "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=",
            "",
            "example.com/fancylog",
            "109482",
            "sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=",
            "",
        ])
        #expect(lines.dropFirst(13).map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == [
            "— example.com/fancylog", "— witness1.example", "— witness2.example", "— witness3.example", "",
        ])
        #expect(Array(extra.prefix(30)) == Array("age-v1.2.1-darwin-arm64.tar.gz".utf8))
        let parsed = try TlogProof(parsing: proof.bytes)
        #expect(parsed == proof)
        #expect(parsed.checkpoint.origin == "example.com/fancylog")
        #expect(parsed.checkpoint.size == 109_482)
        // The spec's proof is illustrative: five hashes cannot prove an
        // index in a tree of 109,482 leaves.
        let verifier = try NoteVerifierKey(name: "example.com/fancylog", publicKey: key.publicKey)
        #expect(throws: TransparencyError.proofLength(expected: 17, found: 5)) {
            try parsed.verify(leafHash: MerkleTree.leafHash(extra), logKeys: [verifier])
        }
    }

    @Test func roundTripsByteForByte() throws {
        let fixture = try TlogProofFixture()
        let leaves = TlogProofFixture.leaves(13)
        for (index, witnesses) in [(0, 0), (5, 2), (12, 16)] {
            let proof = try fixture.proof(of: index, in: leaves, witnesses: witnesses)
            let parsed = try TlogProof(parsing: proof.bytes)
            #expect(parsed == proof)
            #expect(parsed.bytes == proof.bytes)
            #expect(parsed.checkpointNote.signatures.count == witnesses + 1)
        }
        // Without extra data, with no hashes (a tree of one leaf).
        let single = try fixture.note(size: 1, root: MerkleTree.leafHash(leaves[0]))
        let bare = try TlogProof(extra: nil, index: 0, inclusionProof: [], checkpointNote: single)
        let text = String(decoding: bare.bytes, as: UTF8.self)
        #expect(text.hasPrefix("c2sp.org/tlog-proof@v1\nindex 0\n\nexample.org/log\n1\n"))
        #expect(try TlogProof(parsing: bare.bytes) == bare)
        // Empty extra data is extra data.
        let empty = try TlogProof(extra: [], index: 0, inclusionProof: [], checkpointNote: single)
        #expect(String(decoding: empty.bytes, as: UTF8.self).hasPrefix("c2sp.org/tlog-proof@v1\nextra \nindex 0\n"))
        #expect(try TlogProof(parsing: empty.bytes).extra == [])
    }

    @Test func checkpointIsKeptVerbatimWithItsExtensionLines() throws {
        let fixture = try TlogProofFixture()
        let body = "example.org/log\n1\n\(MerkleTree.leafHash([0x61]).base64)\nchain-head 00\nsecond extension\n"
        let note = try SignedNote.sign(text: body, name: fixture.origin, key: fixture.logKey)
        let proof = try TlogProof(extra: [0x61], index: 0, inclusionProof: [], checkpointNote: note)
        #expect(proof.bytes.suffix(note.serialized.utf8.count).elementsEqual(note.serialized.utf8))
        #expect(proof.checkpoint.extensionLines == ["chain-head 00", "second extension"])
        _ = try proof.verify(leafHash: MerkleTree.leafHash([0x61]), logKeys: [fixture.verifier])
    }
}

@Suite struct TlogProofParsingTests {
    /// A valid proof's text, to break one line at a time: extra, index 1 of
    /// a tree of 3, two hashes, then the checkpoint (lines 6 to 10).
    static func validText() throws -> String {
        let fixture = try TlogProofFixture()
        return String(decoding: try fixture.proof(of: 1, in: TlogProofFixture.leaves(3)).bytes, as: UTF8.self)
    }

    static func lines() throws -> [String] {
        try validText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func replacing(line number: Int, with replacement: String?) throws -> [UInt8] {
        var lines = try lines()
        if let replacement { lines[number - 1] = replacement } else { lines.remove(at: number - 1) }
        return Array(lines.joined(separator: "\n").utf8)
    }

    static func expectRefusal(_ bytes: [UInt8], line expected: Int, _ comment: Comment) {
        do {
            _ = try TlogProof(parsing: bytes)
            Issue.record("accepted: \(comment)")
        } catch {
            guard case .malformedProof(let line, _, _) = error else {
                Issue.record("\(comment): \(error)")
                return
            }
            #expect(line == expected, comment)
            #expect(error.description.hasPrefix("proof line \(expected): expected "), comment)
        }
    }

    @Test func validTextHasTheExpectedShape() throws {
        let lines = try Self.lines()
        #expect(lines.count == 12)
        #expect(lines[0] == "c2sp.org/tlog-proof@v1")
        #expect(lines[1].hasPrefix("extra "))
        #expect(lines[2] == "index 1")
        #expect(lines[5] == "")
        #expect(lines[6] == "example.org/log")
        #expect(lines[9] == "")
        #expect(lines[10].hasPrefix("— example.org/log "))
        #expect(lines[11] == "")
        _ = try TlogProof(parsing: Array(try Self.validText().utf8))
    }

    @Test(arguments: [
        (1, "c2sp.org/tlog-proof@v2", "another version"),
        (1, "c2sp.org/tlog-proof@v1\r", "a carriage return"),
        (1, " c2sp.org/tlog-proof@v1", "a leading space"),
        (2, "extra !!!!", "extra data that is not base64"),
        (2, "extra YQ=", "extra data not padded"),
        (2, "extra YR==", "extra data with padding bits set"),
        (2, "extra  YQ==", "two spaces after extra"),
        (2, "extras YQ==", "another keyword"),
        (3, "index 01", "a leading zero"),
        (3, "index -1", "a negative index"),
        (3, "index +1", "a sign"),
        (3, "index 1 ", "a trailing space"),
        (3, "index ", "no index"),
        (3, "index 18446744073709551616", "an index of 2^64"),
        (3, "Index 1", "a capital letter"),
        (4, "not a hash", "a hash that is not base64"),
        (4, "AAAA", "a hash of 3 bytes"),
        (4, Data(count: 33).base64EncodedString(), "a hash of 33 bytes"),
        (4, Data(count: 32).base64EncodedString() + " ", "a hash with a space"),
    ])
    func malformedLineIsNamed(line: Int, replacement: String, why: String) throws {
        Self.expectRefusal(try Self.replacing(line: line, with: replacement), line: line, "\(why)")
    }

    @Test func missingAndMisplacedLinesAreNamed() throws {
        Self.expectRefusal([], line: 1, "an empty file")
        Self.expectRefusal(Array("c2sp.org/tlog-proof@v1".utf8), line: 1, "no newline after the first line")
        Self.expectRefusal(Array("c2sp.org/tlog-proof@v1\n".utf8), line: 2, "nothing after the first line")
        Self.expectRefusal(try Self.replacing(line: 3, with: nil), line: 3, "no index line")
        // Without the extra line, the index is line 2.
        Self.expectRefusal(Array(try Self.replacing(line: 2, with: "index x")), line: 2, "a bad index on line 2")
        Self.expectRefusal(try Self.replacing(line: 2, with: "extra"), line: 2, "extra without its space")
        // No empty line: the checkpoint's origin is read as a hash.
        Self.expectRefusal(try Self.replacing(line: 6, with: nil), line: 6, "no empty line before the checkpoint")
        let head = try Self.lines().prefix(5).joined(separator: "\n") + "\n"
        Self.expectRefusal(Array(head.utf8), line: 6, "the end of the file after the hashes")
        Self.expectRefusal(Array((head + "\n").utf8), line: 7, "nothing after the empty line")
    }

    @Test func checkpointFaultsAreNamedByTheirLineInTheProof() throws {
        // The checkpoint's size (line 8), root (line 9), its blank line and
        // signature (lines 10 and 11), counted in the proof.
        Self.expectRefusal(try Self.replacing(line: 8, with: "03"), line: 8, "a size with a leading zero")
        Self.expectRefusal(try Self.replacing(line: 9, with: "not base64"), line: 9, "a root that is not base64")
        Self.expectRefusal(try Self.replacing(line: 11, with: "— example.org/log"), line: 11, "a signature line without a signature")
        Self.expectRefusal(try Self.replacing(line: 11, with: "-- example.org/log AAAAAAAA"), line: 11, "a signature line without an em dash")
        Self.expectRefusal(try Self.replacing(line: 10, with: nil), line: 10, "no blank line before the signatures")
        Self.expectRefusal(try Self.replacing(line: 7, with: "example.org/log\r"), line: 7, "a carriage return in the origin")
        // Not UTF-8: named at the first checkpoint line.
        var bytes = Array(try Self.validText().utf8)
        let origin = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("example.org/log\n".utf8)) })
        bytes[origin] = 0xFF
        Self.expectRefusal(bytes, line: 7, "a byte that is not UTF-8")
    }

    @Test func atMostSixtyFourHashes() throws {
        let fixture = try TlogProofFixture()
        let note = try fixture.note(size: 1, root: MerkleTree.emptyRoot)
        let hashes = (0..<64).map { MerkleTree.leafHash([UInt8($0)]) }
        let longest = try TlogProof(extra: nil, index: 0, inclusionProof: hashes, checkpointNote: note)
        #expect(try TlogProof(parsing: longest.bytes).inclusionProof.count == TlogProof.maximumProofHashes)
        #expect(throws: TransparencyError.self) {
            try TlogProof(extra: nil, index: 0, inclusionProof: hashes + [hashes[0]], checkpointNote: note)
        }
        var lines = String(decoding: longest.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(hashes[0].base64, at: 2)
        // Line 1, the index, 64 hashes: the 65th hash is line 67.
        Self.expectRefusal(Array(lines.joined(separator: "\n").utf8), line: 67, "a 65th hash")
    }

    @Test func sizeIsBounded() throws {
        let fixture = try TlogProofFixture()
        let note = try fixture.note(size: 1, root: MerkleTree.emptyRoot)
        let bare = try TlogProof(extra: [], index: 0, inclusionProof: [], checkpointNote: note).bytes.count
        // Extra data whose base64 fills the proof to the limit exactly.
        let room = (TlogProof.maximumByteCount - bare) / 4 * 3
        let largest = try TlogProof(extra: [UInt8](repeating: 0x61, count: room), index: 0, inclusionProof: [], checkpointNote: note)
        #expect(largest.bytes.count <= TlogProof.maximumByteCount)
        #expect(largest.bytes.count > TlogProof.maximumByteCount - 4)
        #expect(try TlogProof(parsing: largest.bytes) == largest)
        #expect(throws: TransparencyError.self) {
            try TlogProof(extra: [UInt8](repeating: 0x61, count: room + 3), index: 0, inclusionProof: [], checkpointNote: note)
        }
        let oversized = largest.bytes + [UInt8](repeating: 0x0A, count: TlogProof.maximumByteCount + 1 - largest.bytes.count)
        #expect(throws: TransparencyError.proofTooLarge(byteCount: TlogProof.maximumByteCount + 1, limit: TlogProof.maximumByteCount)) {
            try TlogProof(parsing: oversized)
        }
    }

    @Test func signatureCountFollowsTheProjectRule() throws {
        let fixture = try TlogProofFixture()
        let leaves = TlogProofFixture.leaves(4)
        // 16 (the least the spec asks verifiers to accept) and 100 (the most
        // this project accepts) parse and verify; 101 is refused.
        for witnesses in [15, 99] {
            let proof = try fixture.proof(of: 2, in: leaves, witnesses: witnesses)
            let verified = try TlogProof(parsing: proof.bytes)
                .verify(leafHash: MerkleTree.leafHash(leaves[2]), logKeys: [fixture.verifier])
            #expect(verified.otherSignatures.count == witnesses)
        }
        let tooMany = try fixture.proof(of: 2, in: leaves, witnesses: SignedNote.maximumSignatures)
        #expect(tooMany.checkpointNote.signatures.count == 101)
        do {
            _ = try TlogProof(parsing: tooMany.bytes)
            Issue.record("a checkpoint with 101 signatures was accepted")
        } catch {
            guard case .malformedProof(let line, let expected, _) = error else {
                Issue.record("\(error)")
                return
            }
            // Lines 1 to 5, the empty line, three checkpoint lines, the blank
            // line, then 100 signatures: the 101st is line 111.
            #expect(line == 111)
            #expect(expected.contains("at most 100 signatures"))
        }
    }
}

@Suite struct TlogProofVerificationTests {
    let fixture: TlogProofFixture
    let leaves = TlogProofFixture.leaves(11)

    init() throws {
        fixture = try TlogProofFixture()
    }

    func verify(_ proof: TlogProof, leaf: [UInt8]? = nil, keys: [any NoteVerifier]? = nil) throws -> TlogProof.Verification {
        try proof.verify(leafHash: MerkleTree.leafHash(leaf ?? proof.extra ?? []), logKeys: keys ?? [fixture.verifier])
    }

    @Test func everyLeafOfTheTreeVerifies() throws {
        for index in leaves.indices {
            let proof = try TlogProof(parsing: try fixture.proof(of: index, in: leaves, witnesses: 1).bytes)
            let verified = try verify(proof)
            #expect(verified.checkpoint.size == 11)
            #expect(verified.logSignature.name == fixture.origin)
            #expect(verified.otherSignatures.map(\.name) == ["witness1.example"])
        }
    }

    @Test func rfc9162PublishedProofsVerify() throws {
        let leaves = try RFC6962Vectors.leaves
        let roots = try RFC6962Vectors.roots
        for (index, size, expected) in try RFC6962Vectors.inclusionProofs {
            let path = expected.map(RFC6962Vectors.digest)
            let note = try fixture.note(size: UInt64(size), root: roots[size])
            let proof = try TlogProof(parsing: TlogProof(extra: leaves[index], index: UInt64(index),
                                                         inclusionProof: path, checkpointNote: note).bytes)
            #expect(proof.inclusionProof == path)
            _ = try verify(proof)
            // Another leaf of the test tree at the same place does not.
            if size > 1 {
                #expect(throws: TransparencyError.self) { try verify(proof, leaf: leaves[(index + 1) % size]) }
            }
        }
    }

    @Test func wrongLogKeyIsRefused() throws {
        let proof = try fixture.proof(of: 3, in: leaves)
        // Same name, another key: no signature by it.
        let other = try TlogProofFixture(seed: 0x12)
        #expect {
            try verify(proof, keys: [other.verifier])
        } throws: { error in
            guard case TransparencyError.noSignature(let name, _, let signers) = error else { return false }
            return name == fixture.origin && signers == [fixture.verifier.string.split(separator: "+").prefix(2).joined(separator: "+")]
        }
    }

    @Test func wrongOriginIsRefused() throws {
        let proof = try fixture.proof(of: 3, in: leaves)
        let elsewhere = try NoteVerifierKey(name: "example.org/other-log", publicKey: fixture.logKey.publicKey)
        #expect(throws: TransparencyError.originMismatch(expected: "example.org/other-log", found: fixture.origin)) {
            try verify(proof, keys: [elsewhere])
        }
    }

    @Test func signatureByTheLogKeyThatFailsIsRefusedWithItsLine() throws {
        let proof = try fixture.proof(of: 3, in: leaves, witnesses: 1)
        var signatures = proof.checkpointNote.signatures
        var forged = signatures[0].signature
        forged[0] ^= 1
        signatures.insert(try NoteSignature(name: fixture.origin, keyHash: fixture.verifier.keyHash, signature: forged), at: 1)
        let note = try SignedNote(text: proof.checkpointNote.text, signatures: signatures)
        let tampered = try TlogProof(extra: proof.extra, index: proof.index, inclusionProof: proof.inclusionProof, checkpointNote: note)
        // Lines 1-3, four hashes, the empty line, the checkpoint's three
        // lines and blank line: the second signature is line 14.
        #expect(tampered.inclusionProof.count == 4)
        #expect(throws: TransparencyError.badSignature(keyName: fixture.origin, keyHash: fixture.verifier.keyHash, line: 14)) {
            try verify(tampered)
        }
    }

    @Test func rotatedLogKeysAndUnknownSignatures() throws {
        let proof = try fixture.proof(of: 7, in: leaves, witnesses: 3)
        let retired = try NoteVerifierKey(name: fixture.origin, publicKey: try TlogProofFixture(seed: 0x13).logKey.publicKey)
        let unrelated = try NoteVerifierKey(name: "example.org/unrelated", publicKey: fixture.logKey.publicKey)
        let verified = try verify(proof, keys: [unrelated, retired, fixture.verifier])
        #expect(verified.logSignature.keyHash == fixture.verifier.keyHash)
        #expect(verified.otherSignatures.map(\.name) == ["witness1.example", "witness2.example", "witness3.example"])
        // A signature that shares the log key's name but not its hash is
        // someone else's, and ignored.
        var signatures = proof.checkpointNote.signatures
        signatures.append(try NoteSignature(name: fixture.origin, keyHash: fixture.verifier.keyHash ^ 1, signature: [1, 2, 3]))
        let note = try SignedNote(text: proof.checkpointNote.text, signatures: signatures)
        let more = try TlogProof(extra: proof.extra, index: proof.index, inclusionProof: proof.inclusionProof, checkpointNote: note)
        #expect(try verify(more).otherSignatures.count == 4)
    }

    @Test func tamperedProofHashIsRefused() throws {
        let proof = try fixture.proof(of: 4, in: leaves)
        for position in proof.inclusionProof.indices {
            var path = proof.inclusionProof
            var bytes = path[position].bytes
            bytes[31] ^= 0x80
            path[position] = try #require(SHA256Digest(bytes: bytes))
            let tampered = try TlogProof(extra: proof.extra, index: proof.index, inclusionProof: path, checkpointNote: proof.checkpointNote)
            do {
                _ = try verify(tampered)
                Issue.record("a proof with hash \(position) altered verified")
            } catch {
                guard case .rootMismatch? = error as? TransparencyError else { Issue.record("\(error)"); continue }
            }
        }
    }

    @Test func tamperedExtraIsRefused() throws {
        let proof = try fixture.proof(of: 4, in: leaves)
        var extra = try #require(proof.extra)
        extra[extra.count - 1] ^= 1
        let tampered = try TlogProof(extra: extra, index: proof.index, inclusionProof: proof.inclusionProof, checkpointNote: proof.checkpointNote)
        let reparsed = try TlogProof(parsing: tampered.bytes)
        #expect {
            try verify(reparsed)
        } throws: { error in
            if case TransparencyError.rootMismatch(let size, _, _) = error { return size == 11 }
            return false
        }
    }

    @Test func indexOutOfRangeAndWrongLengthAreRefused() throws {
        let proof = try fixture.proof(of: 10, in: leaves)
        let outside = try TlogProof(extra: proof.extra, index: 11, inclusionProof: proof.inclusionProof, checkpointNote: proof.checkpointNote)
        #expect(throws: TransparencyError.leafIndexOutOfRange(index: 11, treeSize: 11)) { try verify(outside) }
        let short = try TlogProof(extra: proof.extra, index: 10, inclusionProof: Array(proof.inclusionProof.dropLast()),
                                  checkpointNote: proof.checkpointNote)
        #expect(throws: TransparencyError.proofLength(expected: proof.inclusionProof.count, found: proof.inclusionProof.count - 1)) {
            try verify(short)
        }
        let long = try TlogProof(extra: proof.extra, index: 10, inclusionProof: proof.inclusionProof + [MerkleTree.emptyRoot],
                                 checkpointNote: proof.checkpointNote)
        #expect(throws: TransparencyError.proofLength(expected: proof.inclusionProof.count, found: proof.inclusionProof.count + 1)) {
            try verify(long)
        }
        // The right hashes at the wrong index.
        let moved = try TlogProof(extra: proof.extra, index: 9, inclusionProof: proof.inclusionProof, checkpointNote: proof.checkpointNote)
        #expect(throws: TransparencyError.self) { try verify(moved) }
    }
}

/// RFC 9162 section 2.1.3 inclusion verification written again from the
/// RFC's definition of the audit path, PATH(m, D[n]), independently of the
/// library (whose verifier follows the iterative algorithm of 2.1.3.2): the
/// last hash of a path is the sibling of the subtree holding the leaf at the
/// top split, k the largest power of two below n.
enum HoldoutInclusion {
    static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        SHA256.hash([0x01] + left + right).bytes
    }

    /// The root that `path` leads to from `leaf` at `m` in a tree of `n`
    /// leaves, or nil when the path has the wrong length.
    static func root(leaf: [UInt8], m: UInt64, n: UInt64, path: ArraySlice<[UInt8]>) -> [UInt8]? {
        guard m < n else { return nil }
        if n == 1 { return path.isEmpty ? leaf : nil }
        guard let top = path.last else { return nil }
        var k: UInt64 = 1
        while k * 2 < n { k *= 2 }
        if m < k {
            return root(leaf: leaf, m: m, n: k, path: path.dropLast()).map { node($0, top) }
        }
        return root(leaf: leaf, m: m - k, n: n - k, path: path.dropLast()).map { node(top, $0) }
    }

    static func accepts(leaf: SHA256Digest, index: UInt64, size: UInt64, path: [SHA256Digest], root expected: SHA256Digest) -> Bool {
        root(leaf: leaf.bytes, m: index, n: size, path: path.map(\.bytes)[...]) == expected.bytes
    }
}

@Suite struct TlogProofHoldoutTests {
    /// Random trees, random leaves, random tampering: the library's
    /// verification of a tlog proof accepts exactly what the independent
    /// implementation accepts.
    @Test func libraryAgreesWithTheIndependentVerifier() throws {
        var random = SeededGenerator(seed: 9162)
        let fixture = try TlogProofFixture()
        var accepted = 0, refused = 0
        for _ in 0..<120 {
            let size = Int.random(in: 1...300, using: &random)
            let hashes = (0..<size).map { _ in MerkleTree.leafHash(random.bytes(8)) }
            let root = MerkleTree.root(leafHashes: hashes)
            let note = try fixture.note(size: UInt64(size), root: root)
            let index = Int.random(in: 0..<size, using: &random)
            let path = try MerkleTree.inclusionProof(forLeafAt: UInt64(index), leafHashes: hashes)
            #expect(HoldoutInclusion.accepts(leaf: hashes[index], index: UInt64(index), size: UInt64(size), path: path, root: root))

            var leaf = hashes[index]
            var claimed = UInt64(index)
            var claimedPath = path
            switch Int.random(in: 0..<5, using: &random) {
            case 0: break
            case 1 where !path.isEmpty:
                let position = Int.random(in: path.indices, using: &random)
                var bytes = path[position].bytes
                bytes[Int.random(in: 0..<32, using: &random)] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
                claimedPath[position] = try #require(SHA256Digest(bytes: bytes))
            case 2: claimed = UInt64.random(in: 0..<UInt64(size + 2), using: &random)
            case 3: leaf = hashes[Int.random(in: 0..<size, using: &random)]
            default:
                claimedPath = Bool.random(using: &random) ? Array(path.dropLast()) : path + [hashes[0]]
            }
            let proof = try TlogProof(parsing: TlogProof(extra: nil, index: claimed, inclusionProof: claimedPath,
                                                         checkpointNote: note).bytes)
            let library = (try? proof.verify(leafHash: leaf, logKeys: [fixture.verifier])) != nil
            let holdout = HoldoutInclusion.accepts(leaf: leaf, index: claimed, size: UInt64(size), path: claimedPath, root: root)
            #expect(library == holdout, "size \(size), index \(index) claimed at \(claimed)")
            if library { accepted += 1 } else { refused += 1 }
        }
        // Both outcomes were exercised.
        #expect(accepted > 20)
        #expect(refused > 20)
    }

    /// The library's roots (computed level by level) equal the RFC's
    /// recursive definition, MTH(D[n]) = H(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])),
    /// for every size up to 300.
    @Test func rootsAgreeWithTheRecursiveDefinition() {
        func mth(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
            if leaves.count == 1 { return leaves[leaves.startIndex] }
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            return HoldoutInclusion.node(mth(leaves.prefix(k)), mth(leaves.dropFirst(k)))
        }
        let hashes = RFC6962Vectors.syntheticLeafHashes(300)
        for size in 1...300 {
            #expect(MerkleTree.root(leafHashes: Array(hashes.prefix(size))).bytes == mth(hashes.prefix(size).map(\.bytes)[...]),
                    "size \(size)")
        }
    }
}
