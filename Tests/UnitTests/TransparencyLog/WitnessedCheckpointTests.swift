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

    /// The policy's own judgement: witnesses named by the policy (not by
    /// the key name), unknown cosigners ignored, a forged line refused.
    @Test func thePolicyNamesItsCosignersAndRefusesAForgedLine() throws {
        let keys = try Self.keys()
        let note = try CosignatureFixture.checkpointNote()
        let renamed = try WitnessPolicy(parsing: """
            witness first \(try CosignerKey(name: Self.names[0], publicKey: keys[0].publicKey).string)
            witness second \(try CosignerKey(name: Self.names[1], publicKey: keys[1].publicKey).string)
            quorum second

            """)
        let stranger = try CosignatureFixture.key(seed: 7)
        let lines = try [
            Cosignature.sign(checkpointBody: note.text, timestamp: 5, name: "stranger.example", key: stranger),
            Cosignature.sign(checkpointBody: note.text, timestamp: 6, name: Self.names[1], key: keys[1]),
        ].map(\.noteSignature)
        let cosigned = try SignedNote(text: note.text, signatures: note.signatures + lines)
        let witnessed = try renamed.witnessing(of: cosigned)
        #expect(witnessed.cosigners.map(\.witness) == ["second"])
        #expect(witnessed.cosigners.first?.cosignature.timestamp == 6)
        #expect(witnessed.isSatisfied)

        // The same key name and key ID over another text: a forged line.
        let forged = try Cosignature.sign(checkpointBody: note.text + "x\n", timestamp: 6, name: Self.names[0], key: keys[0])
        let bad = try SignedNote(text: note.text, signatures: note.signatures + [forged.noteSignature])
        #expect(throws: TransparencyError.self) { try renamed.witnessing(of: bad) }
    }

    @Test func aPolicyWithLogLinesAcceptsOnlyThoseLogs() throws {
        let log = try CosignatureFixture.key(seed: 11)
        let other = try CosignatureFixture.key(seed: 12)
        let logKey = try NoteVerifierKey(name: "log.example", publicKey: log.publicKey)
        let policy = try WitnessPolicy(parsing: "log \(logKey.string)\nquorum none\n")
        #expect(policy.acceptsLog(logKey))
        #expect(!policy.acceptsLog(try NoteVerifierKey(name: "log.example", publicKey: other.publicKey)))
        #expect(!policy.acceptsLog(try NoteVerifierKey(name: "other.example", publicKey: log.publicKey)))
        #expect(try WitnessPolicy(parsing: "quorum none\n").acceptsLog(logKey))
    }
}
