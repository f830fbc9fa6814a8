import CryptoPrimitives

/// An offline-verifiable proof that an entry is in a transparency log, in
/// the c2sp.org/tlog-proof@v1 text format: optional opaque extra data, the
/// entry's zero-based index, its RFC 9162 inclusion proof, and the log's
/// signed checkpoint, verbatim, with whatever cosignatures it carries.
///
/// ```
/// c2sp.org/tlog-proof@v1
/// extra <base64>
/// index <decimal>
/// <base64 hash>            (one line per proof hash, leaf's sibling first)
///
/// <the checkpoint, a signed note>
/// ```
///
/// Nothing in it is trusted until `verify(leafHash:logKeys:)` has checked
/// the checkpoint's signature by a known log key and the inclusion proof
/// against its root. The extra data is authenticated only by what the
/// application makes of it: when the leaf hash is computed from it, the
/// proof binds it.
public struct TlogProof: Sendable, Equatable {
    /// The first line of every proof.
    public static let firstLine = "c2sp.org/tlog-proof@v1"

    /// The most bytes a parsed proof may have: room for a checkpoint of
    /// 64 KiB, extra data of 128 KiB once in base64, and every proof line,
    /// far above any real proof, small enough that a hostile file cannot
    /// exhaust memory.
    public static let maximumByteCount = 256 * 1024

    /// The most hashes an inclusion proof may have: the longest proof in a
    /// tree of up to 2^64 − 1 leaves, the largest size a checkpoint states.
    public static let maximumProofHashes = 64

    /// The opaque extra data, when the proof carries it; not authenticated
    /// by the proof's format.
    public let extra: [UInt8]?
    /// The entry's zero-based index in the log.
    public let index: UInt64
    /// The inclusion proof, from the leaf's sibling up to the root's child.
    public let inclusionProof: [SHA256Digest]
    /// The log's checkpoint as a signed note; unverified.
    public let checkpointNote: SignedNote
    /// The checkpoint the note's text holds; unverified.
    public let checkpoint: Checkpoint

    /// A proof of the entry at `index`. Fails if the note's text is not a
    /// checkpoint, if the proof has more than `maximumProofHashes` hashes,
    /// or if the proof would be larger than `maximumByteCount`, which
    /// `init(parsing:)` would refuse.
    public init(
        extra: [UInt8]?,
        index: UInt64,
        inclusionProof: [SHA256Digest],
        checkpointNote: SignedNote
    ) throws(TransparencyError) {
        guard inclusionProof.count <= Self.maximumProofHashes else {
            throw .invalidNoteField(
                field: "inclusion proof", expected: "at most \(Self.maximumProofHashes) hashes",
                found: "\(inclusionProof.count) hashes"
            )
        }
        self.extra = extra
        self.index = index
        self.inclusionProof = inclusionProof
        self.checkpointNote = checkpointNote
        self.checkpoint = try Checkpoint(parsingBody: checkpointNote.text)
        let byteCount = bytes.count
        guard byteCount <= Self.maximumByteCount else {
            throw .proofTooLarge(byteCount: byteCount, limit: Self.maximumByteCount)
        }
    }

    /// Parses a proof, strictly: the first line exactly, an optional
    /// `extra` line of canonical base64, `index` in decimal without leading
    /// zeros, at most `maximumProofHashes` lines of base64 of 32 bytes, an
    /// empty line, then a signed note whose text is a checkpoint. Every
    /// fault names its line of the proof, counted from 1.
    public init(parsing bytes: [UInt8]) throws(TransparencyError) {
        guard bytes.count <= Self.maximumByteCount else {
            throw .proofTooLarge(byteCount: bytes.count, limit: Self.maximumByteCount)
        }
        var reader = BodyLines(bytes, end: "the end of the file") { line, expected, found in
            .malformedProof(line: line, expected: expected, found: found)
        }
        let first = try reader.line(expected: "the line \(Self.firstLine)")
        guard first.elementsEqual(Self.firstLine.utf8) else {
            throw .malformedProof(line: 1, expected: "the line \(Self.firstLine)", found: BodyLines.text(first))
        }

        let extraOrIndex = "\"extra \" and base64, or \"index \" and the entry's index"
        var line = try reader.line(expected: extraOrIndex)
        var extra: [UInt8]?
        let indexExpected: String
        if line.starts(with: Self.extraPrefix.utf8) {
            guard let decoded = BodyLines.base64(line.dropFirst(Self.extraPrefix.utf8.count)) else {
                throw .malformedProof(
                    line: reader.lineNumber, expected: "\"extra \" and canonical standard base64",
                    found: BodyLines.text(line)
                )
            }
            extra = decoded
            indexExpected = "\"index \" and the entry's index in decimal, without leading zeros"
            line = try reader.line(expected: indexExpected)
        } else {
            indexExpected = extraOrIndex + " in decimal, without leading zeros"
        }
        guard line.starts(with: Self.indexPrefix.utf8),
              let index = BodyLines.decimal(line.dropFirst(Self.indexPrefix.utf8.count))
        else {
            throw .malformedProof(line: reader.lineNumber, expected: indexExpected, found: BodyLines.text(line))
        }

        let proof = try reader.proofHashes(maximum: Self.maximumProofHashes, container: "a proof")
        let (note, checkpoint) = try reader.checkpointNote()
        self.extra = extra
        self.index = index
        self.inclusionProof = proof
        self.checkpointNote = note
        self.checkpoint = checkpoint
    }

