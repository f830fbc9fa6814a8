import CryptoPrimitives
import Foundation

/// A position in a line's bytes, moved forward as the line is read: the
/// byte-level reading (JSON strings, numbers, digests, base64, text checked
/// by its bytes) that `LedgerLineCodec`'s fast and replay readers walk the
/// ledger line's layout with. It knows JSON's syntax and the form of each
/// kind of value, and nothing of which member comes where.
///
/// Every step either moves past what it read or, when the bytes are not
/// what it reads, returns nil (or false) for the reader to give up on the
/// line and leave it to the general path.
struct ByteCursor {
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

    /// A timestamp's digits as one number (20161209100000 for
    /// 2016-12-09T10:00:00Z); its form was checked when the entry was
    /// verified.
    mutating func digits() -> UInt64? {
        guard let value = verifiedString(), value.range.count == 20 else { return nil }
        var number: UInt64 = 0
        var count = 0
        for index in value.range where bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
            number = number &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
            count += 1
        }
        return count == 14 ? number : nil
    }

    /// Whether `value` holds exactly the bytes `expected`.
    func matches(_ value: StringValue, _ expected: [UInt8]) -> Bool {
        value.range.count == expected.count && zip(value.range, expected).allSatisfy { bytes[$0] == $1 }
    }

    /// Whether `value` holds exactly the UTF-8 of `text` (a raw value, say).
    func matches(_ value: StringValue, _ text: String) -> Bool {
        value.range.count == text.utf8.count && zip(value.range, text.utf8).allSatisfy { bytes[$0] == $1 }
    }

    // MARK: - Values

    /// Steps over `literal` if the bytes at the cursor are exactly it.
    mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count, let base = bytes.baseAddress,
              memcmp(base + position, literal.utf8Start, count) == 0
        else { return false }
        position += count
        return true
    }

    /// Steps over a member's name and its colon, `"name":`, and the byte
    /// before it (`{` for an object's first member, `,` for any other), if
    /// the bytes at the cursor are exactly those: one comparison, as for a
    /// literal.
    mutating func take(member name: StaticString, after opening: UInt8) -> Bool {
        let count = name.utf8CodeUnitCount
        guard bytes.count - position >= count + 4, let base = bytes.baseAddress,
              bytes[position] == opening, bytes[position + 1] == UInt8(ascii: "\""),
              memcmp(base + position + 2, name.utf8Start, count) == 0,
              bytes[position + 2 + count] == UInt8(ascii: "\""), bytes[position + 3 + count] == UInt8(ascii: ":")
        else { return false }
        position += count + 4
        return true
    }

    /// Steps over the string `"value"` if the bytes at the cursor are
    /// exactly it.
    mutating func take(quoted value: StaticString) -> Bool {
        let count = value.utf8CodeUnitCount
        guard bytes.count - position >= count + 2, let base = bytes.baseAddress,
              bytes[position] == UInt8(ascii: "\""),
              memcmp(base + position + 1, value.utf8Start, count) == 0,
              bytes[position + 1 + count] == UInt8(ascii: "\"")
        else { return false }
        position += count + 2
        return true
    }

    /// A string's bytes, found without looking at them one by one: for
    /// lines verified before, whose strings were checked then. A string
    /// with a backslash is refused, since its closing quote might not be
    /// the first quote after it.
    mutating func verifiedString() -> StringValue? {
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
    mutating func string() -> StringValue? {
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
    mutating func asciiString() -> String? {
        guard let value = string(), value.isPrintableASCII else { return nil }
        return makeString(value.range)
    }

    /// A human-readable text field that `TextRules.check` accepts with
    /// `limit`.
    mutating func text(limit: Int) -> String? {
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
    /// Latin scripts are written. Those characters are all assigned, none
    /// but the C1 controls (U+0080 to U+009F) and the soft hyphen (U+00AD)
    /// is forbidden, and none combines with another, so such text is in NFC;
    /// its white space is the space and the no-break space. A false answer
    /// means only "ask `TextRules`".
    func isPlainLatinText(_ range: Range<Int>, limit: Int) -> Bool {
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
                // U+0080 to U+02FF; U+0080 to U+009F are C1 controls, and
                // U+00AD (soft hyphen) is the range's one format character.
                if lead == 0xC2 && (bytes[index + 1] < 0xA0 || bytes[index + 1] == 0xAD) { return false }
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

    /// A website `WebsiteRules.check` accepts: its grammar admits only
    /// printable ASCII without spaces, which passes every text rule, so the
    /// grammar decides alone.
    func website(_ value: StringValue) -> String? {
        guard value.isPrintableASCII, WebsiteRules.matchesGrammar(UnsafeRawBufferPointer(rebasing: bytes[value.range])) else {
            return nil
        }
        return makeString(value.range)
    }

    /// A timestamp in the registry's form.
    mutating func timestamp() -> String? {
        guard let value = string(), RFC3339.isValid(UnsafeRawBufferPointer(rebasing: bytes[value.range])) else {
            return nil
        }
        return makeString(value.range)
    }

    /// A digest as 64 lowercase hexadecimal digits.
    mutating func digest() -> SHA256Digest? {
        string().flatMap(digest(in:))
    }

    /// The digest that `value` holds as 64 lowercase hexadecimal digits.
    func digest(in value: StringValue) -> SHA256Digest? {
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
    mutating func base64(count: Int) -> [UInt8]? {
        guard let value = string(), value.isPrintableASCII else { return nil }
        return base64(in: value, count: count)
    }

    /// The `count` bytes that `value` holds in canonical base64.
    func base64(in value: StringValue, count: Int) -> [UInt8]? {
        guard let decoded = Base64.decode(UnsafeRawBufferPointer(rebasing: bytes[value.range])),
              decoded.count == count
        else { return nil }
        return decoded
    }

    /// A whole number from 1, written without a leading zero, small enough
    /// (15 digits) to be exact in every JSON reader.
    mutating func wholeNumber() -> Int64? {
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

    func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    func makeString(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
