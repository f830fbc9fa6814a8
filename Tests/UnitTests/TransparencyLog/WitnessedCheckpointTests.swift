import CryptoPrimitives
import Testing
import TransparencyLog

/// A policy's witness keys verifying the cosignatures on a checkpoint, and
/// the quorum judged from the witnesses whose cosignatures verified: the
/// pieces a verifier with `--policy` puts together.
@Suite struct WitnessedCheckpointTests {
    static let names = ["w1.example/witness", "w2.example/witness", "w3.example/witness"]

    static func keys() throws -> [Ed25519PrivateKey] {
        try (1...3).map { try CosignatureFixture.key(seed: UInt8($0)) }
    }

    static func policy(_ keys: [Ed25519PrivateKey]) throws -> WitnessPolicy {
        var text = ""
        for (name, key) in zip(names, keys) {
            text += "witness \(name) \(try CosignerKey(name: name, publicKey: key.publicKey).string)\n"
        }
        text += "group two-of-three 2 \(names.joined(separator: " "))\nquorum two-of-three\n"
        return try WitnessPolicy(parsing: text)
    }

    /// The quorum of the checkpoint cosigned by the witnesses at `signers`.
    static func evaluate(cosignedBy signers: [Int]) throws -> QuorumEvaluation {
        let keys = try keys()
        let policy = try policy(keys)
        let note = try CosignatureFixture.checkpointNote()
        let lines = try signers.map { index in
            try Cosignature.sign(checkpointBody: note.text, timestamp: 1_700_000_000 + UInt64(index),
                                 name: names[index], key: keys[index]).noteSignature
        }
        let cosigned = try SignedNote(parsing: try SignedNote(text: note.text, signatures: note.signatures + lines).serialized)
        let cosignerKeys = policy.witnesses.compactMap(\.key.cosignerKey)
        #expect(cosignerKeys.count == 3, "every witness key of the policy is a cosigner key")
        let verified = try Cosignature.cosignatures(of: cosigned, by: cosignerKeys)
        return policy.evaluate(cosigners: Set(verified.map { PolicyName($0.name) }))
    }

    @Test func twoOfThreeCosignaturesMeetTheQuorum() throws {
        #expect(try Self.evaluate(cosignedBy: [0, 2]).isSatisfied)
        #expect(try Self.evaluate(cosignedBy: [0, 1, 2]).isSatisfied)
    }

    @Test func oneOfThreeFallsShortAndNamesTheMissing() throws {
        let evaluation = try Self.evaluate(cosignedBy: [1])
        #expect(!evaluation.isSatisfied)
        #expect(Set(evaluation.missingWitnesses) == [PolicyName(Self.names[0]), PolicyName(Self.names[2])])
        #expect(!(try Self.evaluate(cosignedBy: [])).isSatisfied)
    }

    @Test func aLogKeyIsNotACosignerKey() throws {
        let key = try CosignatureFixture.key(seed: 9)
        let logKey = try AnyVerifierKey(parsing: try NoteVerifierKey(name: "log.example", publicKey: key.publicKey).string)
        #expect(logKey.cosignerKey == nil)
        #expect(logKey.noteVerifierKey != nil)
    }
}
