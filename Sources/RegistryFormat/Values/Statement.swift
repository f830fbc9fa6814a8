import CryptoPrimitives
import Foundation

/// What a signatory signs: either its signature of the declaration or the
/// withdrawal of an earlier signature, bound to one registry and to the exact
/// digest of the declaration's texts, and signed with the signatory's key.
///
/// A signatory's identity is its key: a withdrawal must be signed by the key
/// that signed.
public struct Statement: Sendable, Hashable {
    /// What the statement says.
    public enum Content: Sendable, Hashable {
        /// The signatory subscribes to the declaration, having read it in `language`.
        case signature(language: Language, signatory: Signatory)
        /// The signatory withdraws its signature, optionally saying why.
        case withdrawal(reason: String?)
    }

    /// The origin of the registry the statement was made for.
    public var registry: String
    /// The digest of the whole declaration (texts and manifest) signed.
    public var declarationDigest: SHA256Digest
    /// Signature or withdrawal.
    public var content: Content
    /// When the signatory signed, RFC 3339 in UTC (`2016-12-09T10:00:00Z`).
    public var signedAt: String
    /// The signatory's key: its identity in the registry.
    public var publicKey: Ed25519PublicKey
    /// Ed25519 signature over `signedMessage`.
    public var signature: [UInt8]

    /// The domain-separation line that starts every signed statement
    /// message, so a statement signature can never be mistaken for any other
    /// signature made with the same key.
    public static let signingDomain = "declaration-registry/statement/v1"

    /// The statement type as it appears in JSON.
    public var type: String {
        switch content {
        case .signature: return LedgerLineCodec.StatementType.signature.text
        case .withdrawal: return LedgerLineCodec.StatementType.withdrawal.text
        }
    }

    /// The signatory, for a signature statement.
    public var signatory: Signatory? {
        if case .signature(_, let signatory) = content { return signatory }
        return nil
    }

    /// The statement as JSON without its signature: what is signed. Its
    /// members' names are the ledger line's (`LedgerLineCodec.Key`), since a
    /// ledger line holds the statement as signed.
    public var unsignedJSON: JSONValue {
        var object: [String: JSONValue] = [
            Key.type.text: .string(type),
            Key.registry.text: .string(registry),
            Key.declaration.text: .string(declarationDigest.hex),
            Key.signedAt.text: .string(signedAt),
            Key.publicKey.text: .string(Base64.encode(publicKey.rawRepresentation)),
        ]
        switch content {
        case .signature(let language, let signatory):
            object[Key.language.text] = .string(language.rawValue)
            var fields: [String: JSONValue] = [
                Key.kind.text: .string(signatory.kind.rawValue),
                Key.name.text: .string(signatory.name),
                Key.jurisdiction.text: .string(signatory.jurisdiction.code),
                Key.representative.text: .string(signatory.representative),
                Key.title.text: .string(signatory.title),
            ]
            if let website = signatory.website { fields[Key.website.text] = .string(website) }
            object[Key.signatory.text] = .object(fields)
        case .withdrawal(let reason):
            if let reason { object[Key.reason.text] = .string(reason) }
        }
        return .object(object)
    }

    /// The complete statement as JSON, signature included.
    public var json: JSONValue {
        guard case .object(var object) = unsignedJSON else { return unsignedJSON }
        object[Key.signature.text] = .string(Base64.encode(signature))
        return .object(object)
    }

    /// The exact bytes the signatory's key signs: the domain line, a line
    /// feed, then the canonical JSON of the unsigned statement.
    public var signedMessage: [UInt8] {
        Self.message(for: unsignedJSON)
    }

    static func message(for unsigned: JSONValue) -> [UInt8] {
        Array(signingDomain.utf8) + [0x0A] + CanonicalJSON.encode(unsigned)
    }

