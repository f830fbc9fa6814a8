import CryptoPrimitives

/// A witness's Ed25519 cosignature of a checkpoint (c2sp.org/tlog-cosignature,
/// signature type 0x04): a note signature line whose bytes are the key hash,
/// the time of signing (8 bytes, big-endian, POSIX seconds) and the Ed25519
/// signature of
///
/// ```
/// cosignature/v1
/// time <seconds>
/// <the checkpoint's note text, verbatim>
/// ```
///
/// A cosignature says that, as of its time, the checkpoint was the largest
/// consistent one the witness had seen of that log.
public struct Cosignature: Sendable, Equatable {
    /// The first line of every signed message, for domain separation.
    public static let header = "cosignature/v1"

    /// The latest time a cosignature may carry: 2^63 − 1.
    public static let maximumTimestamp = UInt64(Int64.max)

    /// The cosigner's key name.
    public let name: String
    /// The cosigner's key ID (`CosignerKey.keyHash`).
    public let keyHash: UInt32
    /// When the cosignature was made, in seconds since the POSIX epoch.
    public let timestamp: UInt64
    /// The 64-byte Ed25519 signature of the cosigned message.
    public let signature: [UInt8]

    /// Checks the name, the time (at most `maximumTimestamp`) and that the
    /// signature has 64 bytes; the signature itself is not checked.
    public init(name: String, keyHash: UInt32, timestamp: UInt64, signature: [UInt8]) throws(TransparencyError) {
        try NoteEncoding.validateKeyName(name)
        let signer = "\(name)+\(NoteVerifierKey.hex(keyHash))"
        guard timestamp <= Self.maximumTimestamp else {
            throw .malformedCosignature(
                signer: signer, expected: "a time of at most 2^63 - 1 seconds", found: String(timestamp)
            )
        }
        guard signature.count == TimestampedSignature.signatureCount else {
            throw .malformedCosignature(
                signer: signer, expected: "a 64-byte Ed25519 signature",
                found: "\(signature.count) bytes"
            )
        }
        self.name = name
        self.keyHash = keyHash
        self.timestamp = timestamp
        self.signature = signature
    }

    /// Reads a note signature line as a cosignature: its bytes after the
    /// key hash must be an 8-byte time and a 64-byte signature.
    public init(_ line: NoteSignature) throws(TransparencyError) {
        guard let parts = TimestampedSignature(line.signature) else {
            throw .malformedCosignature(
                signer: line.signer, expected: "72 bytes after the key hash: a time and a signature",
                found: "\(line.signature.count) bytes"
            )
        }
        try self.init(name: line.name, keyHash: line.keyHash, timestamp: parts.timestamp, signature: parts.signature)
    }

    /// Cosigns the checkpoint whose note text is `checkpointBody`, as of
    /// `timestamp`, with the key of the cosigner `name`. Fails if the text
    /// is not a checkpoint.
    public static func sign(
        checkpointBody: String,
        timestamp: UInt64,
        name: String,
        key: Ed25519PrivateKey
    ) throws(TransparencyError) -> Cosignature {
        try NoteEncoding.validateText(checkpointBody)
        _ = try Checkpoint(parsingBody: checkpointBody)
        let cosigner = try CosignerKey(name: name, publicKey: key.publicKey)
        guard timestamp <= maximumTimestamp else {
            throw .malformedCosignature(
                signer: cosigner.name, expected: "a time of at most 2^63 - 1 seconds", found: String(timestamp)
            )
        }
        let signature: [UInt8]
        do throws(CryptoError) {
            signature = try key.signature(for: message(timestamp: timestamp, body: Array(checkpointBody.utf8)))
        } catch {
            throw .crypto(error)
        }
        return try Cosignature(name: name, keyHash: cosigner.keyHash, timestamp: timestamp, signature: signature)
    }

    /// The message a cosignature signs: the header line, the time line and
    /// the checkpoint's note text.
    public static func message(timestamp: UInt64, body: [UInt8]) -> [UInt8] {
        Array("\(header)\ntime \(timestamp)\n".utf8) + body
    }

    /// The cosignature as a note signature line, to add to the checkpoint's note.
    public var noteSignature: NoteSignature {
        let time = withUnsafeBytes(of: timestamp.bigEndian) { Array($0) }
        return NoteSignature(checkedName: name, keyHash: keyHash, signature: time + signature)
    }

    /// The signature line as text, newline included.
    public var line: String {
        noteSignature.line
    }

    /// Whether this is `key`'s cosignature of the checkpoint text `checkpointBody`.
    public func isValid(for checkpointBody: String, by key: CosignerKey) -> Bool {
        name == key.name && keyHash == key.keyHash
            && key.publicKey.isValidSignature(signature, for: Self.message(timestamp: timestamp, body: Array(checkpointBody.utf8)))
    }

    /// The cosignatures of `note` by `keys`, in the order they appear.
    ///
    /// Lines by any other key are ignored, as c2sp.org/signed-note requires
    /// (log signatures, unknown witnesses, other cosignature types). A line
    /// that names one of `keys` by name and key hash but does not verify
    /// rejects the note. A key without a cosignature is simply absent from
    /// the result: how many are needed is the caller's policy.
    public static func cosignatures(
        of note: SignedNote,
        by keys: [CosignerKey]
    ) throws(TransparencyError) -> [Cosignature] {
        let message = Array(note.text.utf8)
        var found: [Cosignature] = []
        for (position, line) in note.signatures.enumerated() {
            guard let key = keys.first(where: { $0.name == line.name && $0.keyHash == line.keyHash }) else {
                continue
            }
            guard key.isValidSignature(line.signature, for: message) else {
                throw .badSignature(
                    keyName: key.name, keyHash: key.keyHash, line: note.signatureLineNumber(position)
                )
            }
            found.append(try Cosignature(line))
        }
        return found
    }

    /// The bytes of a signature line after its key hash, split.
    struct TimestampedSignature {
        static let signatureCount = 64

        let timestamp: UInt64
        let signature: [UInt8]

        /// Nil unless the bytes are 8 of time and 64 of signature.
        init?(_ bytes: [UInt8]) {
            guard bytes.count == 8 + Self.signatureCount else { return nil }
            timestamp = bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
            signature = Array(bytes.dropFirst(8))
        }
    }
}

extension NoteSignature {
    /// A line from values already checked: a cosignature's name was
    /// validated when it was made, and its 72 bytes are never empty.
    fileprivate init(checkedName name: String, keyHash: UInt32, signature: [UInt8]) {
        self.name = name
        self.keyHash = keyHash
        self.signature = signature
    }
}
