import CryptoPrimitives

/// The body of a c2sp.org/tlog-witness `add-checkpoint` request: the size
/// of the checkpoint the witness last cosigned for the log, a consistency
/// proof from it, and the new checkpoint, verbatim.
///
/// ```
/// old <decimal>
/// <base64 hash>            (0 to 63 lines: the RFC 9162 consistency proof)
///
/// <the checkpoint, a signed note>
/// ```
///
/// Nothing in it is checked beyond its form: the checkpoint's signature,
/// the old size against the witness's record and the proof are the
/// witness's checks, each answered with its own HTTP status.
public struct AddCheckpointRequest: Sendable, Equatable {
    /// The most consistency proof lines a request may have.
    public static let maximumProofHashes = 63

    /// The most bytes a parsed request may have: a checkpoint note of up to
    /// 64 KiB and 4 KiB for the old size line, the proof lines (at most
    /// 26 + 63 × 45 bytes) and the empty line.
    public static let maximumByteCount = 68 * 1024

    /// What errors call this body.
    static let bodyName = "add-checkpoint request"

    /// The size of the checkpoint the witness last cosigned, 0 if none.
    public let oldSize: UInt64
    /// The consistency proof from `oldSize` to the checkpoint's size.
    public let consistencyProof: [SHA256Digest]
    /// The checkpoint as a signed note, with all its signatures; unverified.
    public let checkpointNote: SignedNote
    /// The checkpoint the note's text holds; unverified.
    public let checkpoint: Checkpoint

    /// A request; fails if the note's text is not a checkpoint, if the
    /// proof has more than `maximumProofHashes` hashes or if the body would
    /// be larger than `maximumByteCount`, which `init(parsing:)` would refuse.
    public init(
        oldSize: UInt64,
        consistencyProof: [SHA256Digest],
        checkpointNote: SignedNote
    ) throws(TransparencyError) {
        guard consistencyProof.count <= Self.maximumProofHashes else {
            throw .invalidNoteField(
                field: "consistency proof", expected: "at most \(Self.maximumProofHashes) hashes",
                found: "\(consistencyProof.count) hashes"
            )
        }
        self.oldSize = oldSize
        self.consistencyProof = consistencyProof
        self.checkpointNote = checkpointNote
        self.checkpoint = try Checkpoint(parsingBody: checkpointNote.text)
        let byteCount = bytes.count
        guard byteCount <= Self.maximumByteCount else {
            throw .witnessBodyTooLarge(body: Self.bodyName, byteCount: byteCount, limit: Self.maximumByteCount)
        }
    }

    /// Parses a request body, strictly: `old ` and the size in decimal
    /// without leading zeros, at most 63 lines of canonical base64 of 32
    /// bytes, an empty line, then a signed note whose text is a checkpoint.
    /// Every fault names its line, counted from 1.
    public init(parsing bytes: [UInt8]) throws(TransparencyError) {
        guard bytes.count <= Self.maximumByteCount else {
            throw .witnessBodyTooLarge(body: Self.bodyName, byteCount: bytes.count, limit: Self.maximumByteCount)
        }
        var reader = BodyLines.witness(bytes, body: Self.bodyName)
        let sizeExpected = "\"old \" and the old tree size in decimal, without leading zeros"
        let first = try reader.line(expected: sizeExpected)
        guard first.starts(with: Self.oldPrefix.utf8),
              let oldSize = BodyLines.decimal(first.dropFirst(Self.oldPrefix.utf8.count))
        else {
            throw .malformedWitnessBody(
                body: Self.bodyName, line: 1, expected: sizeExpected, found: BodyLines.text(first)
            )
        }

        let proof = try reader.proofHashes(maximum: Self.maximumProofHashes, container: "a request")
        let (note, checkpoint) = try reader.checkpointNote()
        self.oldSize = oldSize
        self.consistencyProof = proof
        self.checkpointNote = note
        self.checkpoint = checkpoint
    }

    /// The request body, which `init(parsing:)` reads back to an equal
    /// value: a parsed request gives back exactly the bytes it was read from.
    public var bytes: [UInt8] {
        var text = Self.oldPrefix + String(oldSize) + "\n"
        for hash in consistencyProof { text += hash.base64 + "\n" }
        text += "\n" + checkpointNote.serialized
        return Array(text.utf8)
    }

    private static let oldPrefix = "old "
}

extension BodyLines {
    /// The lines of a witness protocol body named `body` (for messages).
    static func witness(_ bytes: [UInt8], body: String) -> BodyLines {
        BodyLines(bytes, end: "the end of the body") { line, expected, found in
            .malformedWitnessBody(body: body, line: line, expected: expected, found: found)
        }
    }
}

extension TransparencyError {
    /// The error a fault in a signature line of a witness body is, with
    /// the line counted in the body from `offset`.
    func inWitnessBody(_ body: String, afterLine offset: Int) -> TransparencyError {
        switch self {
        case .malformedNote(let line, let expected, let found):
            return .malformedWitnessBody(body: body, line: offset + line, expected: expected, found: found)
        default:
            return self
        }
    }
}
