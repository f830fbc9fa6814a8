import CryptoPrimitives
import TransparencyLog

/// The ledger line: its layout, and every way the package writes or reads
/// it. A change of the layout is a change of this file.
///
/// A line is the canonical JSON (RFC 8785) of an entry, without its line
/// feed. Canonical JSON has no white space and writes an object's members
/// in key order, so every line is the literal text below with its values
/// filled in (members in brackets are present for one statement type only):
///
///     {"appended_at":T,"previous":HEX,"sequence":N,"statement":{
///       "declaration":HEX,["language":L,]"public_key":B64,["reason":R,]
///       "registry":O,["signatory":{"jurisdiction":J,"kind":K,"name":N,
///       "representative":R,"title":T[,"website":W]},]"signature":B64,
///       "signed_at":T,"type":"signature"|"withdrawal"}}
///
/// The members' names are `Key`'s; the statement's own JSON (what its key
/// signs, and a statement file) uses the same names, from `Statement`.
///
/// The ways in:
/// - the writer, `line(of:)`, and the general reader, `entry(from:)`, over
///   a JSON tree (`Entry.line`, `Entry(json:)`): any member order, every
///   field checked, each failure named;
/// - the fast reader, `decode(_:)`, straight from the bytes of a line laid
///   out as above: the verifier's path;
/// - the replay reader, `replayed(_:header:)`: the few fields replaying an
///   entry verified before needs (`verify --since`);
/// - the signed message cut out of a line, `signedMessage(of:slicedFrom:)`;
/// - partial reads, `sequence(inLine:)` and `previous(inLine:)`, that place
///   a failure and never pass a line, and `publicKeyText(inLine:)`, that
///   finds a signatory's entries among many lines and never passes one.
package enum LedgerLineCodec {
    /// The names of the line's members, the statement's and the
    /// signatory's among them.
    package enum Key {
        /// The entry's recording time.
        package static var appendedAt: StaticString { "appended_at" }
        /// The entry's link: the SHA-256 of the line before.
        package static var previous: StaticString { "previous" }
        /// The entry's position, from 1.
        package static var sequence: StaticString { "sequence" }
        /// The entry's statement, the line's last member.
        package static var statement: StaticString { "statement" }

        /// The statement's declaration digest.
        package static var declaration: StaticString { "declaration" }
        /// A signature's language.
        package static var language: StaticString { "language" }
        /// The statement's key.
        package static var publicKey: StaticString { "public_key" }
        /// A withdrawal's reason.
        package static var reason: StaticString { "reason" }
        /// The statement's registry origin.
        package static var registry: StaticString { "registry" }
        /// A signature's signatory object.
        package static var signatory: StaticString { "signatory" }
        /// The statement's signature, the one member its key does not sign.
        package static var signature: StaticString { "signature" }
        /// The statement's signing time.
        package static var signedAt: StaticString { "signed_at" }
        /// The statement's type (`StatementType`).
        package static var type: StaticString { "type" }

        /// The signatory's jurisdiction code.
        package static var jurisdiction: StaticString { "jurisdiction" }
        /// The signatory's kind.
        package static var kind: StaticString { "kind" }
        /// The signatory's name.
        package static var name: StaticString { "name" }
        /// The signatory's representative.
        package static var representative: StaticString { "representative" }
        /// The representative's title.
        package static var title: StaticString { "title" }
        /// The signatory's website, when it has one.
        package static var website: StaticString { "website" }
    }

    /// The values of the statement's `type` member.
    package enum StatementType {
        /// A signature of the declaration.
        package static var signature: StaticString { "signature" }
        /// The withdrawal of a signature.
        package static var withdrawal: StaticString { "withdrawal" }
    }

    // MARK: - Writer and general reader

    /// The entry as a JSON tree.
    static func json(of entry: Entry) -> JSONValue {
        .object([
            Key.appendedAt.text: .string(entry.appendedAt),
            Key.previous.text: .string(entry.previous.hex),
            Key.sequence.text: .integer(entry.sequence),
            Key.statement.text: entry.statement.json,
        ])
    }

    /// The entry's line, without its line feed.
    static func line(of entry: Entry) -> [UInt8] {
        CanonicalJSON.encode(json(of: entry))
    }

    /// Reads an entry from parsed JSON, checking the form of every field
    /// (not the signature, the chain or the registry's rules).
    static func entry(from json: JSONValue) throws(FieldError) -> Entry {
        var reader = try JSONObjectReader(json, path: "")
        let sequence = try reader.integer(Key.sequence.text)
        guard sequence >= 1 else {
            throw FieldError(field: Key.sequence.text, problem: .malformed(expected: "a whole number from 1", found: String(sequence)))
        }
        let previousText = try reader.string(Key.previous.text)
        guard let previous = SHA256Digest(hex: previousText), previous.hex == previousText else {
            throw FieldError(field: Key.previous.text, problem: .malformed(expected: "64 lowercase hexadecimal digits",
                                                                            found: Statement.quoted(previousText)))
        }
        let appendedAt = try reader.string(Key.appendedAt.text)
        try Timestamp.check(appendedAt, field: Key.appendedAt.text)
        let statement = try Statement(json: try reader.value(Key.statement.text), path: Key.statement.text)
        try reader.finish()
        try Timestamp.checkSigningTime(signedAt: statement.signedAt, appendedAt: appendedAt,
                                       field: Key.statement.text + "." + Key.signedAt.text)
        return Entry(sequence: sequence, previous: previous, appendedAt: appendedAt, statement: statement)
    }

    // MARK: - Fast reader

    /// An entry read by the fast path.
    package struct Decoded {
        /// The entry the line holds.
        package var entry: Entry
        /// Where, in the line, the statement's bytes before its `signature`
        /// member end; with `tailStart`, what the signature covers.
        var signatureMemberStart: Int
        /// Where the statement's members after `signature` start.
        var tailStart: Int
        /// The `{` that opens the statement.
        var statementStart: Int

        /// The statement's signed message: the signing domain, a line feed
        /// and the statement's canonical JSON without its `signature`
        /// member, cut out of `line` (see `signedMessage(of:slicedFrom:)`
        /// for why those are the bytes signed).
        package func signedMessage(in line: [UInt8]) -> [UInt8] {
            LedgerLineCodec.signedMessage(in: line, statementStart: statementStart,
                                          signatureMember: signatureMemberStart..<tailStart)
        }
    }

    /// The entry in `line`, or nil when the line is not laid out as the
    /// registry writes entries or any field breaks a rule.
    ///
    /// It accepts only a subset of the lines the general path
    /// (`CanonicalJSON.parseCanonical` then `entry(from:)`) accepts, and
    /// gives the same entry for them; anything else (an escape in a string,
    /// a member out of place, a field that breaks a rule) makes it return
    /// nil, and the caller then takes the general path, which either reads
    /// the line after all or says exactly what is wrong with it. So the fast
    /// path never decides a failure, only speeds up success. Why the subset
    /// holds:
    ///
    /// - A canonical entry is the literal text of the layout with its values
    ///   filled in; the reader matches that text byte for byte.
    /// - Strings are taken only when they hold no backslash and no control
    ///   character, so their bytes are their value; non-ASCII text must be
    ///   valid UTF-8 (the same test the parser makes).
    /// - Every value passes the same checks as in `entry(from:)`: printable
    ///   ASCII and Latin text (below U+0300) is checked with byte rules that
    ///   agree with `TextRules` for it, and any other text goes through
    ///   `TextRules` itself; a web address by `WebsiteRules`' grammar, on
    ///   its bytes (it admits printable ASCII only). The tests compare both ways for every
    ///   character below U+0300.
    package static func decode(_ line: [UInt8]) -> Decoded? {
        line.withUnsafeBytes { buffer in
            var cursor = ByteCursor(buffer)
            return cursor.entry()
        }
    }

    // MARK: - Replay reader

    /// What replaying an entry already verified needs from its line, read
    /// without checking the fields' form, or nil when the line is not laid
    /// out as the registry writes entries. See `ReplayedEntry`.
    package static func replayed(_ line: [UInt8], header: ReplayHeader) -> ReplayedEntry? {
        line.withUnsafeBytes { buffer in
            var cursor = ByteCursor(buffer)
            return cursor.replayed(header: header, lineHash: SHA256.hash(buffer), leafHash: MerkleTree.leafHash(line))
        }
    }

    // MARK: - Signed message

    /// The statement's signed message, `statement.signedMessage`, cut out
    /// of the entry's own ledger line instead of rebuilt and re-encoded;
    /// nil when the line is not laid out as expected (then build it).
    ///
    /// Why the cut is the same bytes: `line` parsed as canonical JSON, so it
    /// is exactly `CanonicalJSON.encode` of what it holds, and
    /// `entry(from:)` accepted it, so it holds exactly the entry's four
    /// members and the statement's members, each stored in a form that
    /// encodes back to the same text (strings verbatim, digests in lowercase
    /// hex, strict base64, enums by raw value, jurisdiction codes as given).
    /// The line is therefore `encode(json)` of this entry, whose last member
    /// is `statement`. Canonical JSON writes an object's members one after
    /// the other in key order, so removing the `signature` member from the
    /// statement's bytes leaves `encode(statement.unsignedJSON)`. In key
    /// order only `signed_at` and `type` follow `signature`.
    ///
    /// The bytes around the cut are compared with what this entry's fields
    /// encode to, so a line laid out otherwise (a statement member added
    /// after `signature`, say) falls back to re-encoding rather than
    /// checking the wrong bytes.
    static func signedMessage(of entry: Entry, slicedFrom line: [UInt8]) -> [UInt8]? {
        let statement = entry.statement
        let prefix = Array((member(Key.appendedAt, first: true) + quoted(entry.appendedAt)
            + member(Key.previous) + quoted(entry.previous.hex)
            + member(Key.sequence) + String(entry.sequence)
            + member(Key.statement)).utf8)
        let signatureMember = Array((member(Key.signature) + quoted(Base64.encode(statement.signature))).utf8)
        let rest = Array((member(Key.signedAt) + quoted(statement.signedAt)
            + member(Key.type) + quoted(statement.type) + "}").utf8)
        // The statement's members before `signature`, then the signature
        // member, the rest of the statement, and the entry's closing brace.
        let fixed = prefix.count + signatureMember.count + rest.count + 1
        guard line.count > fixed + 1, line.last == UInt8(ascii: "}") else { return nil }
        let restStart = line.count - 1 - rest.count
        let signatureStart = restStart - signatureMember.count
        guard line.starts(with: prefix),
              line[signatureStart..<restStart].elementsEqual(signatureMember),
              line[restStart..<(line.count - 1)].elementsEqual(rest),
              line[prefix.count] == UInt8(ascii: "{")
        else { return nil }
        return signedMessage(in: line, statementStart: prefix.count, signatureMember: signatureStart..<restStart)
    }

    /// A member's name and colon as canonical JSON writes it, after the `{`
    /// that opens its object or the `,` that follows the member before.
    private static func member(_ key: StaticString, first: Bool = false) -> String {
        (first ? "{" : ",") + "\"" + key.text + "\":"
    }

    /// A string value that needs no escape, as canonical JSON writes it.
    private static func quoted(_ value: String) -> String {
        "\"" + value + "\""
    }

    /// The signed message of the statement that starts at `statementStart`
    /// in an entry's `line` and ends one byte before the line does (the
    /// entry's closing brace), without its `signature` member: the signing
    /// domain, a line feed, then the statement's bytes around that member.
    static func signedMessage(in line: [UInt8], statementStart: Int, signatureMember: Range<Int>) -> [UInt8] {
        var message = Array(Statement.signingDomain.utf8)
        message.reserveCapacity(message.count + 1 + line.count - statementStart - signatureMember.count)
        message.append(0x0A)
        message += line[statementStart..<signatureMember.lowerBound]
        message += line[signatureMember.upperBound..<(line.count - 1)]
        return message
    }

    // MARK: - Partial reads

    /// The `sequence` member of a line that parses as canonical JSON,
    /// whatever else it holds or lacks: only ever used to decide where to
    /// place a failure, never to pass a line.
    package static func sequence(inLine line: [UInt8]) -> Int64? {
        (try? CanonicalJSON.parseCanonical(line))?[Key.sequence.text]?.integerValue
    }

    /// The `previous` member of a line that parses as canonical JSON, if it
    /// is a well-formed digest, whatever else the line holds or lacks: only
    /// ever used to decide where to place a failure, never to pass a line.
    package static func previous(inLine line: [UInt8]) -> SHA256Digest? {
        (try? CanonicalJSON.parseCanonical(line))
            .flatMap { $0[Key.previous.text]?.stringValue }
            .flatMap { SHA256Digest(hex: $0) }
    }
}