    /// Makes and signs a statement with the signatory's private key.
    public static func signed(
        _ content: Content,
        registry: String,
        declarationDigest: SHA256Digest,
        signedAt: String,
        key: Ed25519PrivateKey
    ) throws(CryptoError) -> Statement {
        var statement = Statement(
            registry: registry,
            declarationDigest: declarationDigest,
            content: content,
            signedAt: signedAt,
            publicKey: key.publicKey,
            signature: []
        )
        statement.signature = try key.signature(for: statement.signedMessage)
        return statement
    }

    /// Whether the signature verifies with the statement's own key.
    public var hasValidSignature: Bool {
        publicKey.isValidSignature(signature, for: signedMessage)
    }

    /// Checks the signature, throwing a `FieldError` on `signature` if it fails.
    public func checkSignature(path: String = "") throws(FieldError) {
        guard hasValidSignature else {
            throw FieldError(field: path.isEmpty ? Key.signature.text : path + "." + Key.signature.text, problem: .signatureInvalid)
        }
    }

    /// The canonical JSON of the statement followed by a line feed: the
    /// form of a statement file handed to a registrar.
    public var fileBytes: [UInt8] {
        CanonicalJSON.encode(json) + [0x0A]
    }
}

// MARK: - Reading statements

extension Statement {
    /// Limits on text fields, in Unicode scalars: generous for any real
    /// name, small enough that nobody can bloat the public ledger.
    enum Limit {
        static let name = 300
        static let representative = 200
        static let title = 200
        static let website = 500
        static let reason = 1_000
    }

    /// Reads and validates a statement from JSON found at `path` (empty for
    /// a statement file, `statement` inside a ledger entry). Checks every
    /// field's form; the signature is checked separately.
    public init(json: JSONValue, path: String = "") throws(FieldError) {
        var reader = try JSONObjectReader(json, path: path)
        let type = try reader.string(Key.type.text)
        let registry = try reader.string(Key.registry.text)
        try RegistryOrigin.check(registry, field: reader.path(of: Key.registry.text))
        let digestText = try reader.string(Key.declaration.text)
        guard let digest = SHA256Digest(hex: digestText), digestText == digest.hex else {
            throw FieldError(field: reader.path(of: Key.declaration.text),
                             problem: .malformed(expected: "64 lowercase hexadecimal digits", found: Self.quoted(digestText)))
        }
        let signedAt = try reader.string(Key.signedAt.text)
        try Timestamp.check(signedAt, field: reader.path(of: Key.signedAt.text))
        let publicKey = try Self.readPublicKey(try reader.string(Key.publicKey.text), field: reader.path(of: Key.publicKey.text))
        let signatureText = try reader.string(Key.signature.text)
        guard let signature = Base64.decode(signatureText), signature.count == 64 else {
            throw FieldError(field: reader.path(of: Key.signature.text),
                             problem: .malformed(expected: "the base64 of a 64-byte Ed25519 signature", found: Self.quoted(signatureText)))
        }

        let content: Content
        switch type {
        case LedgerLineCodec.StatementType.signature.text:
            let languageText = try reader.string(Key.language.text)
            guard let language = Language(rawValue: languageText) else {
                throw FieldError(field: reader.path(of: Key.language.text),
                                 problem: .malformed(expected: "one of en, fr, es", found: Self.quoted(languageText)))
            }
            var fields = try reader.object(Key.signatory.text)
            content = .signature(language: language, signatory: try Self.readSignatory(&fields))
            try fields.finish()
        case LedgerLineCodec.StatementType.withdrawal.text:
            let reason = try reader.optionalString(Key.reason.text)
            if let reason { try TextRules.check(reason, field: reader.path(of: Key.reason.text), limit: Limit.reason) }
            content = .withdrawal(reason: reason)
        default:
            throw FieldError(field: reader.path(of: Key.type.text),
                             problem: .malformed(expected: "\"signature\" or \"withdrawal\"", found: Self.quoted(type)))
        }
        try reader.finish()
        self.init(registry: registry, declarationDigest: digest, content: content,
                  signedAt: signedAt, publicKey: publicKey, signature: signature)
    }

