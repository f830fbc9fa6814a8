import CryptoPrimitives
import Foundation
import TransparencyLog

/// Three test witnesses (fixed keys), a c2sp.org/tlog-policy that asks for
/// two of them, and the cosignatures they add to a registry's (or a site's)
/// `checkpoint` file, made in-process with `Cosignature.sign`: what the
/// tests of verification with a policy need without running witnesses.
///
/// Witnesses are named `w1`, `w2`, `w3` in the policy and sign under the key
/// names `w1.example/witness`..., so a report can be seen to show both.
public struct TestWitnesses: Sendable {
    /// The witnesses' names in the policy.
    public static let policyNames = ["w1", "w2", "w3"]
    /// Their key names.
    public static let keyNames = ["w1.example/witness", "w2.example/witness", "w3.example/witness"]
    /// The group's name, which the quorum names.
    public static let group = "two-of-three"
    /// The time the cosignatures carry unless told otherwise: 2023-11-14T22:13:20Z.
    public static let timestamp: UInt64 = 1_700_000_000

    /// The witnesses' private keys.
    public let keys: [Ed25519PrivateKey]

    /// The three witnesses, keys from fixed seeds (0xA1, 0xA2, 0xA3 repeated).
    public init() throws {
        keys = try (1...3).map { try Ed25519PrivateKey(seed: [UInt8](repeating: 0xA0 + UInt8($0), count: 32)) }
    }

    /// Witness `index`'s cosigner key (vkey type 0x04).
    public func cosignerKey(_ index: Int) throws -> CosignerKey {
        try CosignerKey(name: Self.keyNames[index], publicKey: keys[index].publicKey)
    }

    /// A policy: `logKeys` as `log` lines, the three witnesses, `group
    /// two-of-three 2 w1 w2 w3`, and `quorum` (the group unless told).
    public func policyText(logKeys: [String] = [], quorum: String = TestWitnesses.group) throws -> String {
        var text = "# Three test witnesses; two must cosign.\n"
        for key in logKeys { text += "log \(key)\n" }
        for index in 0..<3 {
            text += "witness \(Self.policyNames[index]) \(try cosignerKey(index).string) https://\(Self.keyNames[index])/add-checkpoint\n"
        }
        text += "group \(Self.group) 2 \(Self.policyNames.joined(separator: " "))\n"
        text += "quorum \(quorum)\n"
        return text
    }

    /// Writes the policy to `path`.
    public func writePolicy(to path: String, logKeys: [String] = [], quorum: String = TestWitnesses.group) throws {
        try Data(try policyText(logKeys: logKeys, quorum: quorum).utf8).write(to: URL(fileURLWithPath: path))
    }

    /// `note` with cosignature lines by the witnesses at `indices` appended,
    /// as a registrar appends what its witnesses return.
    public func cosign(_ note: [UInt8], by indices: [Int], timestamp: UInt64 = TestWitnesses.timestamp) throws -> [UInt8] {
        let signed = try SignedNote(parsing: String(decoding: note, as: UTF8.self))
        let lines = try indices.map { index in
            try Cosignature.sign(checkpointBody: signed.text, timestamp: timestamp + UInt64(index),
                                 name: Self.keyNames[index], key: keys[index]).noteSignature
        }
        return Array(try SignedNote(text: signed.text, signatures: signed.signatures + lines).serialized.utf8)
    }

    /// Cosigns the checkpoint file at `path` in place.
    public func cosignFile(_ path: String, by indices: [Int], timestamp: UInt64 = TestWitnesses.timestamp) throws {
        let url = URL(fileURLWithPath: path)
        let bytes = try cosign(Array(try Data(contentsOf: url)), by: indices, timestamp: timestamp)
        try Data(bytes).write(to: url)
    }

    /// `note` with a forged line for witness `index`: its key name and key
    /// hash, a valid time, but a signature of another text.
    public func forge(_ note: [UInt8], witness index: Int) throws -> [UInt8] {
        let signed = try SignedNote(parsing: String(decoding: note, as: UTF8.self))
        let other = try Cosignature.sign(checkpointBody: signed.text + "forged\n", timestamp: Self.timestamp,
                                         name: Self.keyNames[index], key: keys[index])
        return Array(try SignedNote(text: signed.text, signatures: signed.signatures + [other.noteSignature]).serialized.utf8)
    }

    /// `note` with only its first signature line (the registrar's).
    public static func withoutCosignatures(_ note: [UInt8]) throws -> [UInt8] {
        let signed = try SignedNote(parsing: String(decoding: note, as: UTF8.self))
        return Array(try SignedNote(text: signed.text, signatures: Array(signed.signatures.prefix(1))).serialized.utf8)
    }
}
