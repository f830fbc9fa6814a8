import CryptoPrimitives
import Foundation
import Testing
import TransparencyLog

@Suite struct AddCheckpointRequestTests {
    /// The example request body of c2sp.org/tlog-witness, byte for byte.
    static let specificationRequest = """
        old 20852014
        PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
        jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
        5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
        /6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

        example.com/behind-the-sofa
        20852163
        CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

        — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
        — example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=

        """

    @Test func specificationExample() throws {
        let bytes = Array(Self.specificationRequest.utf8)
        let request = try AddCheckpointRequest(parsing: bytes)
        #expect(request.oldSize == 20_852_014)
        #expect(request.consistencyProof.map(\.base64) == [
            "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=", "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=",
            "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=", "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=",
        ])
        #expect(request.checkpoint.origin == "example.com/behind-the-sofa")
        #expect(request.checkpoint.size == 20_852_163)
        #expect(request.checkpointNote.signatures.count == 2)
        #expect(request.bytes == bytes)
    }

    @Test func roundTrip() throws {
        let note = try CosignatureFixture.checkpointNote(size: 7)
        let hashes = try (1...3).map { try #require(SHA256Digest(bytes: [UInt8](repeating: $0, count: 32))) }
        for proof in [[], hashes] {
            let request = try AddCheckpointRequest(oldSize: proof.isEmpty ? 0 : 4, consistencyProof: proof, checkpointNote: note)
            #expect(try AddCheckpointRequest(parsing: request.bytes) == request)
        }
    }

    /// 63 proof lines are read; a 64th is refused on its line, 65 (the old
    /// size is line 1, the 63 allowed hashes lines 2 to 64).
    @Test func proofLineLimit() throws {
        let note = try CosignatureFixture.checkpointNote()
        let hash = try #require(SHA256Digest(bytes: [UInt8](repeating: 7, count: 32)))
        let request = try AddCheckpointRequest(oldSize: 1, consistencyProof: Array(repeating: hash, count: 63), checkpointNote: note)
        #expect(try AddCheckpointRequest(parsing: request.bytes).consistencyProof.count == 63)
        #expect(throws: TransparencyError.self) {
            try AddCheckpointRequest(oldSize: 1, consistencyProof: Array(repeating: hash, count: 64), checkpointNote: note)
        }
        let tooMany = "old 1\n" + String(repeating: hash.base64 + "\n", count: 64) + "\n" + note.serialized
        #expect(lineOfError(tooMany) == 65)
    }

    /// Each fault is named by its line.
    @Test func faultsNamedByLine() throws {
        let note = try CosignatureFixture.checkpointNote().serialized
        let hash = try #require(SHA256Digest(bytes: [UInt8](repeating: 7, count: 32))).base64
        // Leading zeros, a missing size, another word, a size past 64 bits.
        #expect(lineOfError("old 012\n\n" + note) == 1)
        #expect(lineOfError("old 00\n\n" + note) == 1)
        #expect(lineOfError("old \n\n" + note) == 1)
        #expect(lineOfError("new 12\n\n" + note) == 1)
        #expect(lineOfError("old 18446744073709551616\n\n" + note) == 1)
        // Bad base64: not canonical, a short hash, the URL-safe alphabet.
        #expect(lineOfError("old 12\n\(hash)\n\(hash.dropLast())\n\n" + note) == 3)
        #expect(lineOfError("old 12\nAAAA\n\n" + note) == 2)
        #expect(lineOfError("old 12\n\(hash.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").dropLast())_\n\n" + note) == 2)
        // No empty line: the checkpoint's origin is read as a proof hash.
        #expect(lineOfError("old 12\n\(hash)\n" + note) == 3)
        // Nothing after the empty line, and a checkpoint cut short.
        #expect(lineOfError("old 12\n\n") == 3)
        #expect(lineOfError("old 12") == 1)
        // A fault inside the checkpoint, counted in the request: its size.
        let badSize = note.replacingOccurrences(of: "\n20852163\n", with: "\n020852163\n")
        #expect(lineOfError("old 12\n\(hash)\n\n" + badSize) == 5)
    }

    @Test func sizeBound() throws {
        let huge = [UInt8](repeating: 0x41, count: AddCheckpointRequest.maximumByteCount + 1)
        #expect(throws: TransparencyError.witnessBodyTooLarge(
            body: "add-checkpoint request", byteCount: huge.count, limit: AddCheckpointRequest.maximumByteCount
        )) {
            try AddCheckpointRequest(parsing: huge)
        }
    }

    private func lineOfError(_ text: String) -> Int? {
        do throws(TransparencyError) {
            _ = try AddCheckpointRequest(parsing: Array(text.utf8))
            return nil
        } catch {
            guard case .malformedWitnessBody("add-checkpoint request", let line, _, _) = error else { return nil }
            return line
        }
    }
}

