/// RFC 8785 JSON Canonicalization Scheme (JCS) for the values the registry
/// signs: one byte sequence per value, so a signature over the bytes is a
/// signature over the value.
///
/// The canonical form has no whitespace, sorts object keys by their UTF-16
/// code units, escapes only `"`, `\` and U+0000 to U+001F (with the short
/// forms `\b \t \n \f \r` where they exist, otherwise `\u00xx` in lowercase
/// hex), and writes every other character literally as UTF-8. Numbers are
/// integers only, within ±(2^53 − 1), the range every I-JSON reader holds
/// exactly; floats have more than one plausible spelling and are refused.
public enum CanonicalJSON {
    /// How deeply arrays and objects may nest. Signed records are shallow; the
    /// limit keeps hostile input from exhausting the stack.
    public static let maximumDepth = 64

    /// The integers the parser accepts: ±(2^53 − 1), exact in every JSON reader.
    public static let safeIntegerRange: ClosedRange<Int64> = -9_007_199_254_740_991 ... 9_007_199_254_740_991

    /// The canonical bytes of `value`, with no trailing newline.
    ///
    /// Every value encodes, but the bytes of an integer outside
    /// `safeIntegerRange`, or of containers nested deeper than `maximumDepth`,
    /// are refused by `parse`; check values built from outside input first.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(value)
        return writer.output
    }

    /// Parses any well-formed JSON text made of the supported values;
    /// whitespace between tokens, keys in any order and any valid escape are
    /// accepted.
    ///
    /// Refused: empty input, bytes after the value, floats, `-0`, leading
    /// zeros, integers outside `safeIntegerRange`, invalid UTF-8, unescaped
    /// control characters, lone surrogates in `\u` escapes, duplicate keys
    /// (compared as Swift strings), nesting deeper than `maximumDepth`.
    public static func parse(_ bytes: some Collection<UInt8>) throws(CanonicalJSONError) -> JSONValue {
        try parse(bytes, canonical: false)
    }

    /// Parses `bytes` and requires them to be exactly `encode` of the result:
    /// no whitespace, keys in canonical order, only canonical escapes. The
    /// error's `byteOffset` says where the input departs from canonical form.
    ///
    /// The check happens while parsing, in the same single pass; nothing is
    /// re-encoded.
    public static func parseCanonical(_ bytes: some Collection<UInt8>) throws(CanonicalJSONError) -> JSONValue {
        try parse(bytes, canonical: true)
    }

    private static func parse(
        _ bytes: some Collection<UInt8>, canonical: Bool
    ) throws(CanonicalJSONError) -> JSONValue {
        // The closure of `withContiguousStorageIfAvailable` can only rethrow
        // untyped errors, so the typed error travels out inside a Result.
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            parse(buffer: buffer, canonical: canonical)
        }
        let result = contiguous ?? Array(bytes).withUnsafeBufferPointer { buffer in
            parse(buffer: buffer, canonical: canonical)
        }
        return try result.get()
    }

    private static func parse(
        buffer: UnsafeBufferPointer<UInt8>, canonical: Bool
    ) -> Result<JSONValue, CanonicalJSONError> {
        var parser = CanonicalJSONParser(bytes: buffer, canonical: canonical)
        do throws(CanonicalJSONError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

// MARK: - Key order

extension CanonicalJSON {
    /// Whether `a` sorts before `b` in canonical key order: lexicographic over
    /// UTF-16 code units (RFC 8785 section 3.2.3), not Swift's `String` `<`.
    static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        compareKeys(a, b) < 0
    }

    /// Compares two keys by UTF-16 code units: negative, zero or positive.
    static func compareKeys(_ a: String, _ b: String) -> Int {
        let fast = a.utf8.withContiguousStorageIfAvailable { aBytes in
            b.utf8.withContiguousStorageIfAvailable { bBytes in
                compareUTF8ByUTF16(aBytes, bBytes)
            }
        }
        if let fast, let result = fast {
            return result
        }
        if a.utf16.elementsEqual(b.utf16) { return 0 }
        return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
    }

    /// Compares well-formed UTF-8 in UTF-16 code-unit order without transcoding.
    ///
    /// UTF-8 byte order is code point order, which agrees with UTF-16 order
    /// except that U+E000...U+FFFF (lead bytes 0xEE, 0xEF) sort after the
    /// supplementary planes (lead bytes 0xF0...0xF4, surrogates 0xD800...0xDBFF
    /// in UTF-16). Because the bytes before the first difference are equal, the
    /// differing bytes are either both lead bytes or both continuation bytes,
    /// so lifting 0xEE and 0xEF above 0xF4 fixes the order.
    static func compareUTF8ByUTF16(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common {
            let x = a[index]
            let y = b[index]
            if x != y {
                return utf16Weight(x) < utf16Weight(y) ? -1 : 1
            }
            index += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    @inline(__always)
    private static func utf16Weight(_ byte: UInt8) -> UInt16 {
        byte == 0xEE || byte == 0xEF ? UInt16(byte) &+ 0x10 : UInt16(byte)
    }
}

// MARK: - Writing

/// Appends canonical bytes to one growing buffer.
struct CanonicalWriter {
    var output: [UInt8] = []

    init() {
        output.reserveCapacity(256)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
        case .bool(true):
            output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
        case .bool(false):
            output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
        case .integer(let number):
            writeInteger(number)
        case .string(let text):
            writeString(text)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let sorted = members.sorted { CanonicalJSON.keyPrecedes($0.key, $1.key) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key)
                output.append(UInt8(ascii: ":"))
                write(member.value)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeInteger(_ number: Int64) {
        if number < 0 { output.append(UInt8(ascii: "-")) }
        // `magnitude` is a UInt64, so Int64.min needs no special case.
        var rest = number.magnitude
        let start = output.count
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        output[start...].reverse()
    }

    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        if done == nil {
            for byte in text.utf8 {
                if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                    appendEscape(byte)
                } else {
                    output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The canonical escape of `"`, `\` or a control character.
    private mutating func appendEscape(_ byte: UInt8) {
        output.append(contentsOf: Self.escape(for: byte))
    }

    /// How the canonical form writes the scalar `value`: its escape for `"`,
    /// `\` and U+0000...U+001F, its UTF-8 bytes otherwise.
    static func canonicalBytes(forScalar value: UInt32) -> [UInt8] {
        if value < 0x20 || value == 0x22 || value == 0x5C {
            return escape(for: UInt8(value))
        }
        return utf8Bytes(ofScalar: value)
    }

    private static func escape(for byte: UInt8) -> [UInt8] {
        let backslash = UInt8(ascii: "\\")
        switch byte {
        case 0x22: return [backslash, UInt8(ascii: "\"")]
        case 0x5C: return [backslash, backslash]
        case 0x08: return [backslash, UInt8(ascii: "b")]
        case 0x09: return [backslash, UInt8(ascii: "t")]
        case 0x0A: return [backslash, UInt8(ascii: "n")]
        case 0x0C: return [backslash, UInt8(ascii: "f")]
        case 0x0D: return [backslash, UInt8(ascii: "r")]
        default:
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            return [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }
    }

    /// UTF-8 encoding of a scalar value the caller knows to be valid.
    static func utf8Bytes(ofScalar value: UInt32) -> [UInt8] {
        switch value {
        case 0..<0x80:
            return [UInt8(value)]
        case 0x80..<0x800:
            return [0xC0 | UInt8(value >> 6), 0x80 | UInt8(value & 0x3F)]
        case 0x800..<0x10000:
            return [0xE0 | UInt8(value >> 12), 0x80 | UInt8((value >> 6) & 0x3F), 0x80 | UInt8(value & 0x3F)]
        default:
            return [0xF0 | UInt8(value >> 18), 0x80 | UInt8((value >> 12) & 0x3F),
                    0x80 | UInt8((value >> 6) & 0x3F), 0x80 | UInt8(value & 0x3F)]
        }
    }
}
