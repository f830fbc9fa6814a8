/// Why bytes were refused as JSON, or as the canonical form of a value.
///
/// `byteOffset` counts from the first byte of the input (0-based), so a
/// caller reading a ledger can report both the line and the column.
public struct CanonicalJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with the input.
    public enum Kind: Sendable, Equatable {
        /// The input holds no bytes at all.
        case emptyInput
        /// The input ends before the value is complete; `expected` names what had to come next.
        case unexpectedEnd(expected: String)
        /// A byte that cannot appear at this place; `expected` names what may.
        case unexpectedByte(found: UInt8, expected: String)
        /// More bytes follow the complete top-level value.
        case trailingBytes
        /// A number with a fraction or an exponent: signed data holds integers only.
        case floatNotAllowed
        /// The number `-0`, which is not an integer distinct from `0`.
        case negativeZero
        /// An integer written with a leading zero, such as `007`.
        case leadingZero
        /// An integer outside ±(2^53 − 1), which other JSON readers cannot hold exactly.
        case integerOutOfRange
        /// Bytes that are not well-formed UTF-8: an overlong form, an encoded
        /// surrogate, a code point above U+10FFFF, a stray continuation byte or
        /// a truncated sequence.
        case invalidUTF8
        /// A control character (U+0000 to U+001F) written unescaped inside a string.
        case unescapedControlCharacter(UInt8)
        /// A backslash followed by something that is not a JSON escape.
        case invalidEscape
        /// A `\u` escape names one half of a UTF-16 surrogate pair without the other half.
        case loneSurrogate(UInt16)
        /// An object names the same key twice. Keys are compared as Swift
        /// strings, so two spellings of one text that differ only in Unicode
        /// normalization ("é" as U+00E9 and as "e" + U+0301) count as the same key.
        case duplicateKey(String)
        /// Arrays and objects are nested more than `limit` levels deep.
        case nestingTooDeep(limit: Int)
        /// Whitespace between tokens, which the canonical form never has.
        case whitespaceNotCanonical
        /// A key that sorts before the key preceding it (canonical order compares UTF-16 code units).
        case keysNotSorted(previous: String, key: String)
        /// A valid escape that the canonical form writes differently: `found` is
        /// the escape as written, `canonical` the text the canonical form has instead.
        case escapeNotCanonical(found: String, canonical: String)
    }

    /// What was wrong.
    public let kind: Kind
    /// Where it was found: the offset of the first offending byte, counted from 0.
    ///
    /// For `parseCanonical`'s whitespace and escape errors this is exactly the
    /// first byte where the input and the canonical encoding differ. For
    /// `keysNotSorted` it is the opening quote of the key that is out of order,
    /// and for `duplicateKey` the opening quote of the second occurrence.
    public let byteOffset: Int

    /// Creates an error of `kind` found at `byteOffset`.
    public init(kind: Kind, byteOffset: Int) {
        self.kind = kind
        self.byteOffset = byteOffset
    }

    public var description: String {
        "byte \(byteOffset): \(problem)"
    }

    private var problem: String {
        switch kind {
        case .emptyInput:
            return "the input is empty; expected a JSON value"
        case .unexpectedEnd(let expected):
            return "the input ends too early; expected \(expected)"
        case .unexpectedByte(let found, let expected):
            return "found \(Self.show(found)) where \(expected) was expected"
        case .trailingBytes:
            return "extra bytes follow the complete JSON value; remove them"
        case .floatNotAllowed:
            return "floats are not allowed in signed data; "
                + "write the quantity as an integer, or as a string"
        case .negativeZero:
            return "-0 is a float, and floats are not allowed in signed data; write 0"
        case .leadingZero:
            return "an integer has a leading zero; write it without leading zeros"
        case .integerOutOfRange:
            return "the integer is beyond ±9007199254740991 (2^53 − 1), "
                + "which other JSON readers cannot hold exactly; write it as a string"
        case .invalidUTF8:
            return "the bytes are not well-formed UTF-8; save the file as UTF-8"
        case .unescapedControlCharacter(let byte):
            return "a string holds the control character \(Self.show(byte)) unescaped; "
                + "write it as an escape such as \\n or \\u001f"
        case .invalidEscape:
            return "a backslash in a string does not start a valid escape; "
                + "use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits"
        case .loneSurrogate(let unit):
            return "\\u\(Self.hex4(unit)) is half of a UTF-16 surrogate pair without its other half"
        case .duplicateKey(let key):
            return "the key \"\(key)\" appears twice in one object "
                + "(keys that differ only in Unicode normalization count as the same key)"
        case .nestingTooDeep(let limit):
            return "arrays and objects are nested more than \(limit) levels deep"
        case .whitespaceNotCanonical:
            return "whitespace is not allowed in canonical JSON; remove it"
        case .keysNotSorted(let previous, let key):
            return "the key \"\(key)\" follows \"\(previous)\" but sorts before it; "
                + "canonical JSON sorts keys by UTF-16 code units"
        case .escapeNotCanonical(let found, let canonical):
            return "the escape \(found) is not canonical; canonical JSON writes \(Self.showText(canonical))"
        }
    }

    private static func show(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))' (0x\(hex2(byte)))"
        }
        return "byte 0x\(hex2(byte))"
    }

    private static func showText(_ text: String) -> String {
        if text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, !scalar.isASCII {
            let code = String(scalar.value, radix: 16, uppercase: true)
            return "the character itself (U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code))"
        }
        return text
    }

    private static func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
