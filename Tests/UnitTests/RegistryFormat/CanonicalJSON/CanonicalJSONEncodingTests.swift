import RegistryFormat
import Testing

/// The canonical encoding as text, for readable expectations.
private func canonicalText(_ value: JSONValue) -> String {
    String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
}

@Suite struct CanonicalJSONEncodingTests {
    /// RFC 8785 section 3.2.2, with the floating-point numbers replaced by
    /// integers (the registry signs no floats); the string is the RFC's own
    /// (`TestVectors/rfc8785-canonical-json.json`).
    @Test func rfc8785Section322WithIntegers() throws {
        let vector = try RFC8785Vector.section("3.2.2")
        let value = try CanonicalJSON.parse(Array(vector.input.utf8))
        #expect(canonicalText(value) == vector.canonical)
    }

    /// RFC 8785 section 3.2.3: keys sort by UTF-16 code units, so the
    /// non-BMP emoji (surrogates 0xD83D 0xDE00) comes before U+FB33.
    @Test func rfc8785Section323PropertySorting() throws {
        let vector = try RFC8785Vector.section("3.2.3")
        let value = try CanonicalJSON.parse(Array(vector.input.utf8))
        #expect(canonicalText(value) == vector.canonical)
    }

    /// Supplementary-plane keys (surrogates 0xD800...0xDBFF) sort before BMP
    /// keys at U+E000 and above, though their code points are larger.
    @Test func nonBMPKeysSortBeforeHighBMPKeys() {
        let keys = ["\u{FFFF}", "\u{E000}", "\u{10FFFF}", "\u{1F600}", "\u{10000}", "\u{FB33}", "\u{D7FF}", "z", "\u{FFFD}"]
        var members: [String: JSONValue] = [:]
        for key in keys { members[key] = .string(key) }
        let expectedOrder = ["z", "\u{D7FF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}", "\u{E000}", "\u{FB33}", "\u{FFFD}", "\u{FFFF}"]
        // Code point order differs, so this test tells the two apart.
        let byCodePoint = keys.sorted { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
        #expect(byCodePoint != expectedOrder)
        let expected = "{" + expectedOrder.map { "\"\($0)\":\"\($0)\"" }.joined(separator: ",") + "}"
        #expect(canonicalText(.object(members)) == expected)
    }

    /// Each control character gets its short escape where JSON has one and
    /// a lowercase `\u00xx` otherwise.
    @Test func everyControlCharacterEscape() throws {
        let expected = [
            #"\u0000"#, #"\u0001"#, #"\u0002"#, #"\u0003"#, #"\u0004"#, #"\u0005"#, #"\u0006"#, #"\u0007"#,
            #"\b"#, #"\t"#, #"\n"#, #"\u000b"#, #"\f"#, #"\r"#, #"\u000e"#, #"\u000f"#,
            #"\u0010"#, #"\u0011"#, #"\u0012"#, #"\u0013"#, #"\u0014"#, #"\u0015"#, #"\u0016"#, #"\u0017"#,
            #"\u0018"#, #"\u0019"#, #"\u001a"#, #"\u001b"#, #"\u001c"#, #"\u001d"#, #"\u001e"#, #"\u001f"#,
        ]
        #expect(expected.count == 0x20)
        for (code, escape) in expected.enumerated() {
            let scalar = try #require(Unicode.Scalar(UInt32(code)))
            let value = JSONValue.string("<" + String(Character(scalar)) + ">")
            let canonical = "\"<" + escape + ">\""
            #expect(canonicalText(value) == canonical, "U+\(code)")
            #expect(try CanonicalJSON.parseCanonical(Array(canonical.utf8)) == value, "U+\(code)")
        }
    }

    /// Only `"`, `\` and control characters are escaped; `/`, DEL, U+2028,
    /// U+2029 and all other non-ASCII text are written as UTF-8.
    @Test func onlyQuoteBackslashAndControlsAreEscaped() {
        let value = JSONValue.string("\"\\/\u{7F}\u{2028}\u{2029}é\u{1F600}\u{10FFFF}")
        #expect(CanonicalJSON.encode(value)
            == [0x22, 0x5C, 0x22, 0x5C, 0x5C, 0x2F, 0x7F, 0xE2, 0x80, 0xA8, 0xE2, 0x80, 0xA9,
                0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22])
    }

    @Test func integersAndLiterals() {
        let value: JSONValue = [0, 1, -1, 9_007_199_254_740_991, -9_007_199_254_740_991, true, false, .null, [], [:], ""]
        #expect(canonicalText(value) == #"[0,1,-1,9007199254740991,-9007199254740991,true,false,null,[],{},""]"#)
        // Beyond the safe range every Int64 is still written exactly.
        #expect(canonicalText(.integer(.min)) == "-9223372036854775808")
        #expect(canonicalText(.integer(.max)) == "9223372036854775807")
    }

    @Test func nestedObjectsSortAtEveryLevel() {
        let value: JSONValue = ["b": ["z": 1, "a": [["y": true, "x": .null]]], "a": "first"]
        #expect(canonicalText(value) == #"{"a":"first","b":{"a":[{"x":null,"y":true}],"z":1}}"#)
        #expect(value.description == canonicalText(value))
    }

    /// encode → parse → encode gives the same bytes and the same value.
    @Test func roundTrips() throws {
        let values: [JSONValue] = [
            .null, true, 0, -42, "", "line\nbreak\ttab\u{0}nul",
            ["é": "e\u{301}", "\u{1F600}": ["\u{FFFF}": [1, [2, [3]]]], "": .null],
            [[], [:], [[]], ["k": [:]]],
        ]
        for value in values {
            let bytes = CanonicalJSON.encode(value)
            let parsed = try CanonicalJSON.parseCanonical(bytes)
            #expect(parsed == value)
            #expect(CanonicalJSON.encode(parsed) == bytes)
        }
    }

    @Test func accessors() {
        let value: JSONValue = ["name": "Paris", "year": 2016, "signed": true, "tags": ["en", "fr"], "none": .null]
        #expect(value["name"]?.stringValue == "Paris")
        #expect(value["year"]?.integerValue == 2016)
        #expect(value["signed"]?.boolValue == true)
        #expect(value["tags"]?.arrayValue == ["en", "fr"])
        #expect(value["tags"]?[1] == "fr")
        #expect(value["tags"]?[2] == nil)
        #expect(value["none"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.count == 5)
        #expect(value["name"]?.integerValue == nil)
        #expect(JSONValue.string("x")["name"] == nil)
    }

    /// Values are equal only when their bytes are: precomposed and
    /// decomposed "é" are equal Swift strings but different signed data.
    @Test func equalityFollowsCanonicalBytes() {
        let composed = JSONValue.string("\u{E9}")
        let decomposed = JSONValue.string("e\u{301}")
        #expect("\u{E9}" == "e\u{301}")
        #expect(composed != decomposed)
        #expect(JSONValue.object(["\u{E9}": 1]) != JSONValue.object(["e\u{301}": 1]))
        #expect(JSONValue.object(["\u{E9}": 1]) == JSONValue.object(["\u{E9}": 1]))
        #expect(Set<JSONValue>([composed, decomposed, composed]).count == 2)
        let a: JSONValue = ["x": [1, "y"], "z": .null]
        let b: JSONValue = ["z": .null, "x": [1, "y"]]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }
}
