/// The body of a successful c2sp.org/tlog-witness `add-checkpoint`
/// response: one or more note signature lines, the witness's cosignatures
/// of the submitted checkpoint.
///
/// Lines are kept as note signatures, whatever their type, so that a
/// witness may return cosignatures this library does not read (ML-DSA-44);
/// `cosignatures(of:by:)` keeps those by the keys the client trusts.
public struct AddCheckpointResponse: Sendable, Equatable {
    /// The most bytes a parsed response may have: room for 100 lines of
    /// the largest cosignatures (ML-DSA-44, about 3.3 KB in base64).
    public static let maximumByteCount = 400 * 1024

    /// What errors call this body.
    static let bodyName = "add-checkpoint response"

    /// The signature lines, in order.
    public let signatures: [NoteSignature]

    /// A response of `signatures`; fails if there are none or more than
    /// `SignedNote.maximumSignatures`.
    public init(signatures: [NoteSignature]) throws(TransparencyError) {
        guard (1...SignedNote.maximumSignatures).contains(signatures.count) else {
            throw .invalidNoteField(
                field: "add-checkpoint response",
                expected: "1 to \(SignedNote.maximumSignatures) signature lines",
                found: "\(signatures.count) lines"
            )
        }
        self.signatures = signatures
    }

    /// A response of `cosignatures`.
    public init(cosignatures: [Cosignature]) throws(TransparencyError) {
        try self.init(signatures: cosignatures.map(\.noteSignature))
    }

    /// Parses a response body, strictly: one to `SignedNote.maximumSignatures`
    /// signature lines, `— name base64`, each ending in a newline, and
    /// nothing else. Every fault names its line, counted from 1.
    public init(parsing bytes: [UInt8]) throws(TransparencyError) {
        guard bytes.count <= Self.maximumByteCount else {
            throw .witnessBodyTooLarge(body: Self.bodyName, byteCount: bytes.count, limit: Self.maximumByteCount)
        }
        var reader = BodyLines.witness(bytes, body: Self.bodyName)
        var signatures: [NoteSignature] = []
        repeat {
            let line = try reader.line(expected: "a signature line, \"— \", a key name, a space and base64")
            guard signatures.count < SignedNote.maximumSignatures else {
                throw .malformedWitnessBody(
                    body: Self.bodyName, line: reader.lineNumber,
                    expected: "at most \(SignedNote.maximumSignatures) signature lines",
                    found: BodyLines.text(line)
                )
            }
            guard !line.contains(where: { $0 < 0x20 }) else {
                throw .malformedWitnessBody(
                    body: Self.bodyName, line: reader.lineNumber,
                    expected: "a signature line without control characters", found: BodyLines.text(line)
                )
            }
            do throws(TransparencyError) {
                signatures.append(try SignedNote.parseSignature(line, line: reader.lineNumber))
            } catch {
                throw error.inWitnessBody(Self.bodyName, afterLine: 0)
            }
        } while !reader.isAtEnd
        self.signatures = signatures
    }

    /// The response body: the signature lines.
    public var bytes: [UInt8] {
        Array(signatures.map(\.line).joined().utf8)
    }

    /// The cosignatures of `note`'s checkpoint in this response by `keys`,
    /// verified; lines by other keys are ignored and a line by one of
    /// `keys` that does not verify is refused, as if the lines were added
    /// to the note (c2sp.org/tlog-witness). Lines are numbered in the response.
    public func cosignatures(
        of note: SignedNote,
        by keys: [CosignerKey]
    ) throws(TransparencyError) -> [Cosignature] {
        let message = Array(note.text.utf8)
        var found: [Cosignature] = []
        for (position, line) in signatures.enumerated() {
            guard let key = keys.first(where: { $0.name == line.name && $0.keyHash == line.keyHash }) else {
                continue
            }
            guard key.isValidSignature(line.signature, for: message) else {
                throw .badSignature(keyName: key.name, keyHash: key.keyHash, line: position + 1)
            }
            found.append(try Cosignature(line))
        }
        return found
    }
}
