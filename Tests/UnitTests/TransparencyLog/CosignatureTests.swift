import CryptoPrimitives
import Testing
import TransparencyLog

/// The values of c2sp.org/tlog-cosignature's examples, and a witness key
/// of known bytes: RFC 8032 section 7.1 TEST 1.
enum CosignatureFixture {
    static let origin = "example.com/behind-the-sofa"
    static let witnessName = "witness.example.com/w1"
    /// The spec's checkpoint body, and the time of its example cosignature.
    static let body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    static let time: UInt64 = 1_679_315_147

    static func rfc8032Key() throws -> Ed25519PrivateKey {
        let seed = try #require(Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        return try Ed25519PrivateKey(seed: seed)
    }

    static func key(seed: UInt8) throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32))
    }

    /// A checkpoint of `size` leaves signed by the log key of seed 0x11.
    static func checkpointNote(size: UInt64 = 20_852_163) throws -> SignedNote {
        let root = try #require(SHA256Digest(bytes: [UInt8](repeating: 0xAB, count: 32)))
        return try Checkpoint(origin: origin, size: size, rootHash: root).signed(with: key(seed: 0x11))
    }
}

@Suite struct CosignerKeyTests {
    /// The key hash as tlog-cosignature defines it, SHA-256(name ‖ 0x0A ‖
    /// 0x04 ‖ key)[:4], computed apart (Python hashlib) for the RFC 8032
    /// TEST 1 public key, and the vkey it gives.
    @Test func knownKeyHashAndVerifierKey() throws {
        let key = try CosignerKey(name: CosignatureFixture.witnessName, publicKey: CosignatureFixture.rfc8032Key().publicKey)
        #expect(key.keyHash == 0x7E6F_4AAA)
        #expect(key.string == "witness.example.com/w1+7e6f4aaa+BNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea")
        // The same key as a log key (type 0x01) has another key hash.
        let logKey = try NoteVerifierKey(name: CosignatureFixture.witnessName, publicKey: key.publicKey)
        #expect(logKey.keyHash == 0x9289_8DC2)
    }

    /// The key hash computed in the test from the spec's definition.
    @Test func keyHashFromSpecification() throws {
        let publicKey = try CosignatureFixture.key(seed: 0x42).publicKey
        let digest = SHA256.hash(Array("w.example/x".utf8) + [0x0A, 0x04] + publicKey.rawRepresentation)
        let expected = digest.bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(CosignerKey.keyHash(name: "w.example/x", publicKey: publicKey) == expected)
    }

    @Test func parsesWhatItPrints() throws {
        let key = try CosignerKey(name: "witness.example/w1", publicKey: CosignatureFixture.key(seed: 0x42).publicKey)
        #expect(try CosignerKey(parsing: key.string) == key)
    }

    /// A log's vkey (type 0x01), a wrong key hash and a cut key are refused.
    @Test func refusesOtherKeys() throws {
        let publicKey = try CosignatureFixture.rfc8032Key().publicKey
        let logKey = try NoteVerifierKey(name: "witness.example.com/w1", publicKey: publicKey)
        #expect(throws: TransparencyError.self) { try CosignerKey(parsing: logKey.string) }
        #expect(throws: TransparencyError.self) {
            try CosignerKey(parsing: "witness.example.com/w1+7e6f4aab+BNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea")
        }
        #expect(throws: TransparencyError.self) {
            try CosignerKey(parsing: "witness.example.com/w1+7e6f4aaa+BNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1E=")
        }
        #expect(throws: TransparencyError.self) { try CosignerKey(parsing: "witness.example.com/w1+7e6f4aaa") }
    }
}

@Suite struct CosignatureTests {
    /// The signed message of the spec's example, byte for byte.
    @Test func specificationSignedMessage() {
        let message = Cosignature.message(timestamp: CosignatureFixture.time, body: Array(CosignatureFixture.body.utf8))
        let expected = "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        #expect(message == Array(expected.utf8))
    }

    /// The spec's example cosignature line reads as key ID 8d66cf3f and the
    /// time of its example message (its key is not published, so its
    /// signature cannot be checked).
    @Test func specificationCosignatureLine() throws {
        let note = try SignedNote(parsing: CosignatureFixture.body + "\n"
            + "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
            + "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n")
        let cosignature = try Cosignature(note.signatures[1])
        #expect(cosignature.name == "witness.example.com/w1")
        #expect(cosignature.keyHash == 0x8D66_CF3F)
        #expect(cosignature.timestamp == CosignatureFixture.time)
        #expect(cosignature.noteSignature == note.signatures[1])
        // The log's signature is 64 bytes, not a cosignature's 72.
        #expect(throws: TransparencyError.self) { try Cosignature(note.signatures[0]) }
    }

