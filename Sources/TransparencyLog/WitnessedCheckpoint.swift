import CryptoPrimitives

/// A checkpoint's cosignatures judged against a c2sp.org/tlog-policy: which
/// of the policy's witnesses cosigned it (validly), and whether they meet
/// the quorum.
///
/// The log's own signature is checked apart, by whoever opens the
/// checkpoint with its key; `WitnessPolicy.acceptsLog(_:)` says whether the
/// policy names that key. Lines by keys the policy does not name are
/// ignored, as c2sp.org/signed-note requires; a line that names a policy
/// witness's key (name and key ID) but does not verify rejects the note,
/// since such a note is malformed.
public struct WitnessedCheckpoint: Sendable, Equatable {
    /// One policy witness's valid cosignature.
    public struct Cosigner: Sendable, Equatable {
        /// The witness's name in the policy.
        public let witness: PolicyName
        /// Its cosignature (key name, key ID, time, signature).
        public let cosignature: Cosignature
    }

    /// The policy witnesses that cosigned, one each (its first valid line),
    /// in the policy's order.
    public let cosigners: [Cosigner]
    /// The quorum judged from `cosigners`.
    public let evaluation: QuorumEvaluation

    /// Whether the cosigners meet the policy's quorum.
    public var isSatisfied: Bool { evaluation.isSatisfied }
}

extension WitnessPolicy {
    /// The policy's Ed25519 log keys (type 0x01); keys of other types
    /// cannot sign a checkpoint this library opens.
    public var logKeys: [NoteVerifierKey] {
        logs.compactMap(\.key.noteVerifierKey)
    }

    /// Whether a checkpoint signed by `key` is acceptable to this policy: a
    /// policy without `log` lines leaves the log to the caller (tlog-policy
    /// allows that when the log is known from context); otherwise the key
    /// must be one of them, same name and key.
    public func acceptsLog(_ key: NoteVerifierKey) -> Bool {
        logs.isEmpty || logKeys.contains { $0.name == key.name && $0.publicKey == key.publicKey }
    }

    /// The policy's witnesses that cosigned `note` and whether they meet
    /// the quorum. A witness whose key is not an Ed25519 cosignature key
    /// (such as ML-DSA-44, type 0x06) is never counted: its cosignatures
    /// cannot be verified here.
    public func witnessing(of note: SignedNote) throws(TransparencyError) -> WitnessedCheckpoint {
        var cosigners: [WitnessedCheckpoint.Cosigner] = []
        for witness in witnesses {
            guard let key = witness.key.cosignerKey else { continue }
            if let first = try Cosignature.cosignatures(of: note, by: [key]).first {
                cosigners.append(.init(witness: witness.name, cosignature: first))
            }
        }
        return WitnessedCheckpoint(
            cosigners: cosigners,
            evaluation: evaluate(cosigners: Set(cosigners.map(\.witness)))
        )
    }
}
