import RegistryFormat
import Testing

/// One input the parser must refuse, with the error it must give.
struct RefusedJSON: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    let kind: CanonicalJSONError.Kind
    let offset: Int
    /// What `parseCanonical` reports, when it meets another problem first.
    let canonicalError: CanonicalJSONError?

    init(_ text: String, _ kind: CanonicalJSONError.Kind, at offset: Int, canonically: CanonicalJSONError? = nil) {
        self.init(bytes: Array(text.utf8), kind, at: offset, canonically: canonically)
    }

    init(bytes: [UInt8], _ kind: CanonicalJSONError.Kind, at offset: Int, canonically: CanonicalJSONError? = nil) {
        self.bytes = bytes
        self.kind = kind
        self.offset = offset
        self.canonicalError = canonically
    }

    var testDescription: String {
        String(decoding: bytes, as: UTF8.self).debugDescription
    }
}

private func nested(_ depth: Int, open: String, close: String) -> String {
    String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
}

/// Inputs that both `parse` and `parseCanonical` refuse, for the same reason.
private let malformed: [RefusedJSON] = [
    RefusedJSON("", .emptyInput, at: 0),
    RefusedJSON(" ", .unexpectedEnd(expected: "a value"), at: 1,
                canonically: CanonicalJSONError(kind: .whitespaceNotCanonical, byteOffset: 0)),
    RefusedJSON("1 2", .trailingBytes, at: 2,
                canonically: CanonicalJSONError(kind: .whitespaceNotCanonical, byteOffset: 1)),
    RefusedJSON("{}x", .trailingBytes, at: 2),
    RefusedJSON("\"a\"\"b\"", .trailingBytes, at: 3),
    // Numbers: integers in the I-JSON range only.
    RefusedJSON("1.5", .floatNotAllowed, at: 0),
    RefusedJSON("[7,1e5]", .floatNotAllowed, at: 3),
    RefusedJSON("1E5", .floatNotAllowed, at: 0),
    RefusedJSON("10.0", .floatNotAllowed, at: 0),
    RefusedJSON("-0.0", .floatNotAllowed, at: 0),
    RefusedJSON("-0", .negativeZero, at: 0),
    RefusedJSON("[-0]", .negativeZero, at: 1),
    RefusedJSON("012", .leadingZero, at: 0),
    RefusedJSON("-00", .leadingZero, at: 0),
    RefusedJSON("9007199254740992", .integerOutOfRange, at: 0),
    RefusedJSON("-9007199254740992", .integerOutOfRange, at: 0),
    RefusedJSON("{\"n\":123456789012345678901234567890}", .integerOutOfRange, at: 5),
    RefusedJSON("-", .unexpectedEnd(expected: "a digit after '-'"), at: 1),
    RefusedJSON("-a", .unexpectedByte(found: UInt8(ascii: "a"), expected: "a digit after '-'"), at: 1),
    RefusedJSON("+1", .unexpectedByte(found: UInt8(ascii: "+"), expected: "a value"), at: 0),
    // Literals and structure.
    RefusedJSON("tru", .unexpectedEnd(expected: "the rest of 'true'"), at: 3),
    RefusedJSON("nul1", .unexpectedByte(found: UInt8(ascii: "1"), expected: "the rest of 'null'"), at: 3),
    RefusedJSON("[1,", .unexpectedEnd(expected: "a value"), at: 3),
    RefusedJSON("[1,]", .unexpectedByte(found: UInt8(ascii: "]"), expected: "a value"), at: 3),
    RefusedJSON("[1", .unexpectedEnd(expected: "',' or ']'"), at: 2),
    RefusedJSON("{1:2}", .unexpectedByte(found: UInt8(ascii: "1"), expected: "a key in double quotes"), at: 1),
    RefusedJSON("{\"a\"1}", .unexpectedByte(found: UInt8(ascii: "1"), expected: "':' after the key"), at: 4),
    RefusedJSON("{\"a\":1,}", .unexpectedByte(found: UInt8(ascii: "}"), expected: "a key in double quotes"), at: 7),
    RefusedJSON("{\"a\":1", .unexpectedEnd(expected: "',' or '}'"), at: 6),
    RefusedJSON("\"abc", .unexpectedEnd(expected: "'\"' to close the string"), at: 4),
    // A byte-order mark is not JSON.
    RefusedJSON(bytes: [0xEF, 0xBB, 0xBF, 0x31], .unexpectedByte(found: 0xEF, expected: "a value"), at: 0),
    // Invalid UTF-8 inside strings.
    RefusedJSON(bytes: [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, at: 1),  // overlong "/"
    RefusedJSON(bytes: [0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, at: 1),  // overlong
    RefusedJSON(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, at: 1),  // overlong three bytes
    RefusedJSON(bytes: [0x22, 0xF0, 0x82, 0x82, 0xAC, 0x22], .invalidUTF8, at: 1),  // overlong four bytes
    RefusedJSON(bytes: [0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 2),  // U+D800 encoded
    RefusedJSON(bytes: [0x22, 0xED, 0xBF, 0xBF, 0x22], .invalidUTF8, at: 1),  // U+DFFF encoded
    RefusedJSON(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),  // U+110000
    RefusedJSON(bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),
    RefusedJSON(bytes: [0x22, 0xFF, 0x22], .invalidUTF8, at: 1),
    RefusedJSON(bytes: [0x22, 0x80, 0x22], .invalidUTF8, at: 1),  // stray continuation byte
    RefusedJSON(bytes: [0x22, 0xE2, 0x82, 0x22], .invalidUTF8, at: 1),  // truncated, then the quote
    RefusedJSON(bytes: [0x22, 0xE2, 0x82], .invalidUTF8, at: 1),  // truncated by the end of input
    RefusedJSON(bytes: [0x22, 0xF0, 0x9F, 0x98, 0x22], .invalidUTF8, at: 1),
    // Control characters must be escaped.
    RefusedJSON("\"a\tb\"", .unescapedControlCharacter(0x09), at: 2),
    RefusedJSON("\"\n\"", .unescapedControlCharacter(0x0A), at: 1),
    RefusedJSON(bytes: [0x22, 0x00, 0x22], .unescapedControlCharacter(0x00), at: 1),
    RefusedJSON("{\"k\u{1F}\":1}", .unescapedControlCharacter(0x1F), at: 3),
    // Escapes.
    RefusedJSON(#""\x""#, .invalidEscape, at: 1),
    RefusedJSON(#""ab\'""#, .invalidEscape, at: 3),
    RefusedJSON(#""\u12g4""#, .invalidEscape, at: 1),
    RefusedJSON(#""\u12"#, .unexpectedEnd(expected: "four hex digits after '\\u'"), at: 5),
    RefusedJSON(#""\"#, .unexpectedEnd(expected: "an escape after '\\'"), at: 2),
    RefusedJSON(#""\ud800""#, .loneSurrogate(0xD800), at: 1),
    RefusedJSON(#""x\udbff\u0041""#, .loneSurrogate(0xDBFF), at: 2),
    RefusedJSON(#""\ud83d\ud83d""#, .loneSurrogate(0xD83D), at: 1),
    RefusedJSON(#""\udc00""#, .loneSurrogate(0xDC00), at: 1),
    RefusedJSON(#""\ude00\ud83d""#, .loneSurrogate(0xDE00), at: 1),
    RefusedJSON(#""\ud83d"#, .loneSurrogate(0xD83D), at: 1),
    // Duplicate keys, including keys that differ only in Unicode normalization.
    RefusedJSON(#"{"a":1,"a":2}"#, .duplicateKey("a"), at: 7),
    RefusedJSON(#"{"a":{"b":1,"c":2,"b":3}}"#, .duplicateKey("b"), at: 18,
                canonically: CanonicalJSONError(kind: .keysNotSorted(previous: "c", key: "b"), byteOffset: 18)),
    RefusedJSON("{\"e\u{301}\":1,\"\u{E9}\":2}", .duplicateKey("\u{E9}"), at: 9),
    // Nesting.
    RefusedJSON(nested(65, open: "[", close: "]"), .nestingTooDeep(limit: 64), at: 64),
    RefusedJSON(nested(65, open: "{\"a\":", close: "}"), .nestingTooDeep(limit: 64), at: 64 * 5),
]

/// Well-formed JSON that is not canonical: `parse` accepts it, and
/// `parseCanonical` refuses it at the first byte that differs from the
/// canonical encoding (or, for key order, at the key out of place).
private let notCanonical: [RefusedJSON] = [
    RefusedJSON(" 1", .whitespaceNotCanonical, at: 0),
    RefusedJSON("[1,2]\n", .whitespaceNotCanonical, at: 5),
    RefusedJSON("{\"a\": 1}", .whitespaceNotCanonical, at: 5),
    RefusedJSON("{\"a\" :1}", .whitespaceNotCanonical, at: 4),
    RefusedJSON("[1 ,2]", .whitespaceNotCanonical, at: 2),
    RefusedJSON("[\t]", .whitespaceNotCanonical, at: 1),
    RefusedJSON("{\r\n}", .whitespaceNotCanonical, at: 1),
    RefusedJSON(#"{"b":1,"a":2}"#, .keysNotSorted(previous: "b", key: "a"), at: 7),
    RefusedJSON(#"{"a":1,"c":{"y":1,"x":2},"d":3}"#, .keysNotSorted(previous: "y", key: "x"), at: 18),
    RefusedJSON(#"{"ab":1,"a":2}"#, .keysNotSorted(previous: "ab", key: "a"), at: 8),
    // U+E000 sorts after the supplementary planes in UTF-16.
    RefusedJSON("{\"\u{E000}\":1,\"\u{10000}\":2}", .keysNotSorted(previous: "\u{E000}", key: "\u{10000}"), at: 9),
    RefusedJSON(#""\/""#, .escapeNotCanonical(found: #"\/"#, canonical: "/"), at: 1),
    RefusedJSON(#""\u00e9""#, .escapeNotCanonical(found: #"\u00e9"#, canonical: "\u{E9}"), at: 1),
    RefusedJSON(#""ab\u0041""#, .escapeNotCanonical(found: #"\u0041"#, canonical: "A"), at: 3),
    RefusedJSON(#""\u000a""#, .escapeNotCanonical(found: #"\u000a"#, canonical: #"\n"#), at: 2),
    RefusedJSON(#""\u0022""#, .escapeNotCanonical(found: #"\u0022"#, canonical: #"\""#), at: 2),
    RefusedJSON(#""\u005C""#, .escapeNotCanonical(found: #"\u005C"#, canonical: #"\\"#), at: 2),
    RefusedJSON(#""\u001F""#, .escapeNotCanonical(found: #"\u001F"#, canonical: #"\u001f"#), at: 6),
    RefusedJSON(#""\u001B""#, .escapeNotCanonical(found: #"\u001B"#, canonical: #"\u001b"#), at: 6),
    RefusedJSON(#""\u2028""#, .escapeNotCanonical(found: #"\u2028"#, canonical: "\u{2028}"), at: 1),
    RefusedJSON(#""\u007f""#, .escapeNotCanonical(found: #"\u007f"#, canonical: "\u{7F}"), at: 1),
    RefusedJSON(#""\ud83d\ude00""#, .escapeNotCanonical(found: #"\ud83d\ude00"#, canonical: "\u{1F600}"), at: 1),
    RefusedJSON(#"{"\u0061":1}"#, .escapeNotCanonical(found: #"\u0061"#, canonical: "a"), at: 2),
]

@Suite struct CanonicalJSONParsingTests {
    @Test(arguments: malformed)
    func parseRefuses(_ refused: RefusedJSON) {
        #expect(throws: CanonicalJSONError(kind: refused.kind, byteOffset: refused.offset)) {
            try CanonicalJSON.parse(refused.bytes)
        }
        let canonicalError = refused.canonicalError ?? CanonicalJSONError(kind: refused.kind, byteOffset: refused.offset)
        #expect(throws: canonicalError) {
            try CanonicalJSON.parseCanonical(refused.bytes)
        }
    }

    @Test(arguments: notCanonical)
    func parseCanonicalRefuses(_ refused: RefusedJSON) throws {
        let value = try CanonicalJSON.parse(refused.bytes)
        #expect(throws: CanonicalJSONError(kind: refused.kind, byteOffset: refused.offset)) {
            try CanonicalJSON.parseCanonical(refused.bytes)
        }
        // Re-encoding what `parse` read gives the canonical bytes; for every
        // error but key order, the offset is where they first differ.
        let canonical = CanonicalJSON.encode(value)
        #expect(canonical != refused.bytes)
        if case .keysNotSorted = refused.kind { return }
        let firstDifference = zip(canonical, refused.bytes).prefix { $0 == $1 }.count
        #expect(firstDifference == refused.offset)
        #expect(try CanonicalJSON.parseCanonical(canonical) == value)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let arrays = nested(64, open: "[", close: "]")
        var value = try CanonicalJSON.parseCanonical(Array(arrays.utf8))
        for _ in 0..<64 {
            value = try #require(value.arrayValue?.first)
        }
        #expect(value == 1)
        let objects = nested(64, open: "{\"a\":", close: "}")
        #expect(CanonicalJSON.encode(try CanonicalJSON.parseCanonical(Array(objects.utf8))) == Array(objects.utf8))
    }

    @Test func safeIntegerBoundsAreAccepted() throws {
        #expect(try CanonicalJSON.parseCanonical(Array("9007199254740991".utf8)) == .integer(9_007_199_254_740_991))
        #expect(try CanonicalJSON.parseCanonical(Array("-9007199254740991".utf8)) == .integer(-9_007_199_254_740_991))
        #expect(try CanonicalJSON.parseCanonical(Array("0".utf8)) == 0)
        #expect(CanonicalJSON.safeIntegerRange == -9_007_199_254_740_991 ... 9_007_199_254_740_991)
    }

    /// `parse` takes whitespace, any key order and any valid escape.
    @Test func parseAcceptsAnyWellFormedSpelling() throws {
        let input = " {\n\t\"b\" : [ 1 , \"\\u00e9\\/\\ud83d\\ude00\\u0041\\\"\" ] ,\r\n \"a\":{ } } \n"
        let value = try CanonicalJSON.parse(Array(input.utf8))
        #expect(value == ["a": [:], "b": [1, "\u{E9}/\u{1F600}A\""]])
        #expect(String(decoding: CanonicalJSON.encode(value), as: UTF8.self) == "{\"a\":{},\"b\":[1,\"\u{E9}/\u{1F600}A\\\"\"]}")
    }

    /// A valid surrogate pair decodes to one supplementary character.
    @Test func surrogatePairEscape() throws {
        #expect(try CanonicalJSON.parse(Array(#""\ud83d\ude00""#.utf8)) == "\u{1F600}")
        #expect(try CanonicalJSON.parse(Array(#""\uDBFF\uDFFF""#.utf8)) == "\u{10FFFF}")
    }

    /// Both spellings of "é" may be keys of different objects, and each is
    /// kept exactly as written.
    @Test func keysAreNotNormalized() throws {
        let decomposed = Array("{\"e\u{301}\":1}".utf8)
        let value = try CanonicalJSON.parseCanonical(decomposed)
        #expect(CanonicalJSON.encode(value) == decomposed)
        #expect(value != ["\u{E9}": 1])
    }

    /// Slices and non-contiguous collections parse with offsets counted
    /// from their own first byte.
    @Test func acceptsAnyByteCollection() throws {
        let line = Array("xx{\"a\":1}yy".utf8)
        #expect(try CanonicalJSON.parseCanonical(line[2..<9]) == ["a": 1])
        #expect(try CanonicalJSON.parseCanonical("{\"a\":[true]}".utf8) == ["a": [true]])
        #expect(throws: CanonicalJSONError(kind: .trailingBytes, byteOffset: 7)) {
            try CanonicalJSON.parseCanonical(line[2...])
        }
        let lazy = Array("[1,2]".utf8).lazy.map { $0 }
        #expect(try CanonicalJSON.parse(lazy) == [1, 2])
    }

    @Test func descriptionsSayWhereAndWhat() throws {
        let float = try #require(refusal(of: "{\"n\":1.5}", canonical: false))
        #expect(float.description == "byte 5: floats are not allowed in signed data; "
            + "write the quantity as an integer, or as a string")
        let order = try #require(refusal(of: #"{"b":1,"a":2}"#, canonical: true))
        #expect(order.description.hasPrefix("byte 7: the key \"a\" follows \"b\""))
        let escape = try #require(refusal(of: #""\u00e9""#, canonical: true))
        #expect(escape.description == "byte 1: the escape \\u00e9 is not canonical; "
            + "canonical JSON writes the character itself (U+00E9)")
    }
}

private func refusal(of text: String, canonical: Bool) -> CanonicalJSONError? {
    do {
        _ = canonical ? try CanonicalJSON.parseCanonical(Array(text.utf8)) : try CanonicalJSON.parse(Array(text.utf8))
        return nil
    } catch {
        return error
    }
}