    /// A known answer: the RFC 8032 TEST 1 key cosigning the spec's example
    /// checkpoint at the spec's time; the signature was computed apart
    /// (`openssl pkeyutl -sign -rawin` over the message of the test above).
    @Test func knownAnswerSignature() throws {
        let cosignature = try Cosignature.sign(
            checkpointBody: CosignatureFixture.body, timestamp: CosignatureFixture.time,
            name: CosignatureFixture.witnessName, key: CosignatureFixture.rfc8032Key()
        )
        let expected = try #require(Hex.decode(
            "f933e6878058b808ec611a2a3090966ff81625a79117f9269b9b650abf6c279e"
                + "c32c4aeeafb2b4c835dcd80acdf9322ea2db81fc76ee2f7009b29ddbbff68d09"
        ))
        #expect(cosignature.signature == expected)
        #expect(cosignature.keyHash == 0x7E6F_4AAA)
        let payload = [0x7E, 0x6F, 0x4A, 0xAA] + [0, 0, 0, 0, 0x64, 0x18, 0x50, 0xCB] + expected
        #expect(cosignature.line == "— witness.example.com/w1 \(Base64.encode(payload))\n")
    }

    /// Built by hand from the spec and checked with CryptoPrimitives alone.
    @Test func independentCheckFromSpecification() throws {
        let key = try CosignatureFixture.key(seed: 0x21)
        let note = try CosignatureFixture.checkpointNote()
        let cosignature = try Cosignature.sign(checkpointBody: note.text, timestamp: 1_700_000_000, name: "w.example/a", key: key)
        let line = cosignature.noteSignature
        #expect(line.signature.count == 72)
        #expect(Array(line.signature.prefix(8)) == [0, 0, 0, 0, 0x65, 0x53, 0xF1, 0x00])
        let message = Array(("cosignature/v1\n" + "time 1700000000\n" + note.text).utf8)
        #expect(key.publicKey.isValidSignature(Array(line.signature.dropFirst(8)), for: message))
        let digest = SHA256.hash(Array("w.example/a\n".utf8) + [0x04] + key.publicKey.rawRepresentation)
        #expect(line.keyHash == digest.bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    /// Signed, added to the note, written, parsed, and read back verified.
    @Test func roundTrip() throws {
        let witness = try CosignatureFixture.key(seed: 0x21)
        let witnessKey = try CosignerKey(name: "w.example/a", publicKey: witness.publicKey)
        let note = try CosignatureFixture.checkpointNote()
        let cosignature = try Cosignature.sign(checkpointBody: note.text, timestamp: 1_700_000_000, name: "w.example/a", key: witness)
        let cosigned = try SignedNote(text: note.text, signatures: note.signatures + [cosignature.noteSignature])
        let parsed = try SignedNote(parsing: cosigned.serialized)
        #expect(try Cosignature.cosignatures(of: parsed, by: [witnessKey]) == [cosignature])
        #expect(cosignature.isValid(for: note.text, by: witnessKey))
        // The note verifier works with a cosigner key too.
        #expect(try parsed.verify(with: witnessKey) == cosignature.noteSignature)
    }

    /// A changed time, body or key does not verify; a line naming the key
    /// that does not verify rejects the note, naming its line.
    @Test func tamperedCosignaturesRefused() throws {
        let witness = try CosignatureFixture.key(seed: 0x21)
        let witnessKey = try CosignerKey(name: "w.example/a", publicKey: witness.publicKey)
        let note = try CosignatureFixture.checkpointNote()
        let good = try Cosignature.sign(checkpointBody: note.text, timestamp: 1_700_000_000, name: "w.example/a", key: witness)

        let otherTime = try Cosignature(name: good.name, keyHash: good.keyHash, timestamp: good.timestamp + 1, signature: good.signature)
        #expect(!otherTime.isValid(for: note.text, by: witnessKey))
        let otherBody = try CosignatureFixture.checkpointNote(size: 20_852_164).text
        #expect(!good.isValid(for: otherBody, by: witnessKey))
        let impostor = try CosignerKey(name: "w.example/a", publicKey: CosignatureFixture.key(seed: 0x22).publicKey)
        #expect(!good.isValid(for: note.text, by: impostor))

        let tampered = try SignedNote(text: note.text, signatures: note.signatures + [otherTime.noteSignature])
        #expect(throws: TransparencyError.badSignature(keyName: "w.example/a", keyHash: witnessKey.keyHash, line: 6)) {
            try Cosignature.cosignatures(of: tampered, by: [witnessKey])
        }
        let moved = try SignedNote(text: otherBody, signatures: [good.noteSignature])
        #expect(throws: TransparencyError.badSignature(keyName: "w.example/a", keyHash: witnessKey.keyHash, line: 5)) {
            try Cosignature.cosignatures(of: moved, by: [witnessKey])
        }
    }

    /// Cosignatures by unknown keys and the log's own signature are ignored.
    @Test func unknownKeysIgnored() throws {
        let note = try CosignatureFixture.checkpointNote()
        let known = try CosignatureFixture.key(seed: 0x21)
        let knownKey = try CosignerKey(name: "w.example/a", publicKey: known.publicKey)
        let stranger = try Cosignature.sign(checkpointBody: note.text, timestamp: 5, name: "w.example/b", key: CosignatureFixture.key(seed: 0x23))
        // Same name as the known witness, another key: another key hash.
        let sameName = try Cosignature.sign(checkpointBody: note.text, timestamp: 6, name: "w.example/a", key: CosignatureFixture.key(seed: 0x24))
        let mine = try Cosignature.sign(checkpointBody: note.text, timestamp: 7, name: "w.example/a", key: known)
        let cosigned = try SignedNote(
            text: note.text,
            signatures: note.signatures + [stranger.noteSignature, sameName.noteSignature, mine.noteSignature]
        )
        #expect(try Cosignature.cosignatures(of: cosigned, by: [knownKey]) == [mine])
        #expect(try Cosignature.cosignatures(of: note, by: [knownKey]).isEmpty)
    }

    /// Times above 2^63 − 1 and texts that are not checkpoints are refused.
    @Test func refusesBadValues() throws {
        let key = try CosignatureFixture.key(seed: 0x21)
        #expect(throws: TransparencyError.self) {
            try Cosignature.sign(checkpointBody: CosignatureFixture.body, timestamp: 1 << 63, name: "w.example/a", key: key)
        }
        #expect(throws: TransparencyError.self) {
            try Cosignature.sign(checkpointBody: "not a checkpoint\n", timestamp: 1, name: "w.example/a", key: key)
        }
        #expect(throws: TransparencyError.self) {
            try Cosignature(name: "w.example/a", keyHash: 1, timestamp: 1, signature: [UInt8](repeating: 0, count: 63))
        }
    }
}
