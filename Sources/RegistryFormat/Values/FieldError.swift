/// Why a field of a statement, entry or registry header is not acceptable.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON path of the offending field, such as `signatory.name`;
    /// empty when the problem concerns the statement as a whole.
    public var field: String
    /// What is wrong with it.
    public var problem: Problem

    /// The ways a statement can be unacceptable.
    public enum Problem: Sendable, Equatable {
        /// A required field is absent.
        case missing
        /// A field the format does not define is present.
        case unexpected
        /// The field holds the wrong kind of JSON value.
        case wrongType(expected: String)
        /// The field's value does not have the required form.
        case malformed(expected: String, found: String)
        /// The text is empty or only white space.
        case empty
        /// The text is longer than the limit.
        case tooLong(limit: Int, found: Int)
        /// The text is not in Unicode Normalization Form C.
        case notNFC
        /// The text has leading or trailing white space.
        case surroundingWhitespace
        /// The text holds a control, bidirectional-override or other
        /// invisible formatting character.
        case forbiddenCharacter(scalar: UInt32, offset: Int)
        /// The text holds a code point that the Unicode version the format
        /// is pinned to does not assign.
        case unassignedCharacter(scalar: UInt32, offset: Int, unicodeVersion: String)
        /// The signature does not verify with the statement's public key.
        case signatureInvalid
        /// The statement was made for another registry or declaration.
        case mismatch(expected: String, found: String)
        /// The key already belongs to the active signatory recorded at `sequence`.
        case keyAlreadyActive(sequence: Int64)
        /// Another active signatory, recorded at `sequence`, has the same
        /// kind, name and jurisdiction.
        case duplicateSignatory(sequence: Int64)
        /// A withdrawal signed by a key that belongs to no active signatory.
        case noActiveSignature
        /// The key's statement recorded at `sequence` was signed later: an
        /// old statement replayed, such as a signature the signatory has
        /// since withdrawn.
        case replayed(sequence: Int64)
        /// A new statement's jurisdiction is well formed but not one ISO 3166
        /// lists (docs/FORMAT.md 5.3): refused by `append`, never by verification.
        case unlistedJurisdiction(JurisdictionError)
        /// The statement is dated more than `skew` seconds after the
        /// entry's `appended_at` (`Timestamp.maximumClockSkew`).
        case signedAfterRecording(signedAt: String, appendedAt: String, skew: Int)
    }

    /// Creates an error for `field`.
    public init(field: String, problem: Problem) {
        self.field = field
        self.problem = problem
    }

    public var description: String {
        describe(subject: field.isEmpty ? "the statement" : "field \"\(field)\"")
    }

    /// The problem alone, for reports that name the field themselves.
    public var problemDescription: String {
        describe(subject: field.isEmpty ? "the statement" : "the value")
    }

    private func describe(subject: String) -> String {
        switch problem {
        case .missing:
            return "\(subject) is missing"
        case .unexpected:
            return "\(subject) is not part of the statement format; remove it"
        case .wrongType(let expected):
            return "\(subject) must be \(expected)"
        case .malformed(let expected, let found):
            return "\(subject) must be \(expected), found \(found)"
        case .empty:
            return "\(subject) is empty"
        case .tooLong(let limit, let found):
            return "\(subject) has \(found) characters; at most \(limit) are allowed"
        case .notNFC:
            return "\(subject) is not in Unicode Normalization Form C (NFC); the ledger holds NFC text only"
        case .surroundingWhitespace:
            return "\(subject) starts or ends with white space; trim it"
        case .forbiddenCharacter(let scalar, let offset):
            let code = "U+" + String(scalar, radix: 16, uppercase: true).leftPadded(to: 4)
            return "\(subject) holds the invisible, format or control character \(code) at character \(offset + 1); remove it"
        case .unassignedCharacter(let scalar, let offset, let version):
            let code = "U+" + String(scalar, radix: 16, uppercase: true).leftPadded(to: 4)
            return "\(subject) holds \(code) at character \(offset + 1), which Unicode \(version) (the version the format follows) does not assign; remove it"
        case .signatureInvalid:
            return "\(subject) has a signature that does not verify with its public key"
        case .mismatch(let expected, let found):
            return "\(subject) is \(found), but this registry expects \(expected)"
        case .keyAlreadyActive(let sequence):
            return "\(subject): this key already signed (entry \(sequence)) and has not withdrawn; one key, one active signature"
        case .duplicateSignatory(let sequence):
            return "\(subject): a signatory of the same kind, name and jurisdiction is already active (entry \(sequence)); it must withdraw first"
        case .noActiveSignature:
            return "\(subject): no active signatory has this key, so there is nothing to withdraw"
        case .replayed(let sequence):
            return "\(subject): this key's statement in entry \(sequence) was signed later; an older statement cannot be recorded after it (sign a new one)"
        case .unlistedJurisdiction(let error):
            return "\(subject): \(error); sign the statement again with a listed code"
        case .signedAfterRecording(let signedAt, let appendedAt, let skew):
            return "\(subject) is \(signedAt), more than \(skew / 60) minutes after the time of recording, \(appendedAt); a statement cannot be dated in the future: check the signer's clock and sign again"
        }
    }
}

extension String {
    package func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
