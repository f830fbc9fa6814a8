import CryptoPrimitives

/// One line of the ledger: a statement as the registry recorded it, linked
/// to the line before it. How it is written as a line, and read back, is
/// `LedgerLineCodec`'s.
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
        LedgerLineCodec.json(of: self)
    }

    /// The entry's line in the ledger, without its line feed: its canonical
    /// JSON. This is what the next entry's `previous` hashes and what the
    /// Merkle tree takes as a leaf.
    public var line: [UInt8] {
        LedgerLineCodec.line(of: self)
    }

    /// Reads an entry from parsed JSON, checking the form of every field
    /// (not the signature, the chain or the registry's rules).
    public init(json: JSONValue) throws(FieldError) {
        self = try LedgerLineCodec.entry(from: json)
    }

    /// The statement's signed message, `statement.signedMessage`, cut out of
    /// the entry's own ledger line instead of rebuilt and re-encoded; nil
    /// when the line is not laid out as expected (then build it). See
    /// `LedgerLineCodec.signedMessage(of:slicedFrom:)`.
    package func signedMessage(slicedFrom line: [UInt8]) -> [UInt8]? {
        LedgerLineCodec.signedMessage(of: self, slicedFrom: line)
    }
}
