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
        var reader = WitnessBodyLines(bytes, body: Self.bodyName)
        let sizeExpected = "\"old \" and the old tree size in decimal, without leading zeros"
        let first = try reader.line(expected: sizeExpected)
        guard first.starts(with: Self.oldPrefix.utf8),
              let oldSize = WitnessBodyLines.decimal(first.dropFirst(Self.oldPrefix.utf8.count))
        else {
            throw .malformedWitnessBody(
                body: Self.bodyName, line: 1, expected: sizeExpected, found: WitnessBodyLines.text(first)
            )
        }

        var proof: [SHA256Digest] = []
        while true {
            let line = try reader.line(expected: "a proof hash in base64, or the empty line before the checkpoint")
            if line.isEmpty { break }
            guard proof.count < Self.maximumProofHashes else {
                throw .malformedWitnessBody(
                    body: Self.bodyName, line: reader.lineNumber,
                    expected: "the empty line before the checkpoint: "
                        + "a request has at most \(Self.maximumProofHashes) proof hashes",
                    found: WitnessBodyLines.text(line)
                )
            }
            guard let hashBytes = line.withUnsafeBytes({ Base64.decode($0) }),
                  let hash = SHA256Digest(bytes: hashBytes)
            else {
                throw .malformedWitnessBody(
                    body: Self.bodyName, line: reader.lineNumber,
                    expected: "a proof hash: canonical standard base64 of 32 bytes, or an empty line",
                    found: WitnessBodyLines.text(line)
                )
            }
            proof.append(hash)
        }

        let noteStart = reader.lineNumber
        let rest = reader.remainder
        guard !rest.isEmpty else {
            throw .malformedWitnessBody(
                body: Self.bodyName, line: noteStart + 1, expected: "the checkpoint after the empty line", found: ""
            )
        }
        guard let noteText = String(validating: rest, as: UTF8.self) else {
            let lines = rest.split(separator: 0x0A, omittingEmptySubsequences: false)
            let bad = lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0
            throw .malformedWitnessBody(
                body: Self.bodyName, line: noteStart + 1 + bad,
                expected: "the checkpoint in UTF-8", found: "bytes that are not UTF-8"
            )
        }
        let note: SignedNote
        let checkpoint: Checkpoint
        do throws(TransparencyError) {
            note = try SignedNote(parsing: noteText)
            checkpoint = try Checkpoint(parsingBody: note.text)
        } catch {
            throw error.inWitnessBody(Self.bodyName, afterLine: noteStart)
        }
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

/// The lines of a witness protocol body, read one at a time, each of which
/// must end in a newline.
struct WitnessBodyLines {
    private let bytes: [UInt8]
    private let body: String
    private var position = 0
    /// The number of the line read last, from 1.
    private(set) var lineNumber = 0

    init(_ bytes: [UInt8], body: String) {
        self.bytes = bytes
        self.body = body
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool {
        position == bytes.count
    }

    /// The next line, without its newline.
    mutating func line(expected: String) throws(TransparencyError) -> ArraySlice<UInt8> {
        lineNumber += 1
        guard position < bytes.count else {
            throw .malformedWitnessBody(body: body, line: lineNumber, expected: expected, found: "the end of the body")
        }
        guard let end = bytes[position...].firstIndex(of: 0x0A) else {
            throw .malformedWitnessBody(
                body: body, line: lineNumber, expected: expected + ", ending in a newline",
                found: Self.text(bytes[position...])
            )
        }
        defer { position = end + 1 }
        return bytes[position..<end]
    }

    /// What follows the lines read.
    var remainder: ArraySlice<UInt8> {
        bytes[position...]
    }

    /// "0", or decimal digits not starting with 0, that fit in 64 bits.
    static func decimal(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty,
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits.count == 1 || digits.first != UInt8(ascii: "0")
        else { return nil }
        return UInt64(String(decoding: digits, as: UTF8.self))
    }

    /// A found line for a message; `TransparencyError` quotes and shortens it.
    static func text(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: line, as: UTF8.self)
    }
}

extension TransparencyError {
    /// The error a fault in the checkpoint of a witness body is, with the
    /// line counted in the body: the checkpoint's line 1 is line `offset + 1`.
    func inWitnessBody(_ body: String, afterLine offset: Int) -> TransparencyError {
        switch self {
        case .malformedNote(let line, let expected, let found):
            return .malformedWitnessBody(
                body: body, line: offset + line, expected: expected + " (in the checkpoint)", found: found
            )
        case .malformedCheckpoint(let line, let expected, let found):
            return .malformedWitnessBody(
                body: body, line: offset + line, expected: expected + " (in the checkpoint)", found: found
            )
        default:
            return self
        }
    }
}
