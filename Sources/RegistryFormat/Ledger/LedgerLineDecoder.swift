import CryptoPrimitives
import Foundation
import TransparencyLog

/// Reads a ledger line laid out exactly as the registry writes entries,
/// straight from its bytes, without building a JSON tree: the verifier's
/// fast path.
///
/// It accepts only a subset of the lines the general path
/// (`CanonicalJSON.parseCanonical` then `Entry(json:)`) accepts, and gives
/// the same entry for them; anything else (an escape in a string, a member
/// out of place, a field that breaks a rule) makes it return nil, and the
/// caller then takes the general path, which either reads the line after
/// all or says exactly what is wrong with it. So the fast path never decides
/// a failure, only speeds up success. Why the subset holds:
///
/// - Canonical JSON has no white space and writes an object's members in
///   key order, so a canonical entry is the literal text below with its
///   values filled in; the decoder matches that text byte for byte.
/// - Strings are taken only when they hold no backslash and no control
///   character, so their bytes are their value; non-ASCII text must be
///   valid UTF-8 (the same test the parser makes).
/// - Every value passes the same checks as in `Entry(json:)`: printable
///   ASCII and Latin text (below U+0300) is checked here with byte rules
///   that agree with `TextRules` for it, and any other text goes through
///   `TextRules` itself; a plain web address is checked by its bytes, any
///   other by `WebsiteRules`. The tests compare both ways for every
///   character below U+0300.
///
/// The layout, members in key order:
///
///     {"appended_at":T,"previous":HEX,"sequence":N,"statement":{
///       "declaration":HEX,["language":L,]"public_key":B64,["reason":R,]
///       "registry":O,["signatory":{"jurisdiction":J,"kind":K,"name":N,
///       "representative":R,"title":T[,"website":W]},]"signature":B64,
///       "signed_at":T,"type":"signature"|"withdrawal"}}
package enum LedgerLineDecoder {
    /// An entry read by the fast path.
    package struct Decoded {
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
        /// member, cut out of `line` (see `Entry.signedMessage(slicedFrom:)`
        /// for why those are the bytes signed).
        package func signedMessage(in line: [UInt8]) -> [UInt8] {
            Entry.signedMessage(in: line, statementStart: statementStart, signatureMember: signatureMemberStart..<tailStart)
        }
    }

    /// The entry in `line`, or nil when the line is not laid out as the
    /// registry writes entries or any field breaks a rule.
    package static func decode(_ line: [UInt8]) -> Decoded? {
        line.withUnsafeBytes { buffer in
            var cursor = Cursor(buffer)
            return cursor.entry()
        }
    }

    /// What replaying an entry already verified needs from its line, read
    /// without checking the fields' form, or nil when the line is not laid
    /// out as the registry writes entries. See `ReplayedEntry`.
    package static func replayed(_ line: [UInt8], header: ReplayHeader) -> ReplayedEntry? {
        line.withUnsafeBytes { buffer in
            var cursor = Cursor(buffer)
            return cursor.replayed(header: header, lineHash: SHA256.hash(buffer), leafHash: MerkleTree.leafHash(line))
        }
    }
}