    /// Reads a statement file: JSON (canonical or not) holding one statement.
    public init(fileBytes: [UInt8]) throws(FieldError) {
        let json: JSONValue
        do {
            json = try CanonicalJSON.parse(fileBytes)
        } catch {
            throw FieldError(field: "", problem: .malformed(expected: "one JSON object", found: error.description))
        }
        try self.init(json: json)
    }

    private static func readSignatory(_ reader: inout JSONObjectReader) throws(FieldError) -> Signatory {
        let kindText = try reader.string(Key.kind.text)
        guard let kind = SignatoryKind(rawValue: kindText) else {
            throw FieldError(field: reader.path(of: Key.kind.text),
                             problem: .malformed(expected: "\"government\" or \"civil-society\"", found: quoted(kindText)))
        }
        let name = try reader.string(Key.name.text)
        try TextRules.check(name, field: reader.path(of: Key.name.text), limit: Limit.name)
        let jurisdictionText = try reader.string(Key.jurisdiction.text)
        let jurisdiction: Jurisdiction
        do {
            jurisdiction = try Jurisdiction(code: jurisdictionText)
        } catch {
            throw FieldError(field: reader.path(of: Key.jurisdiction.text),
                             problem: .malformed(expected: "an ISO 3166-1 alpha-2 or ISO 3166-2 code such as FR or US-TX",
                                                 found: quoted(jurisdictionText)))
        }
        let representative = try reader.string(Key.representative.text)
        try TextRules.check(representative, field: reader.path(of: Key.representative.text), limit: Limit.representative)
        let title = try reader.string(Key.title.text)
        try TextRules.check(title, field: reader.path(of: Key.title.text), limit: Limit.title)
        let website = try reader.optionalString(Key.website.text)
        if let website { try WebsiteRules.check(website, field: reader.path(of: Key.website.text)) }
        return Signatory(kind: kind, name: name, jurisdiction: jurisdiction,
                         representative: representative, title: title, website: website)
    }

    private static func readPublicKey(_ text: String, field: String) throws(FieldError) -> Ed25519PublicKey {
        guard let raw = Base64.decode(text), raw.count == 32 else {
            throw FieldError(field: field, problem: .malformed(expected: "the base64 of a 32-byte Ed25519 public key", found: quoted(text)))
        }
        do {
            return try Ed25519PublicKey(rawRepresentation: raw)
        } catch {
            throw FieldError(field: field, problem: .malformed(expected: "a valid Ed25519 public key", found: error.description))
        }
    }

    /// Quotes a found value for an error message, shortened so that a
    /// megabyte-long field does not flood the terminal.
    static func quoted(_ text: String) -> String {
        let limit = 60
        let shown = text.unicodeScalars.count > limit
            ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
            : text
        let escaped = shown.unicodeScalars.map { scalar -> String in
            TextRules.isForbidden(scalar) || scalar == "\"" || scalar == "\\"
                ? "\\u{" + String(scalar.value, radix: 16) + "}"
                : String(scalar)
        }.joined()
        return "\"" + escaped + "\""
    }
}

/// The names of a statement's members, which are the ledger line's.
private typealias Key = LedgerLineCodec.Key

/// Rules for a signatory's website.
/// The `website` rule: text (5.2) that matches the grammar docs/FORMAT.md
/// 5.1 writes out, a subset of RFC 3986's absolute URI: `http` or `https`
/// (any case), `://`, a host name or IPv4 address, an optional port, then
/// an optional path, query and fragment of URI characters, with `%` only
/// before two hex digits. No user information, no IP literal, ASCII only
/// (an internationalised host is written as its A-label, `xn--…`, and other
/// characters percent-encoded). Decided on the bytes, allocation-free, so
/// the verifier's fast path uses it as it is.
enum WebsiteRules {
    static func check(_ website: String, field: String) throws(FieldError) {
        try TextRules.check(website, field: field, limit: Statement.Limit.website)
        var bytes = website
        guard bytes.withUTF8({ matchesGrammar(UnsafeRawBufferPointer($0)) }) else {
            throw FieldError(field: field, problem: .malformed(
                expected: "an http or https address such as https://www.paris.fr (docs/FORMAT.md 5.1: a host name without user information, "
                    + "an optional port, ASCII only, % followed by two hex digits)",
                found: Statement.quoted(website)))
        }
    }

