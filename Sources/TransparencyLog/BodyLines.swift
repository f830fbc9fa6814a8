import CryptoPrimitives

/// The lines of a C2SP text body read one at a time, each ending in a
/// newline: a tlog-proof file, or a tlog-witness request or response. The
/// proof file and the add-checkpoint request end alike (lines of base64
/// proof hashes, an empty line, then a signed checkpoint), so they are
/// read by the same code, and every fault names its line, counted from 1.
struct BodyLines {
    /// The error for a fault at `line`: what was expected and what was found.
    typealias Fault = (_ line: Int, _ expected: String, _ found: String) -> TransparencyError

    private let bytes: [UInt8]
    private let fault: Fault
    /// What the end of the bytes is called in messages ("the end of the file").
    private let end: String
    private var position = 0
    /// The number of the line read last, from 1.
    private(set) var lineNumber = 0

    init(_ bytes: [UInt8], end: String, fault: @escaping Fault) {
        self.bytes = bytes
        self.end = end
        self.fault = fault
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool {
        position == bytes.count
    }

    /// What follows the lines read.
    var remainder: ArraySlice<UInt8> {
        bytes[position...]
    }

    /// The error for a fault at the line read last.
    func fault(expected: String, found: ArraySlice<UInt8>) -> TransparencyError {
        fault(lineNumber, expected, Self.text(found))
    }

    /// The next line, without its newline.
    mutating func line(expected: String) throws(TransparencyError) -> ArraySlice<UInt8> {
        lineNumber += 1
        guard position < bytes.count else {
            throw fault(lineNumber, expected, end)
        }
        guard let lineEnd = bytes[position...].firstIndex(of: 0x0A) else {
            throw fault(lineNumber, expected + ", ending in a newline", Self.text(bytes[position...]))
        }
        defer { position = lineEnd + 1 }
        return bytes[position..<lineEnd]
    }

    /// Lines of canonical base64 of 32 bytes up to an empty line, at most
    /// `maximum` of them; `container` names what holds them ("a proof").
    mutating func proofHashes(maximum: Int, container: String) throws(TransparencyError) -> [SHA256Digest] {
        var hashes: [SHA256Digest] = []
        while true {
            let line = try line(expected: "a proof hash in base64, or the empty line before the checkpoint")
            if line.isEmpty { return hashes }
            guard hashes.count < maximum else {
                throw fault(expected: "the empty line before the checkpoint: \(container) has at most \(maximum) proof hashes",
                            found: line)
            }
            guard let hashBytes = Self.base64(line), let hash = SHA256Digest(bytes: hashBytes) else {
                throw fault(expected: "a proof hash: canonical standard base64 of 32 bytes, or an empty line", found: line)
            }
            hashes.append(hash)
        }
    }

    /// The rest of the bytes as a signed note whose text is a checkpoint;
    /// a fault inside it is named by its line in the whole body.
    func checkpointNote() throws(TransparencyError) -> (note: SignedNote, checkpoint: Checkpoint) {
        let noteStart = lineNumber
        let rest = remainder
        guard !rest.isEmpty else {
            throw fault(noteStart + 1, "the checkpoint after the empty line", "")
        }
        guard let noteText = String(validating: rest, as: UTF8.self) else {
            let lines = rest.split(separator: 0x0A, omittingEmptySubsequences: false)
            let bad = lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0
            throw fault(noteStart + 1 + bad, "the checkpoint in UTF-8", "bytes that are not UTF-8")
        }
        do throws(TransparencyError) {
            let note = try SignedNote(parsing: noteText)
            return (note, try Checkpoint(parsingBody: note.text))
        } catch {
            switch error {
            case .malformedNote(let line, let expected, let found), .malformedCheckpoint(let line, let expected, let found):
                throw fault(noteStart + line, expected + " (in the checkpoint)", found)
            default:
                throw error
            }
        }
    }

    /// "0", or decimal digits not starting with 0, that fit in 64 bits.
    static func decimal(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty,
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits.count == 1 || digits.first != UInt8(ascii: "0")
        else { return nil }
        return UInt64(String(decoding: digits, as: UTF8.self))
    }

    /// Canonical standard base64, the only spelling accepted.
    static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        bytes.withUnsafeBytes { Base64.decode($0) }
    }

    /// A found line for a message; `TransparencyError` quotes and shortens it.
    static func text(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: line, as: UTF8.self)
    }
}