/// The header fields every entry is bound to, as bytes to compare with.
package struct ReplayHeader: Sendable {
    var origin: [UInt8]
    var declarationDigest: [UInt8]

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

/// A position in a line's bytes, moved forward as the line is read.
private struct Cursor {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// A string's value: where its bytes are, and whether they are all
    /// printable ASCII (space to tilde).
    struct StringValue {
        var range: Range<Int>
        var isPrintableASCII: Bool
    }

    mutating func entry() -> LedgerLineDecoder.Decoded? {
        guard take("{\"appended_at\":"), let appendedAt = timestamp(),
              take(",\"previous\":"), let previous = digest(),
              take(",\"sequence\":"), let sequence = wholeNumber(),
              take(",\"statement\":")
        else { return nil }
        let statementStart = position
        guard take("{\"declaration\":"), let declarationDigest = digest() else { return nil }

        var language: Language?
        if take(",\"language\":") {
            guard let text = asciiString(), let parsed = Language(rawValue: text) else { return nil }
            language = parsed
        }
        guard take(",\"public_key\":"), let keyBytes = base64(count: 32),
              let publicKey = try? Ed25519PublicKey(rawRepresentation: keyBytes)
        else { return nil }
        var reason: String?
        if take(",\"reason\":") {
            guard let text = text(limit: Statement.Limit.reason) else { return nil }
            reason = text
        }
        guard take(",\"registry\":"), let registry = asciiString(),
              (try? RegistryOrigin.check(registry)) != nil
        else { return nil }
        var signatory: Signatory?
        if take(",\"signatory\":") {
            guard let read = signatoryObject() else { return nil }
            signatory = read
        }
        let signatureMemberStart = position
        guard take(",\"signature\":"), let signature = base64(count: 64) else { return nil }
        let tailStart = position
        guard take(",\"signed_at\":"), let signedAt = timestamp(), take(",\"type\":\"") else { return nil }

        let content: Statement.Content
        if take("signature\"}}") {
            guard let language, let signatory, reason == nil else { return nil }
            content = .signature(language: language, signatory: signatory)
        } else if take("withdrawal\"}}") {
            guard language == nil, signatory == nil else { return nil }
            content = .withdrawal(reason: reason)
        } else {
            return nil
        }
        guard position == bytes.count else { return nil }

        let statement = Statement(registry: registry, declarationDigest: declarationDigest, content: content,
                                  signedAt: signedAt, publicKey: publicKey, signature: signature)
        return LedgerLineDecoder.Decoded(
            entry: Entry(sequence: sequence, previous: previous, appendedAt: appendedAt, statement: statement),
            signatureMemberStart: signatureMemberStart, tailStart: tailStart, statementStart: statementStart)
    }

    mutating func replayed(header: ReplayHeader, lineHash: @autoclosure () -> SHA256Digest,
                           leafHash: @autoclosure () -> SHA256Digest) -> ReplayedEntry? {
        guard take("{\"appended_at\":"), let appendedAt = digits(),
              take(",\"previous\":"), let previous = verifiedString().flatMap(digest(in:)),
              take(",\"sequence\":"), let sequence = wholeNumber(),
              take(",\"statement\":{\"declaration\":"), let declaration = verifiedString()
        else { return nil }
        var isBound = matches(declaration, header.declarationDigest)
        if take(",\"language\":") {
            guard verifiedString() != nil else { return nil }
        }
        guard take(",\"public_key\":"), let keyBytes = verifiedString().flatMap({ base64(in: $0, count: 32) }) else { return nil }
        if take(",\"reason\":") {
            guard verifiedString() != nil else { return nil }
        }
        guard take(",\"registry\":"), let registry = verifiedString() else { return nil }
        isBound = isBound && matches(registry, header.origin)
        var signatory: (kind: SignatoryKind, identity: Bytes32)?
        if take(",\"signatory\":{\"jurisdiction\":") {
            guard let jurisdiction = verifiedString(), take(",\"kind\":\""),
                  let kind: SignatoryKind = take("government\"") ? .government : take("civil-society\"") ? .civilSociety : nil,
                  take(",\"name\":"), let name = verifiedString(),
                  take(",\"representative\":"), verifiedString() != nil,
                  take(",\"title\":"), verifiedString() != nil
            else { return nil }
            if take(",\"website\":") {
                guard verifiedString() != nil else { return nil }
            }
            guard take("}"),
                  let identity = SignatoryIdentity.digest(
                    kind: kind, name: UnsafeRawBufferPointer(rebasing: bytes[name.range]),
                    jurisdiction: UnsafeRawBufferPointer(rebasing: bytes[jurisdiction.range]))
            else { return nil }
            signatory = (kind, Bytes32(identity.bytes))
        }
        guard take(",\"signature\":"), verifiedString() != nil,
              take(",\"signed_at\":"), let signedAt = digits(), take(",\"type\":\"")
        else { return nil }
        if take("signature\"}}") {
            guard signatory != nil else { return nil }
        } else if take("withdrawal\"}}") {
            guard signatory == nil else { return nil }
        } else {
            return nil
        }
        guard position == bytes.count else { return nil }
        return ReplayedEntry(sequence: sequence, previous: previous, appendedAt: appendedAt, signedAt: signedAt,
                             key: Bytes32(keyBytes), isBound: isBound, signatory: signatory,
                             lineHash: lineHash(), leafHash: leafHash())
    }

    /// A timestamp's digits as one number (20161209100000 for
    /// 2016-12-09T10:00:00Z); its form was checked when the entry was
    /// verified.
    private mutating func digits() -> UInt64? {
        guard let value = verifiedString(), value.range.count == 20 else { return nil }
        var number: UInt64 = 0
        var count = 0
        for index in value.range where bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
            number = number &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
            count += 1
        }
        return count == 14 ? number : nil
    }

    private func matches(_ value: StringValue, _ expected: [UInt8]) -> Bool {
        value.range.count == expected.count && zip(value.range, expected).allSatisfy { bytes[$0] == $1 }
    }

    private mutating func signatoryObject() -> Signatory? {
        guard take("{\"jurisdiction\":"), let code = asciiString(),
              let jurisdiction = try? Jurisdiction(code: code),
              take(",\"kind\":"), let kindText = asciiString(), let kind = SignatoryKind(rawValue: kindText),
              take(",\"name\":"), let name = text(limit: Statement.Limit.name),
              take(",\"representative\":"), let representative = text(limit: Statement.Limit.representative),
              take(",\"title\":"), let title = text(limit: Statement.Limit.title)
        else { return nil }
        var website: String?
        if take(",\"website\":") {
            guard let value = string(), let checked = self.website(value) else { return nil }
            website = checked
        }
        guard take("}") else { return nil }
        return Signatory(kind: kind, name: name, jurisdiction: jurisdiction,
                         representative: representative, title: title, website: website)
    }

    // MARK: - Values

    /// Steps over `literal` if the bytes at the cursor are exactly it.
    private mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count, let base = bytes.baseAddress,
              memcmp(base + position, literal.utf8Start, count) == 0
        else { return false }
        position += count
        return true
    }

    /// A string's bytes, found without looking at them one by one: for
    /// lines verified before, whose strings were checked then. A string
    /// with a backslash is refused, since its closing quote might not be
    /// the first quote after it.
    private mutating func verifiedString() -> StringValue? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let base = bytes.baseAddress else { return nil }
        let start = position + 1
        guard let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start) else { return nil }
        let end = base.distance(to: UnsafeRawPointer(quote))
        guard memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) == nil else { return nil }
        position = end + 1
        return StringValue(range: start..<end, isPrintableASCII: false)
    }

    /// A string without escapes or control characters; nil for any other
    /// value or a string that has either.
    private mutating func string() -> StringValue? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var index = start
        var isPrintableASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return StringValue(range: start..<index, isPrintableASCII: isPrintableASCII)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            if byte > 0x7E { isPrintableASCII = false }
            index += 1
        }
        return nil
    }

    /// A string of printable ASCII, as a `String`.
    private mutating func asciiString() -> String? {
        guard let value = string(), value.isPrintableASCII else { return nil }
        return makeString(value.range)
    }

    /// A human-readable text field that `TextRules.check` accepts with
    /// `limit`.
    private mutating func text(limit: Int) -> String? {
        guard let value = string() else { return nil }
        let range = value.range
        if value.isPrintableASCII {
            // For printable ASCII, TextRules asks only this: not empty or
            // all spaces, within the limit (one scalar a byte), no space at
            // either end. No such character is forbidden, and ASCII is NFC.
            guard !range.isEmpty, range.count <= limit,
                  bytes[range.lowerBound] != UInt8(ascii: " "),
                  bytes[range.upperBound - 1] != UInt8(ascii: " ")
            else { return nil }
            return makeString(range)
        }
        if isPlainLatinText(range, limit: limit) {
            return makeString(range)
        }
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self),
              (try? TextRules.check(text, field: "", limit: limit)) != nil
        else { return nil }
        return text
    }

    /// Whether the bytes in `range` are text that `TextRules.check` accepts
    /// and that uses no character from U+0300 on: printable ASCII and the
    /// letters and signs of Latin-1, Latin Extended-A and B, IPA and the
    /// spacing modifiers (U+00A0 to U+02FF), which is how most names in
    /// Latin scripts are written. Those characters are all assigned, none is
    /// forbidden, and none combines with another, so such text is in NFC;
    /// its white space is the space and the no-break space. A false answer
    /// means only "ask `TextRules`".
    private func isPlainLatinText(_ range: Range<Int>, limit: Int) -> Bool {
        var scalars = 0
        var index = range.lowerBound
        var lastIsWhitespace = false
        while index < range.upperBound {
            let lead = bytes[index]
            let isWhitespace: Bool
            if lead >= 0x20 && lead <= 0x7E {
                isWhitespace = lead == UInt8(ascii: " ")
                index += 1
            } else if lead >= 0xC2 && lead <= 0xCB, index + 1 < range.upperBound,
                      bytes[index + 1] & 0xC0 == 0x80 {
                // U+0080 to U+02FF; U+0080 to U+009F are C1 controls.
                if lead == 0xC2 && bytes[index + 1] < 0xA0 { return false }
                isWhitespace = lead == 0xC2 && bytes[index + 1] == 0xA0
                index += 2
            } else {
                return false
            }
            if scalars == 0 && isWhitespace { return false }
            lastIsWhitespace = isWhitespace
            scalars += 1
        }
        return scalars > 0 && scalars <= limit && !lastIsWhitespace
    }

    /// A website `WebsiteRules.check` accepts.
    private func website(_ value: StringValue) -> String? {
        guard value.isPrintableASCII else {
            guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[value.range]), as: UTF8.self),
                  (try? WebsiteRules.check(text, field: "")) != nil
            else { return nil }
            return text
        }
        let text = makeString(value.range)
        guard WebsiteRules.isPlainAddress(UnsafeRawBufferPointer(rebasing: bytes[value.range])) else {
            return (try? WebsiteRules.check(text, field: "")) != nil ? text : nil
        }
        return text
    }

    /// A timestamp in the registry's form.
    private mutating func timestamp() -> String? {
        guard let value = string(), RFC3339.isValid(UnsafeRawBufferPointer(rebasing: bytes[value.range])) else {
            return nil
        }
        return makeString(value.range)
    }

    /// A digest as 64 lowercase hexadecimal digits.
    private mutating func digest() -> SHA256Digest? {
        string().flatMap(digest(in:))
    }

    /// The digest that `value` holds as 64 lowercase hexadecimal digits.
    private func digest(in value: StringValue) -> SHA256Digest? {
        guard value.range.count == 64 else { return nil }
        var digest = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            guard let high = hexDigit(bytes[value.range.lowerBound + 2 * index]),
                  let low = hexDigit(bytes[value.range.lowerBound + 2 * index + 1])
            else { return nil }
            digest[index] = high << 4 | low
        }
        return SHA256Digest(bytes: digest)
    }

    /// Canonical base64 of exactly `count` bytes.
    private mutating func base64(count: Int) -> [UInt8]? {
        guard let value = string(), value.isPrintableASCII else { return nil }
        return base64(in: value, count: count)
    }

    /// The `count` bytes that `value` holds in canonical base64.
    private func base64(in value: StringValue, count: Int) -> [UInt8]? {
        guard let decoded = Base64.decode(UnsafeRawBufferPointer(rebasing: bytes[value.range])),
              decoded.count == count
        else { return nil }
        return decoded
    }

    /// A whole number from 1, written without a leading zero, small enough
    /// (15 digits) to be exact in every JSON reader.
    private mutating func wholeNumber() -> Int64? {
        let start = position
        var value: Int64 = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            value = value * 10 + Int64(bytes[position] - UInt8(ascii: "0"))
            position += 1
            guard position - start <= 15 else { return nil }
        }
        guard position > start, bytes[start] != UInt8(ascii: "0") else { return nil }
        return value
    }

    private func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    private func makeString(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
