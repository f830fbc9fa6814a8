import CryptoPrimitives
import TransparencyLog

/// The registrar's signed checkpoint of a registry: a C2SP tlog-checkpoint
/// whose root is the RFC 9162 Merkle tree hash over the ledger lines, with
/// one extension line, `chain-head <hex>`, giving the SHA-256 of the last
/// line it covers (of the header when the ledger is empty).
///
/// The chain head lets a verifier tell an altered last line from an altered
/// link, so every change is reported at the line where it was made.
public struct RegistryCheckpoint: Sendable, Equatable {
    /// The C2SP checkpoint.
    public var checkpoint: Checkpoint
    /// SHA-256 of the last line covered, or of the header at size 0.
    public var chainHead: SHA256Digest

    /// The extension line's keyword.
    public static let chainHeadKeyword = "chain-head"

    /// The largest size a registry's checkpoint may state: the largest
    /// `sequence` an entry can have (2^53 − 1, the canonical JSON integer
    /// limit). C2SP allows sizes up to 2^64 − 1, but a registry cannot hold
    /// more entries than it can number, and refusing the rest here lets
    /// every later step count entries in `Int64` without overflow.
    public static let maximumSize: UInt64 = UInt64(CanonicalJSON.safeIntegerRange.upperBound)

    /// The number of entries covered.
    public var size: UInt64 { checkpoint.size }
    /// The Merkle root over those entries.
    public var rootHash: SHA256Digest { checkpoint.rootHash }

    /// A checkpoint of `size` entries with the given root and chain head.
    public init(origin: String, size: UInt64, rootHash: SHA256Digest, chainHead: SHA256Digest) throws(TransparencyError) {
        self.checkpoint = try Checkpoint(origin: origin, size: size, rootHash: rootHash,
                                         extensionLines: [Self.chainHeadKeyword + " " + chainHead.hex])
        self.chainHead = chainHead
    }

    /// Signs the checkpoint with the registrar's key (named after the
    /// origin) and returns the bytes of the signed note.
    public func signedNote(with key: Ed25519PrivateKey) throws(TransparencyError) -> [UInt8] {
        Array(try checkpoint.signed(with: key).serialized.utf8)
    }

    /// The chain head a checkpoint claims, read before its signature is
    /// checked: only ever used to decide where to place a failure, never to
    /// pass one.
    package static func chainHead(inUnverified bytes: [UInt8]) -> SHA256Digest? {
        let prefix = chainHeadKeyword + " "
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix(prefix) }
            .flatMap { SHA256Digest(hex: String($0.dropFirst(prefix.count))) }
    }

    /// Why a checkpoint file was refused, with the line at fault.
    public enum OpenError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file is not UTF-8 text.
        case notText
        /// The signed note or the checkpoint in it was refused.
        case checkpoint(TransparencyError)
        /// The `chain-head` line is missing, malformed or not the only
        /// extension line.
        case chainHead
        /// The signed size is larger than `maximumSize`.
        case sizeTooLarge(found: UInt64)

        /// The line of the note at fault, when one is.
        public var line: Int? {
            switch self {
            case .notText: return nil
            case .checkpoint(let error): return error.line
            case .chainHead: return 4
            case .sizeTooLarge: return 2
            }
        }

        public var description: String {
            switch self {
            case .notText:
                return "the checkpoint is not UTF-8 text"
            case .checkpoint(let error):
                return error.description
            case .chainHead:
                return "checkpoint line 4: expected \"\(RegistryCheckpoint.chainHeadKeyword) \" and 64 lowercase hexadecimal digits, as the only extension line"
            case .sizeTooLarge(let found):
                return "checkpoint line 2: expected a size of at most \(RegistryCheckpoint.maximumSize) entries (the largest sequence number), found \(found): the checkpoint cannot belong to a valid registry"
            }
        }
    }

    /// Opens a signed checkpoint: checks the registrar's signature, the
    /// origin and the chain-head line.
    public init(opening bytes: [UInt8], verifier: NoteVerifierKey, origin: String) throws(OpenError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .notText
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(verifying: text, with: verifier, expectedOrigin: origin)
        } catch {
            throw .checkpoint(error)
        }
        guard checkpoint.size <= Self.maximumSize else {
            throw .sizeTooLarge(found: checkpoint.size)
        }
        let prefix = Self.chainHeadKeyword + " "
        guard checkpoint.extensionLines.count == 1, let line = checkpoint.extensionLines.first, line.hasPrefix(prefix),
              let head = SHA256Digest(hex: String(line.dropFirst(prefix.count))),
              head.hex == String(line.dropFirst(prefix.count))
        else {
            throw .chainHead
        }
        self.checkpoint = checkpoint
        self.chainHead = head
    }
}

extension TransparencyError {
    /// The line of the note or checkpoint at fault, when there is one.
    var line: Int? {
        switch self {
        case .malformedNote(let line, _, _), .badSignature(_, _, let line), .malformedCheckpoint(let line, _, _):
            return line
        case .originMismatch:
            return 1
        default:
            return nil
        }
    }
}