extension LedgerLineCodec {
    /// Where the `public_key` member's base64 text is in a line laid out as
    /// the registry writes entries (the bytes between its quotes), found by
    /// walking the layout to it without reading the values before it; nil
    /// for any other line, which the caller then parses. Only ever used to
    /// find which lines may be a signatory's, each then read in full; never
    /// to pass a line.
    package static func publicKeyText(inLine line: UnsafeRawBufferPointer) -> Range<Int>? {
        var cursor = ByteCursor(line)
        return cursor.publicKeyText()
    }
}

/// The header fields every entry is bound to, as bytes to compare with.
package struct ReplayHeader: Sendable {
    var origin: [UInt8]
    var declarationDigest: [UInt8]

    /// The fields of `header`.
    package init(_ header: RegistryHeader) {
        self.init(origin: Array(header.origin.utf8), declarationDigest: Array(header.declarationDigest.hex.utf8))
    }

    init(origin: [UInt8], declarationDigest: [UInt8]) {
        self.origin = origin
        self.declarationDigest = declarationDigest
    }
}

/// An entry under a checkpoint that was verified in full before (`verify
/// --since`), reduced to what the ordered checks and the roll need: no
/// strings, nothing checked that the earlier verification checked, since
/// re-hashing the line proves it is the line that was verified then.
///
/// Whatever a replay finds wrong is never reported from here: the line is
/// then checked in full, in order, which says what is wrong. A line changed
/// after the checkpoint was verified is found by its hash instead (the next
/// line's link, or the checkpoint's chain head and root) and blamed on that
/// line, without naming the field changed, since its fields are not read.
package struct ReplayedEntry: Sendable {
    package var sequence: Int64
    package var previous: SHA256Digest
    /// `appended_at` and `signed_at` as the numbers their digits make,
    /// which order as the times do.
    package var appendedAt: UInt64
    package var signedAt: UInt64
    package var key: Bytes32
    /// Whether the statement names this registry and its declaration.
    package var isBound: Bool
    /// For a signature, its signatory's kind and identity digest; nil for a
    /// withdrawal.
    package var signatory: (kind: SignatoryKind, identity: Bytes32)?
    /// SHA-256 of the line, and its Merkle leaf hash.
    package var lineHash: SHA256Digest
    package var leafHash: SHA256Digest
}

