import CryptoPrimitives
import Foundation

/// One signature line of a signed note: `— name base64(keyhash ‖ signature)`.
public struct NoteSignature: Sendable, Equatable {
    /// The signing key's name.
    public let name: String
    /// The signing key's ID, which with the name identifies the key.
    public let keyHash: UInt32
    /// The signature bytes, without the key hash prefix.
    public let signature: [UInt8]

    /// Checks that `name` is a valid key name and `signature` is not empty.
    public init(name: String, keyHash: UInt32, signature: [UInt8]) throws(TransparencyError) {
        try NoteEncoding.validateKeyName(name)
        guard !signature.isEmpty else {
            throw .invalidNoteField(field: "signature", expected: "at least one byte", found: "")
        }
        self.name = name
        self.keyHash = keyHash
        self.signature = signature
    }

    /// The signing key as `name+keyhash` (8 hexadecimal digits), as its
    /// verifier key begins: how to name the signer to people.
    public var signer: String {
        "\(name)+\(NoteVerifierKey.hex(keyHash))"
    }

    /// The signature line, newline included.
    var line: String {
        let payload = withUnsafeBytes(of: keyHash.bigEndian) { Array($0) } + signature
        return "\(NoteEncoding.signaturePrefix)\(name) \(Data(payload).base64EncodedString())\n"
    }
}

/// A text signed by one or more keys, in the c2sp.org/signed-note format:
/// the text, a blank line, then one signature line per key.
public struct SignedNote: Sendable, Equatable {
    /// The signed text: non-empty, ending in a newline, without control
    /// characters other than newline. It may contain blank lines.
    public let text: String
    /// The signatures, in the order they appear.
    public let signatures: [NoteSignature]

    /// The most signatures a parsed note may carry; the specification asks
    /// verifiers to accept at least 16 and to set a limit.
    public static let maximumSignatures = 100

    /// Checks that `text` can be signed and that there is a signature.
    public init(text: String, signatures: [NoteSignature]) throws(TransparencyError) {
        try NoteEncoding.validateText(text)
        guard !signatures.isEmpty else {
            throw .invalidNoteField(field: "signatures", expected: "at least one", found: "")
        }
        self.text = text
        self.signatures = signatures
    }

    /// Signs `text` with `key` under the key name `name`.
    public static func sign(
        text: String,
        name: String,
        key: Ed25519PrivateKey
    ) throws(TransparencyError) -> SignedNote {
        try NoteEncoding.validateText(text)
        let verifier = try NoteVerifierKey(name: name, publicKey: key.publicKey)
        let signature: [UInt8]
        do throws(CryptoError) {
            signature = try key.signature(for: Array(text.utf8))
        } catch {
            throw .crypto(error)
        }
        let line = try NoteSignature(name: name, keyHash: verifier.keyHash, signature: signature)
        return try SignedNote(text: text, signatures: [line])
    }

