import TransparencyLog

/// One of the checks a proof must pass, in the order they are made
/// (docs/PROOFS.md). Its raw value names it in JSON output.
public enum ProofCheck: String, Sendable, Equatable, CaseIterable {
    /// The entry given beside the proof is the one the proof carries.
    case suppliedEntry = "supplied-entry"
    /// The checkpoint is signed by the registrar's key, named after its origin.
    case checkpointSignature = "checkpoint-signature"
    /// The inclusion proof leads from the entry's leaf hash at its index to
    /// the checkpoint's root.
    case inclusion
    /// The entry is a well-formed registry entry.
    case entry
    /// The statement's signature verifies with the signatory's key.
    case statementSignature = "statement-signature"
    /// The statement was made for the registry whose checkpoint this is.
    case registry
    /// The entry's sequence number is its index plus one.
    case entryNumber = "entry-number"
    /// With a policy: the checkpoint's log is one the policy accepts, and
    /// its cosignatures meet the policy's quorum.
    case witnesses

    /// The check in words, for messages.
    public var title: String {
        switch self {
        case .suppliedEntry: return "the entry given with --entry"
        case .checkpointSignature: return "the registrar's signature on the checkpoint"
        case .inclusion: return "the inclusion proof"
        case .entry: return "the entry"
        case .statementSignature: return "the signatory's signature"
        case .registry: return "the statement's registry"
        case .entryNumber: return "the entry's number"
        case .witnesses: return "the witness policy"
        }
    }
}

/// Why a proof was refused: the file is not a proof, it lacks the entry,
/// or a check failed.
public enum ProofError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at `path` is not a c2sp.org/tlog-proof; `line` is the line
    /// at fault, when one is.
    case malformed(path: String, line: Int?, reason: String)
    /// The proof carries no entry (no `extra` line), and none was given.
    case noEntry(path: String)
    /// The proof does not verify: `check` failed, for `reason`.
    case doesNotVerify(path: String, check: ProofCheck, reason: String)

    public var description: String {
        switch self {
        case .malformed(let path, let line, let reason):
            return path + (line.map { ":\($0)" } ?? "") + ": not a valid proof: " + reason
        case .noEntry(let path):
            return "\(path): the proof carries no entry (it has no extra line); pass the entry's ledger line with --entry FILE"
        case .doesNotVerify(let path, let check, let reason):
            return "\(path): the proof does not verify: \(check.title) fails: \(reason)"
        }
    }
}