    /// Whether `address` matches the grammar (see the type), within the
    /// field's length limit. Such an address is printable ASCII without
    /// spaces, so it also passes every text rule.
    ///
    ///     website  = scheme "://" host [ ":" port ] *( "/" *pchar ) [ "?" rest ] [ "#" rest ]
    ///     scheme   = "http" / "https"                       ; case-insensitive
    ///     host     = label *( "." label )                   ; at most 253 bytes
    ///     label    = 1*63( ALPHA / DIGIT / "-" )            ; not starting or ending with "-"
    ///     port     = 1*5DIGIT
    ///     rest     = *( pchar / "/" / "?" )
    ///     pchar    = ALPHA / DIGIT / "-" / "." / "_" / "~" / "%" HEXDIG HEXDIG
    ///              / "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" / ":" / "@"
    static func matchesGrammar(_ address: UnsafeRawBufferPointer) -> Bool {
        guard address.count <= Statement.Limit.website else { return false }
        func lower(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
        func starts(with prefix: StaticString) -> Bool {
            prefix.utf8Start.withMemoryRebound(to: UInt8.self, capacity: prefix.utf8CodeUnitCount) { start in
                address.count >= prefix.utf8CodeUnitCount
                    && (0..<prefix.utf8CodeUnitCount).allSatisfy { lower(address[$0]) == start[$0] }
            }
        }
        var index: Int
        if starts(with: "https://") {
            index = 8
        } else if starts(with: "http://") {
            index = 7
        } else {
            return false
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            isDigit(byte) || (lower(byte) >= UInt8(ascii: "a") && lower(byte) <= UInt8(ascii: "z"))
        }
        func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (lower(byte) >= UInt8(ascii: "a") && lower(byte) <= UInt8(ascii: "f"))
        }
        // The host: labels separated by single dots.
        let hostStart = index
        var labelStart = index
        while true {
            while index < address.count, isAlphanumeric(address[index]) || address[index] == UInt8(ascii: "-") {
                index += 1
            }
            let length = index - labelStart
            guard (1...63).contains(length), address[labelStart] != UInt8(ascii: "-"),
                  address[index - 1] != UInt8(ascii: "-")
            else { return false }
            guard index < address.count, address[index] == UInt8(ascii: ".") else { break }
            index += 1
            labelStart = index
        }
        guard index - hostStart <= 253 else { return false }
        if index < address.count, address[index] == UInt8(ascii: ":") {
            index += 1
            let portStart = index
            while index < address.count, isDigit(address[index]) { index += 1 }
            guard (1...5).contains(index - portStart) else { return false }
        }
        // Path, then query, then fragment: each part may hold the later
        // parts' characters but "#" only once.
        var inFragment = false
        guard index == address.count || [UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains(address[index])
        else { return false }
        while index < address.count {
            let byte = address[index]
            switch byte {
            case _ where isAlphanumeric(byte):
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < address.count, isHexDigit(address[index + 1]), isHexDigit(address[index + 2]) else {
                    return false
                }
                index += 3
            case UInt8(ascii: "#"):
                guard !inFragment else { return false }
                inFragment = true
                index += 1
            default:
                guard "-._~!$&'()*+,;=:@/?".utf8.contains(byte) else { return false }
                index += 1
            }
        }
        return true
    }
}

extension Statement {
    /// Checks every field of the statement against the format's rules, as
    /// a registrar or verifier reading it would: a statement built in code
    /// is held to the same rules as one read from a file.
    public func validate() throws(FieldError) {
        _ = try Statement(json: json)
    }
}
