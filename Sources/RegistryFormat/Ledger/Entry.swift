import CryptoPrimitives

/// One line of the ledger: a statement as the registry recorded it, linked
/// to the line before it.
public struct Entry: Sendable, Hashable {
    /// The entry's position, counted from 1; entry N is line N of the ledger.
    public var sequence: Int64
    /// SHA-256 of the previous line's bytes (its canonical JSON, without the
    /// line feed); for entry 1, SHA-256 of the registry header.
    public var previous: SHA256Digest
    /// When the registrar recorded it, RFC 3339 in UTC.
    public var appendedAt: String
    /// The signatory's signed statement, exactly as signed.
    public var statement: Statement

    /// Creates an entry.
    public init(sequence: Int64, previous: SHA256Digest, appendedAt: String, statement: Statement) {
        self.sequence = sequence
        self.previous = previous
        self.appendedAt = appendedAt
        self.statement = statement
    }

    /// The entry as JSON.
    public var json: JSONValue {
        .object([
            "sequence": .integer(sequence),
            "previous": .string(previous.hex),
            "appended_at": .string(appendedAt),
            "statement": statement.json,
        ])
    }

    /// The entry's line in the ledger, without its line feed: its canonical
    /// JSON. This is what the next entry's `previous` hashes and what the
    /// Merkle tree takes as a leaf.
    public var line: [UInt8] {
        CanonicalJSON.encode(json)
    }

    /// Reads an entry from parsed JSON, checking the form of every field
    /// (not the signature, the chain or the registry's rules).
    public init(json: JSONValue) throws(FieldError) {
        var reader = try JSONObjectReader(json, path: "")
        let sequence = try reader.integer("sequence")
        guard sequence >= 1 else {
            throw FieldError(field: "sequence", problem: .malformed(expected: "a whole number from 1", found: String(sequence)))
        }
        let previousText = try reader.string("previous")
        guard let previous = SHA256Digest(hex: previousText), previous.hex == previousText else {
            throw FieldError(field: "previous", problem: .malformed(expected: "64 lowercase hexadecimal digits",
                                                                     found: Statement.quoted(previousText)))
        }
        let appendedAt = try reader.string("appended_at")
        try Timestamp.check(appendedAt, field: "appended_at")
        let statement = try Statement(json: try reader.value("statement"), path: "statement")
        try reader.finish()
        self.init(sequence: sequence, previous: previous, appendedAt: appendedAt, statement: statement)
    }
}