    /// The proof as text, which `init(parsing:)` reads back to an equal
    /// value: a parsed proof gives back exactly the bytes it was read from.
    public var bytes: [UInt8] {
        var text = Self.firstLine + "\n"
        if let extra { text += Self.extraPrefix + Base64.encode(extra) + "\n" }
        text += Self.indexPrefix + String(index) + "\n"
        for hash in inclusionProof { text += hash.base64 + "\n" }
        text += "\n" + checkpointNote.serialized
        return Array(text.utf8)
    }

    /// The number of lines before the checkpoint's first line.
    var linesBeforeCheckpoint: Int {
        (extra == nil ? 2 : 3) + inclusionProof.count + 1
    }

    // MARK: - Verification

    /// What a verified proof shows: the checkpoint, now authenticated, the
    /// log's signature on it and the other signatures it carries.
    public struct Verification: Sendable, Equatable {
        /// The checkpoint, signed by the log.
        public let checkpoint: Checkpoint
        /// The first of the log's signatures that verified.
        public let logSignature: NoteSignature
        /// The signatures by keys other than the log's (witnesses'
        /// cosignatures, say), in the order they appear; not verified.
        public let otherSignatures: [NoteSignature]
    }

    /// Verifies the proof for the entry whose leaf hash is `leafHash`
    /// (computing it is the application's part, c2sp.org/tlog-proof step 1).
    ///
    /// The log keys configured for the checkpoint's origin are those of
    /// `logKeys` named after it, as c2sp.org/tlog-checkpoint recommends that
    /// a log's key be. The checkpoint must carry a valid signature by one of
    /// them, and none by them that fails (c2sp.org/signed-note); signatures
    /// by any other key are ignored, and returned as `otherSignatures`.
    /// Then the inclusion proof must lead from `leafHash` at `index` to the
    /// checkpoint's root (RFC 9162 section 2.1.3.2).
    public func verify(
        leafHash: SHA256Digest,
        logKeys: [any NoteVerifier]
    ) throws(TransparencyError) -> Verification {
        // Only the origin is read before the signature is checked, and
        // only to choose which keys to check it with.
        let origin = checkpoint.origin
        let configured = logKeys.filter { $0.name == origin }
        guard let firstKey = configured.first else {
            throw .originMismatch(expected: logKeys.map(\.name).joined(separator: " or "), found: origin)
        }
        var logSignature: NoteSignature?
        for key in configured {
            do throws(TransparencyError) {
                let signature = try checkpointNote.verify(with: key)
                logSignature = logSignature ?? signature
            } catch {
                switch error {
                case .noSignature:
                    // Another configured key (a rotated one) may have signed.
                    continue
                case .badSignature(let name, let keyHash, let line):
                    throw .badSignature(keyName: name, keyHash: keyHash, line: line + linesBeforeCheckpoint)
                default:
                    throw error
                }
            }
        }
        guard let logSignature else {
            throw .noSignature(
                keyName: firstKey.name, keyHash: firstKey.keyHash,
                signers: checkpointNote.signatures.map(\.signer)
            )
        }
        try MerkleTree.verifyInclusion(
            leafHash: leafHash, at: index, treeSize: checkpoint.size,
            proof: inclusionProof, root: checkpoint.rootHash
        )
        let others = checkpointNote.signatures.filter { signature in
            !configured.contains { $0.name == signature.name && $0.keyHash == signature.keyHash }
        }
        return Verification(checkpoint: checkpoint, logSignature: logSignature, otherSignatures: others)
    }

    // MARK: - Reading

    private static let extraPrefix = "extra "
    private static let indexPrefix = "index "
}
