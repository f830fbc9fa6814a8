import DeclarationRegistry
import RegistryFormat
import TransparencyLog

/// How the reports show the witnesses a policy found on a checkpoint: each
/// cosigner's name in the policy, its key name and its time (UTC).
enum WitnessSummary {
    /// The report's lines: the quorum, then one line per cosigner.
    static func lines(_ witnessing: WitnessedCheckpoint) -> [String] {
        var lines = ["  Witnesses:    \(witnessing.evaluation.description); \(witnessing.cosigners.count) cosigned"]
        for cosigner in witnessing.cosigners {
            lines.append("                \(cosigner.witness) (key \(cosigner.cosignature.name)) cosigned at \(cosigner.time)")
        }
        return lines
    }

    /// The same as JSON: `quorum`, `satisfied` and `cosigners`, each with
    /// `witness`, `key_name`, `key_hash` and `time`.
    static func json(_ witnessing: WitnessedCheckpoint) -> JSONValue {
        .object([
            "quorum": .string(witnessing.evaluation.quorum.description),
            "satisfied": .bool(witnessing.isSatisfied),
            "cosigners": .array(witnessing.cosigners.map { cosigner in
                .object([
                    "witness": .string(cosigner.witness.description),
                    "key_name": .string(cosigner.cosignature.name),
                    "key_hash": .string(String(cosigner.cosignature.keyHash, radix: 16).leftPadded(to: 8)),
                    "time": .string(cosigner.time),
                ])
            }),
        ])
    }

    /// A refusal as JSON, for `verified: false` output: the missing witnesses named.
    static func json(_ refusal: CheckpointRefusal) -> String {
        var details: [String: JSONValue] = [
            "kind": .string("policy"),
            "file": .string(refusal.checkpoint),
            "policy": .string(refusal.policy),
            "message": .string(refusal.description),
            "missing_witnesses": .array(refusal.missingWitnesses.map { .string($0.description) }),
        ]
        if case .quorumNotMet(let witnessing) = refusal.reason {
            details["witnesses"] = json(witnessing)
        }
        return String(decoding: CanonicalJSON.encode(.object(["verified": .bool(false), "failure": .object(details)])), as: UTF8.self)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