// MARK: - The layout, walked byte by byte

private typealias Key = LedgerLineCodec.Key

/// The byte before an object's first member, and before every other one.
private var objectStart: UInt8 { UInt8(ascii: "{") }
private var memberSeparator: UInt8 { UInt8(ascii: ",") }

extension ByteCursor {
    /// The walk to the statement's `public_key` (see
    /// `LedgerLineCodec.publicKeyText(inLine:)`): the members before it are
    /// stepped over, their values not read.
    fileprivate mutating func publicKeyText() -> Range<Int>? {
        guard take(member: Key.appendedAt, after: objectStart), verifiedString() != nil,
              take(member: Key.previous, after: memberSeparator), verifiedString() != nil,
              take(member: Key.sequence, after: memberSeparator), wholeNumber() != nil,
              take(member: Key.statement, after: memberSeparator),
              take(member: Key.declaration, after: objectStart), verifiedString() != nil
        else { return nil }
        if take(member: Key.language, after: memberSeparator) {
            guard verifiedString() != nil else { return nil }
        }
        guard take(member: Key.publicKey, after: memberSeparator), let key = verifiedString() else { return nil }
        return key.range
    }

    /// The fast reader's walk (see `LedgerLineCodec.decode(_:)`).
    fileprivate mutating func entry() -> LedgerLineCodec.Decoded? {
        guard take(member: Key.appendedAt, after: objectStart), let appendedAt = timestamp(),
              take(member: Key.previous, after: memberSeparator), let previous = digest(),
              take(member: Key.sequence, after: memberSeparator), let sequence = wholeNumber(),
              take(member: Key.statement, after: memberSeparator)
        else { return nil }
        let statementStart = position
        guard take(member: Key.declaration, after: objectStart), let declarationDigest = digest() else { return nil }

        var language: Language?
        if take(member: Key.language, after: memberSeparator) {
            guard let text = asciiString(), let parsed = Language(rawValue: text) else { return nil }
            language = parsed
        }
        guard take(member: Key.publicKey, after: memberSeparator), let keyBytes = base64(count: 32),
              let publicKey = try? Ed25519PublicKey(rawRepresentation: keyBytes)
        else { return nil }
        var reason: String?
        if take(member: Key.reason, after: memberSeparator) {
            guard let text = text(limit: Statement.Limit.reason) else { return nil }
            reason = text
        }
        guard take(member: Key.registry, after: memberSeparator), let registry = asciiString(),
              (try? RegistryOrigin.check(registry)) != nil
        else { return nil }
        var signatory: Signatory?
        if take(member: Key.signatory, after: memberSeparator) {
            guard let read = signatoryObject() else { return nil }
            signatory = read
        }
        let signatureMemberStart = position
        guard take(member: Key.signature, after: memberSeparator), let signature = base64(count: 64) else { return nil }
        let tailStart = position
        guard take(member: Key.signedAt, after: memberSeparator), let signedAt = timestamp(),
              take(member: Key.type, after: memberSeparator)
        else { return nil }

        let content: Statement.Content
        if take(quoted: LedgerLineCodec.StatementType.signature) {
            guard let language, let signatory, reason == nil else { return nil }
            content = .signature(language: language, signatory: signatory)
        } else if take(quoted: LedgerLineCodec.StatementType.withdrawal) {
            guard language == nil, signatory == nil else { return nil }
            content = .withdrawal(reason: reason)
        } else {
            return nil
        }
        // The statement's closing brace, then the entry's, end the line.
        guard take("}}"), position == bytes.count,
              Timestamp.isWithinSkew(signedAt: signedAt, appendedAt: appendedAt)
        else { return nil }

        let statement = Statement(registry: registry, declarationDigest: declarationDigest, content: content,
                                  signedAt: signedAt, publicKey: publicKey, signature: signature)
        return LedgerLineCodec.Decoded(
            entry: Entry(sequence: sequence, previous: previous, appendedAt: appendedAt, statement: statement),
            signatureMemberStart: signatureMemberStart, tailStart: tailStart, statementStart: statementStart)
    }