    /// Parses a whole signed note, strictly: every line is checked, and the
    /// first fault is reported with its line number.
    public init(parsing note: String) throws(TransparencyError) {
        var lines = Array(note.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.contains(where: { $0 < 0x20 }) {
            throw .malformedNote(
                line: index + 1, expected: "no control characters other than newline",
                found: String(decoding: line, as: UTF8.self)
            )
        }
        // Splitting on newlines leaves an empty last element exactly when
        // the note ends with a newline, as it must.
        guard lines.count > 1, lines[lines.count - 1].isEmpty else {
            throw .malformedNote(
                line: lines.count, expected: "a note ending in a newline",
                found: String(decoding: lines[lines.count - 1], as: UTF8.self)
            )
        }
        lines.removeLast()
        // The text ends at the last blank line; signature lines are never
        // empty, so the text itself may contain blank lines.
        guard let blank = lines.lastIndex(where: \.isEmpty) else {
            throw .malformedNote(
                line: lines.count, expected: "text, a blank line, then signature lines",
                found: String(decoding: lines.last ?? [], as: UTF8.self)
            )
        }
        guard blank > 0 else {
            throw .malformedNote(line: 1, expected: "the note text before the blank line", found: "")
        }
        let signatureLines = lines[(blank + 1)...]
        guard !signatureLines.isEmpty else {
            throw .malformedNote(
                line: blank + 1, expected: "at least one signature line after the blank line",
                found: ""
            )
        }
        guard signatureLines.count <= Self.maximumSignatures else {
            throw .malformedNote(
                line: blank + 1 + Self.maximumSignatures + 1,
                expected: "at most \(Self.maximumSignatures) signatures", found: "more"
            )
        }
        var signatures: [NoteSignature] = []
        for index in signatureLines.indices {
            signatures.append(try Self.parseSignature(lines[index], line: index + 1))
        }
        self.text = lines[..<blank].map { String(decoding: $0, as: UTF8.self) + "\n" }.joined()
        self.signatures = signatures
    }

    /// The note as text: the text, a blank line and the signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Checks the note's signatures by `verifier`'s key, returning the first.
    ///
    /// Signatures by other keys are ignored, as c2sp.org/signed-note
    /// requires, even when they share the name or the key hash (not both).
    /// A signature that names the key but does not verify rejects the note.
    @discardableResult
    public func verify(with verifier: some NoteVerifier) throws(TransparencyError) -> NoteSignature {
        let message = Array(text.utf8)
        var verified: NoteSignature?
        for (position, signature) in signatures.enumerated()
        where signature.name == verifier.name && signature.keyHash == verifier.keyHash {
            guard verifier.isValidSignature(signature.signature, for: message) else {
                throw .badSignature(
                    keyName: verifier.name, keyHash: verifier.keyHash,
                    line: signatureLineNumber(position)
                )
            }
            verified = verified ?? signature
        }
        guard let verified else {
            throw .noSignature(
                keyName: verifier.name, keyHash: verifier.keyHash,
                signers: signatures.map(\.signer)
            )
        }
        return verified
    }

    /// The line of the serialized note that holds signature `position`.
    func signatureLineNumber(_ position: Int) -> Int {
        let textLines = text.utf8.count(where: { $0 == 0x0A })
        return textLines + 2 + position
    }

    static func parseSignature(
        _ bytes: ArraySlice<UInt8>,
        line: Int
    ) throws(TransparencyError) -> NoteSignature {
        let found = String(decoding: bytes, as: UTF8.self)
        // Compared as bytes: the format is byte-exact, while String
        // comparison would treat canonically equivalent spellings alike.
        guard bytes.starts(with: NoteEncoding.signaturePrefix.utf8) else {
            throw .malformedNote(
                line: line, expected: "a signature line starting with \"— \" (U+2014, space)",
                found: found
            )
        }
        let fields = bytes.dropFirst(NoteEncoding.signaturePrefix.utf8.count)
        let space = fields.firstIndex(of: 0x20) ?? fields.endIndex
        let name = String(decoding: fields[..<space], as: UTF8.self)
        guard space < fields.endIndex, NoteEncoding.isValidKeyName(name) else {
            throw .malformedNote(
                line: line, expected: "a key name without spaces or \"+\", a space, then base64",
                found: found
            )
        }
        let encoded = String(decoding: fields[(space + 1)...], as: UTF8.self)
        guard let payload = NoteEncoding.decodeBase64(encoded), payload.count > 4 else {
            throw .malformedNote(
                line: line, expected: "base64 of a 4-byte key hash and a signature", found: found
            )
        }
        let keyHash = payload.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return try NoteSignature(name: name, keyHash: keyHash, signature: Array(payload.dropFirst(4)))
    }
}

/// Rules shared by signed notes, verifier keys and checkpoints.
enum NoteEncoding {
    /// Em dash (U+2014) and a space: how every signature line starts.
    static let signaturePrefix = "\u{2014} "

    /// Key names are non-empty, with no Unicode spaces, no "+" and no
    /// control characters.
    static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar != "+" && !scalar.properties.isWhitespace && scalar.value >= 0x20
        }
    }

    static func validateKeyName(_ name: String) throws(TransparencyError) {
        guard isValidKeyName(name) else {
            throw .invalidNoteField(
                field: "key name", expected: "a non-empty name without spaces or \"+\"", found: name
            )
        }
    }

    /// A note text must end in a newline and hold no other control character.
    static func validateText(_ text: String) throws(TransparencyError) {
        guard text.utf8.last == 0x0A,
              text.utf8.allSatisfy({ $0 >= 0x20 || $0 == 0x0A })
        else {
            throw .invalidNoteField(
                field: "note text",
                expected: "text ending in a newline, without other control characters",
                found: text
            )
        }
    }

    /// Decodes standard base64 (RFC 4648 section 4), accepting only the one
    /// canonical spelling of each byte string, so that a note cannot be
    /// altered without changing its signatures' bytes.
    static func decodeBase64(_ text: some StringProtocol) -> [UInt8]? {
        guard let data = Data(base64Encoded: String(text)),
              data.base64EncodedString() == text
        else { return nil }
        return Array(data)
    }
}
