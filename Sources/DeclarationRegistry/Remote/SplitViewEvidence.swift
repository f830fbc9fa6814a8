import RegistryFormat
import TransparencyLog

/// Two checkpoints signed by the registrar that cannot both be true of one
/// history: a later one smaller than an earlier one (a rollback), two of
/// the same size with different roots, or a larger one that the log's own
/// tiles and entries do not prove to extend the earlier one. Anyone can
/// check them with the registrar's key alone, so they are worth keeping
/// and publishing: the registrar showed different histories to different
/// readers, or rewrote its own.
public struct SplitViewEvidence: Sendable, Equatable, CustomStringConvertible {
    /// How the two checkpoints disagree.
    public enum Kind: Sendable, Equatable {
        /// The checkpoint served is smaller than the one verified before.
        case rolledBack
        /// The two have the same size and different roots (or chain heads).
        case differentRoot
        /// The checkpoint served is larger, but not consistent with the
        /// earlier one; the reason says what failed.
        case inconsistent(reason: String)
    }

    /// How they disagree.
    public var kind: Kind
    /// The registry's origin.
    public var origin: String
    /// Where the checkpoint served was fetched.
    public var url: String
    /// The checkpoint verified (or given) before, as its signed note.
    public var earlier: [UInt8]
    /// Where that one came from: the trust state's file, or `--checkpoint FILE`.
    public var earlierSource: String
    /// Its size.
    public var earlierSize: UInt64
    /// The checkpoint the server gave now, as its signed note.
    public var served: [UInt8]
    /// Its size.
    public var servedSize: UInt64
    /// The evidence file both were saved to, once saved.
    public var file: String?
    /// Why they could not be saved, when they could not.
    public var saveFailure: String?

    /// The first line: what was found and what to do.
    public var summary: String {
        let relation: String
        switch kind {
        case .rolledBack:
            relation = "is smaller than"
        case .differentRoot:
            relation = "has the same size but another Merkle root than"
        case .inconsistent(let reason):
            relation = "is not consistent (\(reason)) with"
        }
        let saved = file.map { " Both are saved to \($0)." }
            ?? saveFailure.map { " They could not be saved (\($0)): copy them from here." } ?? ""
        return "evidence of a split view or a rewrite: keep both and publish them. The checkpoint served at \(url) (size \(servedSize)) \(relation) the checkpoint verified before (size \(earlierSize), from \(earlierSource)); both are signed by the registrar of \(origin).\(saved) Nothing was saved to the trust state."
    }

    /// The two checkpoints, in full, under headings.
    public var checkpoints: String {
        "--- checkpoint verified before (size \(earlierSize), from \(earlierSource)) ---\n"
            + String(decoding: earlier, as: UTF8.self)
            + "--- checkpoint served at \(url) (size \(servedSize)) ---\n"
            + String(decoding: served, as: UTF8.self)
    }

    /// The summary, then both checkpoints in full.
    public var description: String {
        summary + "\n" + checkpoints
    }
}