    /// The signatory object of the fast reader's walk.
    private mutating func signatoryObject() -> Signatory? {
        guard take(member: Key.jurisdiction, after: objectStart), let code = asciiString(),
              let jurisdiction = try? Jurisdiction(code: code),
              take(member: Key.kind, after: memberSeparator), let kindText = asciiString(),
              let kind = SignatoryKind(rawValue: kindText),
              take(member: Key.name, after: memberSeparator), let name = text(limit: Statement.Limit.name),
              take(member: Key.representative, after: memberSeparator),
              let representative = text(limit: Statement.Limit.representative),
              take(member: Key.title, after: memberSeparator), let title = text(limit: Statement.Limit.title)
        else { return nil }
        var website: String?
        if take(member: Key.website, after: memberSeparator) {
            guard let value = string(), let checked = self.website(value) else { return nil }
            website = checked
        }
        guard take("}") else { return nil }
        return Signatory(kind: kind, name: name, jurisdiction: jurisdiction,
                         representative: representative, title: title, website: website)
    }

    /// The replay reader's walk (see `LedgerLineCodec.replayed(_:header:)`):
    /// the same layout, its strings found without being checked.
    fileprivate mutating func replayed(header: ReplayHeader, lineHash: @autoclosure () -> SHA256Digest,
                                       leafHash: @autoclosure () -> SHA256Digest) -> ReplayedEntry? {
        guard take(member: Key.appendedAt, after: objectStart), let appendedAt = digits(),
              take(member: Key.previous, after: memberSeparator), let previous = verifiedString().flatMap(digest(in:)),
              take(member: Key.sequence, after: memberSeparator), let sequence = wholeNumber(),
              take(member: Key.statement, after: memberSeparator),
              take(member: Key.declaration, after: objectStart), let declaration = verifiedString()
        else { return nil }
        var isBound = matches(declaration, header.declarationDigest)
        if take(member: Key.language, after: memberSeparator) {
            guard verifiedString() != nil else { return nil }
        }
        guard take(member: Key.publicKey, after: memberSeparator),
              let keyBytes = verifiedString().flatMap({ base64(in: $0, count: 32) })
        else { return nil }
        if take(member: Key.reason, after: memberSeparator) {
            guard verifiedString() != nil else { return nil }
        }
        guard take(member: Key.registry, after: memberSeparator), let registry = verifiedString() else { return nil }
        isBound = isBound && matches(registry, header.origin)
        var signatory: (kind: SignatoryKind, identity: Bytes32)?
        if take(member: Key.signatory, after: memberSeparator) {
            guard take(member: Key.jurisdiction, after: objectStart), let jurisdiction = verifiedString(),
                  take(member: Key.kind, after: memberSeparator), let kindValue = verifiedString(),
                  let kind: SignatoryKind = matches(kindValue, SignatoryKind.government.rawValue) ? .government
                      : matches(kindValue, SignatoryKind.civilSociety.rawValue) ? .civilSociety : nil,
                  take(member: Key.name, after: memberSeparator), let name = verifiedString(),
                  take(member: Key.representative, after: memberSeparator), verifiedString() != nil,
                  take(member: Key.title, after: memberSeparator), verifiedString() != nil
            else { return nil }
            if take(member: Key.website, after: memberSeparator) {
                guard verifiedString() != nil else { return nil }
            }
            guard take("}"),
                  let identity = SignatoryIdentity.digest(
                    kind: kind, name: UnsafeRawBufferPointer(rebasing: bytes[name.range]),
                    jurisdiction: UnsafeRawBufferPointer(rebasing: bytes[jurisdiction.range]))
            else { return nil }
            signatory = (kind, Bytes32(identity.bytes))
        }
        guard take(member: Key.signature, after: memberSeparator), verifiedString() != nil,
              take(member: Key.signedAt, after: memberSeparator), let signedAt = digits(),
              take(member: Key.type, after: memberSeparator)
        else { return nil }
        if take(quoted: LedgerLineCodec.StatementType.signature) {
            guard signatory != nil else { return nil }
        } else if take(quoted: LedgerLineCodec.StatementType.withdrawal) {
            guard signatory == nil else { return nil }
        } else {
            return nil
        }
        guard take("}}"), position == bytes.count else { return nil }
        return ReplayedEntry(sequence: sequence, previous: previous, appendedAt: appendedAt, signedAt: signedAt,
                             key: Bytes32(keyBytes), isBound: isBound, signatory: signatory,
                             lineHash: lineHash(), leafHash: leafHash())
    }
}

extension StaticString {
    /// The text, for the JSON trees the writer builds and the general
    /// reader takes apart.
    var text: String { description }
}
