import CryptoPrimitives
import Foundation

/// A transparency log checkpoint (c2sp.org/tlog-checkpoint): the log's
/// identity, its size and its RFC 9162 root, as the text of a signed note.
public struct Checkpoint: Sendable, Equatable {
    /// The log's identity, such as `example.org/registry`.
    public let origin: String
    /// The number of leaves in the tree.
    public let size: UInt64
    /// The Merkle tree root at `size`.
    public let rootHash: SHA256Digest
    /// Optional further lines, opaque to this format; each non-empty.
    public let extensionLines: [String]

    /// Checks that every line would be a valid, non-empty note line.
    public init(
        origin: String,
        size: UInt64,
        rootHash: SHA256Digest,
        extensionLines: [String] = []
    ) throws(TransparencyError) {
        guard Self.isValidLine(origin) else {
            throw .invalidNoteField(
                field: "checkpoint origin",
                expected: "a non-empty line without control characters", found: origin
            )
        }
        for line in extensionLines where !Self.isValidLine(line) {
            throw .invalidNoteField(
                field: "checkpoint extension line",
                expected: "a non-empty line without control characters", found: line
            )
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// Parses a checkpoint body, strictly: the origin, the size in decimal
    /// without leading zeros, the root in base64, then extension lines,
    /// each line ending in a newline.
    public init(parsingBody body: String) throws(TransparencyError) {
        var lines = body.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        // Splitting on newlines leaves an empty last element exactly when
        // the body ends with a newline, as it must.
        guard lines.count > 1, let last = lines.last, last.isEmpty else {
            throw .malformedCheckpoint(
                line: lines.count, expected: "a line ending in a newline", found: lines.last ?? ""
            )
        }
        lines.removeLast()
        let names = ["the origin", "the tree size", "the root hash"]
        guard lines.count >= names.count else {
            throw .malformedCheckpoint(
                line: lines.count + 1, expected: "\(names[lines.count]) on its own line",
                found: ""
            )
        }
        for (index, line) in lines.enumerated() where !Self.isValidLine(line) {
            throw .malformedCheckpoint(
                line: index + 1,
                expected: index < names.count
                    ? "\(names[index]), without control characters"
                    : "a non-empty extension line without control characters",
                found: line
            )
        }
        guard let size = Self.parseSize(lines[1]) else {
            throw .malformedCheckpoint(
                line: 2, expected: "the tree size in decimal, without leading zeros",
                found: lines[1]
            )
        }
        guard let rootBytes = NoteEncoding.decodeBase64(lines[2]),
              let rootHash = SHA256Digest(bytes: rootBytes)
        else {
            throw .malformedCheckpoint(
                line: 3, expected: "the root hash: standard base64 of 32 bytes", found: lines[2]
            )
        }
        try self.init(
            origin: lines[0], size: size, rootHash: rootHash,
            extensionLines: Array(lines.dropFirst(names.count))
        )
    }

    /// The note text: origin, size, base64 root and extension lines, each
    /// followed by a newline.
    public var body: String {
        let lines = [origin, String(size), Data(rootHash.bytes).base64EncodedString()] + extensionLines
        return lines.map { $0 + "\n" }.joined()
    }

    /// Signs the checkpoint with `key`, under the key name `keyName`, which
    /// the specification recommends be the origin.
    public func signed(
        with key: Ed25519PrivateKey,
        keyName: String? = nil
    ) throws(TransparencyError) -> SignedNote {
        try SignedNote.sign(text: body, name: keyName ?? origin, key: key)
    }

    /// Parses a signed checkpoint note, verifies its signature by `key` and
    /// returns the checkpoint; with `expectedOrigin`, also checks that the
    /// checkpoint comes from that log.
    public init(
        verifying note: String,
        with key: some NoteVerifier,
        expectedOrigin: String? = nil
    ) throws(TransparencyError) {
        let signed = try SignedNote(parsing: note)
        // Verify before reading the body: an unverified text must be ignored.
        try signed.verify(with: key)
        try self.init(parsingBody: signed.text)
        if let expectedOrigin, origin != expectedOrigin {
            throw .originMismatch(expected: expectedOrigin, found: origin)
        }
    }

    /// A checkpoint line is non-empty and holds no control character.
    private static func isValidLine(_ line: String) -> Bool {
        !line.isEmpty && line.utf8.allSatisfy { $0 >= 0x20 }
    }

    /// "0", or decimal digits not starting with 0, that fit in 64 bits.
    private static func parseSize(_ text: String) -> UInt64? {
        let digits = Array(text.utf8)
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits == [UInt8(ascii: "0")] || digits.first != UInt8(ascii: "0")
        else { return nil }
        return UInt64(text)
    }
}
