import Foundation
import RegistryFormat
import TransparencyLog

/// What collecting cosignatures for a registry's checkpoint did: each
/// policy witness's result, and the quorum judged from the checkpoint's
/// cosignatures afterwards.
public struct WitnessingReport: Sendable {
    /// One witness's result.
    public enum Outcome: Sendable, Equatable {
        /// It cosigned the checkpoint now; its cosignature is merged into it.
        case cosigned(Cosignature)
        /// The checkpoint already carried its cosignature; it was not asked again.
        case alreadyCosigned(Cosignature)
        /// It was not asked: the checkpoint already met the quorum, and the
        /// caller asked only for what the quorum lacks (`publish`).
        case notAsked
        /// It did not cosign: why, naming its URL and what it answered (a
        /// status, a timeout, a network failure, a cosignature that does not verify).
        case failed(String)
    }

    /// A policy witness and its result.
    public struct Submission: Sendable, Equatable {
        /// The witness's name in the policy.
        public let witness: PolicyName
        /// Its submission URL prefix, as the policy gives it.
        public let url: String
        /// What came of it.
        public let outcome: Outcome

        /// Its cosignature, new or already there; nil when it failed.
        public var cosignature: Cosignature? {
            switch outcome {
            case .cosigned(let cosignature), .alreadyCosigned(let cosignature): return cosignature
            case .failed, .notAsked: return nil
            }
        }
    }

    /// The registry's directory.
    public let registry: String
    /// The size of the checkpoint cosigned.
    public let size: UInt64
    /// Every witness of the policy, in the policy's order.
    public let submissions: [Submission]
    /// The quorum, judged from the registry's checkpoint as it now is.
    public let witnessed: WitnessedCheckpoint
    /// Whether the registry's checkpoint was replaced by another (an
    /// append) while the witnesses were asked: the cosignatures of the old
    /// one were then not merged, and the new one's are collected by its own append.
    public let superseded: Bool

    /// Whether the checkpoint meets the policy's quorum.
    public var isSatisfied: Bool { witnessed.isSatisfied }

    /// The submissions that failed.
    public var failures: [Submission] {
        submissions.filter { if case .failed = $0.outcome { true } else { false } }
    }

    /// A cosignature's time as RFC 3339 (UTC, seconds).
    public static func time(of cosignature: Cosignature) -> String {
        Timestamp.string(from: Date(timeIntervalSince1970: TimeInterval(cosignature.timestamp)))
    }
}
