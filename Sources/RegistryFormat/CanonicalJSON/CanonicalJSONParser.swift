/// A single-pass recursive-descent JSON parser over contiguous bytes.
///
/// In canonical mode it also checks, as it goes, everything that could make
/// the input differ from `CanonicalJSON.encode` of the result: whitespace,
/// key order and escapes. Numbers and literals need no extra check, because
/// the only spellings the parser accepts are the canonical ones.
struct CanonicalJSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let canonical: Bool
    private var position = 0
    /// Reused for strings that contain escapes; all others are decoded
    /// straight from the input.
    private var scratch: [UInt8] = []
    /// Where the last string's text lies in the input when it had no
    /// escapes, so key order can be checked on the input bytes themselves.
    private var lastUnescapedString: Range<Int>?

    init(bytes: UnsafeBufferPointer<UInt8>, canonical: Bool) {
        self.bytes = bytes
        self.canonical = canonical
    }

    /// Parses the one value that must make up the whole input.
    mutating func parseDocument() throws(CanonicalJSONError) -> JSONValue {
        guard !bytes.isEmpty else { throw failure(.emptyInput, at: 0) }
        let value = try parseValue(depth: 0)
        try skipWhitespace()
        guard position == bytes.count else { throw failure(.trailingBytes, at: position) }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(CanonicalJSONError) -> JSONValue {
        try skipWhitespace()
        guard position < bytes.count else { throw failure(.unexpectedEnd(expected: "a value"), at: position) }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral(Self.trueBytes)
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral(Self.falseBytes)
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral(Self.nullBytes)
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try parseInteger())
        case let byte:
            throw failure(.unexpectedByte(found: byte, expected: "a value"), at: position)
        }
    }

    private mutating func parseObject(depth: Int) throws(CanonicalJSONError) -> JSONValue {
        guard depth <= CanonicalJSON.maximumDepth else {
            throw failure(.nestingTooDeep(limit: CanonicalJSON.maximumDepth), at: position)
        }
        position += 1  // {
        var members: [String: JSONValue] = [:]
        try skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        var previousKey: String?
        var previousKeyBytes: Range<Int>?
        while true {
            try skipWhitespace()
            guard position < bytes.count else {
                throw failure(.unexpectedEnd(expected: "a key in double quotes"), at: position)
            }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw failure(.unexpectedByte(found: bytes[position], expected: "a key in double quotes"), at: position)
            }
            let keyOffset = position
            let key = try parseString()
            let keyBytes = lastUnescapedString
            if canonical, let previousKey {
                let order: Int
                if let previousKeyBytes, let keyBytes {
                    order = CanonicalJSON.compareUTF8ByUTF16(
                        UnsafeBufferPointer(rebasing: bytes[previousKeyBytes]),
                        UnsafeBufferPointer(rebasing: bytes[keyBytes]))
                } else {
                    order = CanonicalJSON.compareKeys(previousKey, key)
                }
                if order == 0 {
                    throw failure(.duplicateKey(key), at: keyOffset)
                } else if order > 0 {
                    throw failure(.keysNotSorted(previous: previousKey, key: key), at: keyOffset)
                }
            }
            try skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after the key")
            let value = try parseValue(depth: depth)
            // Keys that differ in bytes but are equal as Swift strings (other
            // Unicode normalization) collide here and are refused too.
            if members.updateValue(value, forKey: key) != nil {
                throw failure(.duplicateKey(key), at: keyOffset)
            }
            try skipWhitespace()
            guard position < bytes.count else {
                throw failure(.unexpectedEnd(expected: "',' or '}'"), at: position)
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            case let byte:
                throw failure(.unexpectedByte(found: byte, expected: "',' or '}'"), at: position)
            }
            if canonical {
                previousKey = key
                previousKeyBytes = keyBytes
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(CanonicalJSONError) -> JSONValue {
        guard depth <= CanonicalJSON.maximumDepth else {
            throw failure(.nestingTooDeep(limit: CanonicalJSON.maximumDepth), at: position)
        }
        position += 1  // [
        var elements: [JSONValue] = []
        try skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            try skipWhitespace()
            guard position < bytes.count else {
                throw failure(.unexpectedEnd(expected: "',' or ']'"), at: position)
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            case let byte:
                throw failure(.unexpectedByte(found: byte, expected: "',' or ']'"), at: position)
            }
        }
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)

    private mutating func expectLiteral(_ literal: [UInt8]) throws(CanonicalJSONError) {
        for expected in literal {
            guard position < bytes.count else {
                throw failure(.unexpectedEnd(expected: Self.restOf(literal)), at: position)
            }
            guard bytes[position] == expected else {
                throw failure(.unexpectedByte(found: bytes[position], expected: Self.restOf(literal)), at: position)
            }
            position += 1
        }
    }

    private static func restOf(_ literal: [UInt8]) -> String {
        "the rest of '\(String(decoding: literal, as: UTF8.self))'"
    }

    // MARK: Numbers

    /// Parses an integer; every number error points at the number's first byte.
    private mutating func parseInteger() throws(CanonicalJSONError) -> Int64 {
        let start = position
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let firstDigit = position
        while position < bytes.count, Self.isDigit(bytes[position]) {
            position += 1
        }
        let digitCount = position - firstDigit
        guard digitCount > 0 else {
            if position == bytes.count {
                throw failure(.unexpectedEnd(expected: "a digit after '-'"), at: position)
            }
            throw failure(.unexpectedByte(found: bytes[position], expected: "a digit after '-'"), at: position)
        }
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                throw failure(.floatNotAllowed, at: start)
            default:
                break
            }
        }
        if bytes[firstDigit] == UInt8(ascii: "0") {
            if digitCount > 1 { throw failure(.leadingZero, at: start) }
            if negative { throw failure(.negativeZero, at: start) }
        }
        // 2^53 − 1 has 16 digits; anything longer is out of range, and
        // anything up to 16 digits fits an Int64 without overflow.
        guard digitCount <= 16 else { throw failure(.integerOutOfRange, at: start) }
        var magnitude: Int64 = 0
        for index in firstDigit..<position {
            magnitude = magnitude * 10 + Int64(bytes[index] &- UInt8(ascii: "0"))
        }
        let value = negative ? -magnitude : magnitude
        guard CanonicalJSON.safeIntegerRange.contains(value) else {
            throw failure(.integerOutOfRange, at: start)
        }
        return value
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(CanonicalJSONError) -> String {
        position += 1  // "
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                lastUnescapedString = start..<position
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                lastUnescapedString = nil
                return try parseEscapedString(from: start)
            }
            try advanceOverCharacter(byte)
        }
        throw failure(.unexpectedEnd(expected: "'\"' to close the string"), at: position)
    }

    /// Continues a string at its first backslash, decoding into `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(CanonicalJSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try decodeEscape()
                runStart = position
                continue
            }
            try advanceOverCharacter(byte)
        }
        throw failure(.unexpectedEnd(expected: "'\"' to close the string"), at: position)
    }

    /// Steps over one unescaped character inside a string, validating it.
    @inline(__always)
    private mutating func advanceOverCharacter(_ byte: UInt8) throws(CanonicalJSONError) {
        if byte < 0x20 {
            throw failure(.unescapedControlCharacter(byte), at: position)
        }
        if byte < 0x80 {
            position += 1
        } else {
            position += try utf8SequenceLength(at: position)
        }
    }

    /// Decodes the escape at `position` (a backslash) into `scratch`.
    private mutating func decodeEscape() throws(CanonicalJSONError) {
        let escapeStart = position
        guard position + 1 < bytes.count else {
            throw failure(.unexpectedEnd(expected: "an escape after '\\'"), at: position + 1)
        }
        let scalar: UInt32
        if bytes[position + 1] == UInt8(ascii: "u") {
            scalar = try decodeUnicodeEscape()
        } else {
            switch bytes[position + 1] {
            case UInt8(ascii: "\""): scalar = 0x22
            case UInt8(ascii: "\\"): scalar = 0x5C
            case UInt8(ascii: "/"): scalar = 0x2F
            case UInt8(ascii: "b"): scalar = 0x08
            case UInt8(ascii: "f"): scalar = 0x0C
            case UInt8(ascii: "n"): scalar = 0x0A
            case UInt8(ascii: "r"): scalar = 0x0D
            case UInt8(ascii: "t"): scalar = 0x09
            default: throw failure(.invalidEscape, at: escapeStart)
            }
            position += 2
        }
        if canonical {
            try requireCanonicalEscape(scalar: scalar, from: escapeStart)
        }
        scratch.append(contentsOf: CanonicalWriter.utf8Bytes(ofScalar: scalar))
    }

    /// Decodes `\uXXXX`, or a surrogate pair `\uXXXX\uXXXX`, at `position`.
    private mutating func decodeUnicodeEscape() throws(CanonicalJSONError) -> UInt32 {
        let escapeStart = position
        let unit = try hexUnit(at: position + 2, escapeStart: escapeStart)
        position += 6
        switch unit {
        case 0xD800...0xDBFF:
            guard position + 1 < bytes.count,
                  bytes[position] == UInt8(ascii: "\\"),
                  bytes[position + 1] == UInt8(ascii: "u")
            else {
                throw failure(.loneSurrogate(unit), at: escapeStart)
            }
            let low = try hexUnit(at: position + 2, escapeStart: position)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure(.loneSurrogate(unit), at: escapeStart)
            }
            position += 6
            return 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        case 0xDC00...0xDFFF:
            throw failure(.loneSurrogate(unit), at: escapeStart)
        default:
            return UInt32(unit)
        }
    }

    /// Reads the four hex digits of a `\u` escape starting at `offset`.
    private func hexUnit(at offset: Int, escapeStart: Int) throws(CanonicalJSONError) -> UInt16 {
        var unit: UInt16 = 0
        for index in offset..<(offset + 4) {
            guard index < bytes.count else {
                throw failure(.unexpectedEnd(expected: "four hex digits after '\\u'"), at: index)
            }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidEscape, at: escapeStart)
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// Requires the escape in `escapeStart..<position` to be the canonical
    /// spelling of `scalar`; otherwise reports the first byte that differs.
    private func requireCanonicalEscape(scalar: UInt32, from escapeStart: Int) throws(CanonicalJSONError) {
        let expected = CanonicalWriter.canonicalBytes(forScalar: scalar)
        let found = UnsafeBufferPointer(rebasing: bytes[escapeStart..<position])
        if expected.elementsEqual(found) { return }
        var offset = 0
        while offset < min(expected.count, found.count), expected[offset] == found[offset] {
            offset += 1
        }
        throw failure(
            .escapeNotCanonical(
                found: String(decoding: found, as: UTF8.self),
                canonical: String(decoding: expected, as: UTF8.self)),
            at: escapeStart + offset)
    }

    /// The length of the well-formed UTF-8 sequence whose lead byte is at
    /// `offset` (Unicode Table 3-7); anything else is refused.
    private func utf8SequenceLength(at offset: Int) throws(CanonicalJSONError) -> Int {
        let lead = bytes[offset]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF  // no overlong forms
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F  // no encoded surrogates
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF  // no overlong forms
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F  // nothing above U+10FFFF
        default:
            throw failure(.invalidUTF8, at: offset)
        }
        guard offset + length <= bytes.count, secondRange.contains(bytes[offset + 1]) else {
            throw failure(.invalidUTF8, at: offset)
        }
        for index in (offset + 2)..<(offset + length) where bytes[index] & 0xC0 != 0x80 {
            throw failure(.invalidUTF8, at: offset)
        }
        return length
    }

    // MARK: Punctuation and whitespace

    private mutating func skipWhitespace() throws(CanonicalJSONError) {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D:
                if canonical { throw failure(.whitespaceNotCanonical, at: position) }
                position += 1
            default:
                return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ description: String) throws(CanonicalJSONError) {
        guard position < bytes.count else {
            throw failure(.unexpectedEnd(expected: description), at: position)
        }
        guard bytes[position] == byte else {
            throw failure(.unexpectedByte(found: bytes[position], expected: description), at: position)
        }
        position += 1
    }

    private func failure(_ kind: CanonicalJSONError.Kind, at offset: Int) -> CanonicalJSONError {
        CanonicalJSONError(kind: kind, byteOffset: offset)
    }
}
