import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// A c2sp.org/tlog-policy that a verifier demands of a registry's
/// checkpoint: the log must be one the policy lists (when it lists any),
/// and the checkpoint must carry valid cosignatures from a quorum of the
/// policy's witnesses.
///
/// Judging a checkpoint never changes anything: every verifier that takes
/// a policy judges the checkpoint before it commits to it (a trust state, a
/// proof file, an export), so a refused checkpoint leaves all as it was.
public struct CheckpointPolicy: Sendable, Equatable {
    /// The policy.
    public let policy: WitnessPolicy
    /// Where it was read from (a file's path), for messages.
    public let source: String

    /// The policy `policy`, read from `source`.
    public init(_ policy: WitnessPolicy, source: String) {
        self.policy = policy
        self.source = source
    }

    /// Reads and parses the policy file at `path`, strictly.
    ///
    /// Throws `.storage` when the file cannot be read (missing, not a
    /// regular file, larger than `WitnessPolicy.maximumByteCount`) and
    /// `.invalidPolicy` when it is not a valid policy, naming the line.
    public static func read(_ path: String) throws(RegistryError) -> CheckpointPolicy {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: WitnessPolicy.maximumByteCount)
        } catch {
            throw .storage(error)
        }
        do {
            return CheckpointPolicy(try WitnessPolicy(parsing: bytes), source: path)
        } catch {
            throw .invalidPolicy(path: path, error)
        }
    }

    /// Judges the signed checkpoint `note` (its bytes, read from `place`),
    /// whose log signature by `logKey` the caller has verified: the policy
    /// must accept that log key, and the quorum must hold among the
    /// cosignatures that verify. Lines by keys the policy does not name are
    /// ignored; a line naming a policy witness's key that does not verify
    /// refuses the checkpoint.
    public func judge(_ note: [UInt8], at place: String,
                      loggedBy logKey: NoteVerifierKey) throws(CheckpointRefusal) -> WitnessedCheckpoint {
        guard policy.acceptsLog(logKey) else {
            throw CheckpointRefusal(checkpoint: place, policy: source,
                                    reason: .logNotInPolicy(logKey: logKey.string, policyLogs: policy.logKeys.map(\.string)))
        }
        let witnessed: WitnessedCheckpoint
        do throws(TransparencyError) {
            witnessed = try policy.witnessing(of: SignedNote(parsing: String(decoding: note, as: UTF8.self)))
        } catch {
            throw CheckpointRefusal(checkpoint: place, policy: source, reason: .badCosignature(error))
        }
        guard witnessed.isSatisfied else {
            throw CheckpointRefusal(checkpoint: place, policy: source, reason: .quorumNotMet(witnessed))
        }
        return witnessed
    }
}

/// Why a policy refused a checkpoint: where the checkpoint and the policy
/// are, and what fell short.
public struct CheckpointRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the policy found wrong.
    public enum Reason: Sendable, Equatable {
        /// The checkpoint is signed by a log key the policy's `log` lines
        /// do not list.
        case logNotInPolicy(logKey: String, policyLogs: [String])
        /// A cosignature line names a policy witness's key but does not
        /// verify: the note is malformed, or forged.
        case badCosignature(TransparencyError)
        /// The valid cosignatures by the policy's witnesses do not meet its
        /// quorum.
        case quorumNotMet(WitnessedCheckpoint)
    }

    /// The checkpoint's place (a file or a URL).
    public let checkpoint: String
    /// The policy's place.
    public let policy: String
    /// What fell short.
    public let reason: Reason

    /// The witnesses whose cosignatures would help meet the quorum, in the
    /// policy's order; empty unless the quorum is what failed.
    public var missingWitnesses: [PolicyName] {
        guard case .quorumNotMet(let witnessed) = reason else { return [] }
        return witnessed.evaluation.missingWitnesses
    }

    public var description: String {
        let refused = "\(checkpoint): the checkpoint is refused by the policy \(policy)"
        switch reason {
        case .logNotInPolicy(let logKey, let policyLogs):
            return "\(refused): it is signed by the log key \(logKey), which is not among the policy's log lines (\(policyLogs.joined(separator: ", "))). Check that this is the registry you mean, and the policy's log lines"
        case .badCosignature(let error):
            return "\(refused): a cosignature by one of its witnesses does not verify (\(error.description)): the checkpoint was altered, or a cosignature forged"
        case .quorumNotMet(let witnessed):
            let missing = witnessed.evaluation.missingWitnesses.map(\.description).joined(separator: ", ")
            let cosigned = witnessed.cosigners.isEmpty
                ? "no witness of the policy cosigned it"
                : "cosigned by " + witnessed.cosigners.map(\.witness.description).joined(separator: ", ")
            return "\(refused): the quorum is not met (\(witnessed.evaluation.description)); \(cosigned); missing cosignatures from: \(missing). Nothing was changed; the registrar has not yet collected enough witnesses' cosignatures for this checkpoint (try again later), or the policy is not the one for this registry"
        }
    }
}

extension WitnessedCheckpoint.Cosigner {
    /// The cosignature's time as the registry writes times: UTC, RFC 3339
    /// (ISO 8601), to the second.
    public var time: String {
        Timestamp.string(from: Date(timeIntervalSince1970: TimeInterval(cosignature.timestamp)))
    }
}