@Suite struct AddCheckpointResponseTests {
    /// The example response body of c2sp.org/tlog-witness, byte for byte.
    static let specificationResponse = """
        — witness.example/w1 CMp+6LWBU0anHGH5aNDTJkH/gj79sG+T6+iP2ThYN5krrDJbR1HDnucjL39QsZTSvVjyQLrdk3DXDqI5G2HgLatVs0pWh6Up69HVOw==
        — witness.example/w1 I7rEps0pvK2UqkS2gSpVUDhrhVtQV9lgF6pRrWAvjJHjyWpW7VcE3SiOlVlbQNt64vWhO+DlkL0+UfzuOBMh9ChdMkP1vi/lCAsmlw==
        — witness.example/w2 AWui8Sk55XjYLOijihBjhqEH6nS1ndDymE0a+6idX7pLcnoB+dhnz0854aLZgrrKbYKA7nC3HNJhm/kWl7oJlqU3rXXvpysAdyP3wQ==

        """

    @Test func specificationExample() throws {
        let bytes = Array(Self.specificationResponse.utf8)
        let response = try AddCheckpointResponse(parsing: bytes)
        #expect(response.signatures.map(\.signer) == [
            "witness.example/w1+08ca7ee8", "witness.example/w1+23bac4a6", "witness.example/w2+016ba2f1",
        ])
        #expect(response.bytes == bytes)
        // The example's bytes are placeholders: the first two lines' times
        // exceed 2^63 − 1, so they are not Ed25519 cosignatures.
        #expect(throws: TransparencyError.self) { try Cosignature(response.signatures[0]) }
        #expect(try Cosignature(response.signatures[2]).timestamp == 2_970_657_736_413_210_787)
    }

    @Test func roundTripAndVerification() throws {
        let note = try CosignatureFixture.checkpointNote()
        let witness = try CosignatureFixture.key(seed: 0x21)
        let witnessKey = try CosignerKey(name: "w.example/a", publicKey: witness.publicKey)
        let mine = try Cosignature.sign(checkpointBody: note.text, timestamp: 9, name: "w.example/a", key: witness)
        let other = try Cosignature.sign(checkpointBody: note.text, timestamp: 9, name: "w.example/b", key: CosignatureFixture.key(seed: 0x23))
        let response = try AddCheckpointResponse(cosignatures: [other, mine])
        let parsed = try AddCheckpointResponse(parsing: response.bytes)
        #expect(parsed == response)
        #expect(try parsed.cosignatures(of: note, by: [witnessKey]) == [mine])
        // For another checkpoint the line names the key but does not verify.
        let later = try CosignatureFixture.checkpointNote(size: 20_852_164)
        #expect(throws: TransparencyError.badSignature(keyName: "w.example/a", keyHash: witnessKey.keyHash, line: 2)) {
            try parsed.cosignatures(of: later, by: [witnessKey])
        }
    }

    @Test func faultsNamedByLine() throws {
        let line = try Cosignature.sign(
            checkpointBody: CosignatureFixture.body, timestamp: 9, name: "w.example/a", key: CosignatureFixture.key(seed: 0x21)
        ).line
        for (text, expectedLine) in [("", 1), ("\n", 1), (line + "\n", 2), (line + "- w.example/a AAAA\n", 2),
                                     (String(line.dropLast()), 1), (line + line.dropLast(2) + "\n", 2)] {
            do throws(TransparencyError) {
                _ = try AddCheckpointResponse(parsing: Array(text.utf8))
                Issue.record("parsed \(String(reflecting: text))")
            } catch {
                guard case .malformedWitnessBody("add-checkpoint response", let found, _, _) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(found == expectedLine, "\(String(reflecting: text))")
            }
        }
    }
}

@Suite struct CosignedTreeSizeTests {
    @Test func roundTrip() throws {
        #expect(CosignedTreeSize.contentType == "text/x.tlog.size")
        for size: UInt64 in [0, 1, 20_852_014, .max] {
            let body = CosignedTreeSize(size: size)
            #expect(body.bytes == Array("\(size)\n".utf8))
            #expect(try CosignedTreeSize(parsing: body.bytes) == body)
        }
    }

    @Test func refusesOtherBodies() {
        for text in ["", "12", "012\n", "00\n", "-1\n", "12\n\n", "12 \n", "18446744073709551616\n", "1\r\n", "+1\n"] {
            #expect(throws: TransparencyError.self, "\(String(reflecting: text))") {
                try CosignedTreeSize(parsing: Array(text.utf8))
            }
        }
    }
}
