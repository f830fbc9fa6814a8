import RegistryFormat
import Testing

/// A small deterministic generator (SplitMix64), so every run tests the same values.
private struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random values that stress the canonical form: controls, quotes, both
/// spellings of "é", characters either side of the surrogate range, the
/// last code point, and integers at the edges of the safe range.
private struct ValueFactory {
    var random: SeededGenerator

    private static let interestingScalars: [UInt32] = [
        0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, 0x20, 0x22, 0x2F, 0x5C, 0x7F, 0x80,
        0xE9, 0x65, 0x301, 0x2028, 0x2029, 0xD7FF, 0xE000, 0xFB33, 0xFEFF, 0xFFFD, 0xFFFF,
        0x10000, 0x1F600, 0x10FFFF,
    ]
    private static let interestingIntegers: [Int64] = [
        0, 1, -1, 9, 10, -10, 2016, 9_007_199_254_740_991, -9_007_199_254_740_991, 4_294_967_296,
    ]

    mutating func scalar() -> Unicode.Scalar {
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<4:
            return Unicode.Scalar(UInt8.random(in: 0x61...0x7A, using: &random))
        case 4..<8:
            let value = Self.interestingScalars.randomElement(using: &random) ?? 0x61
            return Unicode.Scalar(value) ?? "a"
        default:
            // Anywhere in Unicode except the surrogate range.
            while true {
                if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &random)) {
                    return scalar
                }
            }
        }
    }

    mutating func string(maxLength: Int = 8) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &random) {
            text.append(scalar())
        }
        return String(text)
    }

    mutating func integer() -> Int64 {
        if Bool.random(using: &random) {
            return Self.interestingIntegers.randomElement(using: &random) ?? 0
        }
        return Int64.random(in: CanonicalJSON.safeIntegerRange, using: &random)
    }

    mutating func value(depth: Int = 0) -> JSONValue {
        let containers = depth < 4
        switch Int.random(in: 0..<(containers ? 8 : 5), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer(integer())
        case 3, 4: return .string(string())
        case 5: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                members[string(maxLength: 4)] = value(depth: depth + 1)
            }
            return .object(members)
        }
    }
}

/// An independent JSON writer that spells values every legal way: random
/// whitespace, shuffled keys, and each character literal or escaped (short
/// escapes, `\/`, `\u` in either case, surrogate pairs) at random.
private struct LooseWriter {
    var random: SeededGenerator
    var output = ""

    mutating func whitespace() {
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            output += [" ", "\t", "\n", "\r"].randomElement(using: &random) ?? " "
        }
    }

    mutating func write(_ value: JSONValue) {
        whitespace()
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .string(let text): write(text)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element)
            }
            whitespace()
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.shuffled(using: &random).enumerated() {
                if index > 0 { output += "," }
                whitespace()
                write(member.key)
                whitespace()
                output += ":"
                write(member.value)
            }
            whitespace()
            output += "}"
        }
        whitespace()
    }

    private mutating func write(_ text: String) {
        output += "\""
        for scalar in text.unicodeScalars {
            let mustEscape = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !mustEscape:
                output.unicodeScalars.append(scalar)
            case 1 where !mustEscape:
                output.unicodeScalars.append(scalar)
            case 2:
                let short: [Unicode.Scalar: String] = [
                    "\"": "\\\"", "\\": "\\\\", "/": "\\/", "\u{08}": "\\b", "\u{0C}": "\\f",
                    "\n": "\\n", "\r": "\\r", "\t": "\\t",
                ]
                output += short[scalar] ?? unicodeEscape(scalar)
            default:
                output += unicodeEscape(scalar)
            }
        }
        output += "\""
    }

    private mutating func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let uppercase = Bool.random(using: &random)
        return String(scalar).utf16.map { unit in
            let digits = String(unit, radix: 16, uppercase: uppercase)
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        }.joined()
    }
}

@Suite struct CanonicalJSONPropertyTests {
    /// encode → parseCanonical gives back the same value and the same bytes.
    @Test func canonicalBytesRoundTrip() throws {
        var factory = ValueFactory(random: SeededGenerator(seed: 8785))
        for _ in 0..<400 {
            let value = factory.value()
            let bytes = CanonicalJSON.encode(value)
            let parsed = try CanonicalJSON.parseCanonical(bytes)
            #expect(parsed == value)
            #expect(CanonicalJSON.encode(parsed) == bytes)
            #expect(try CanonicalJSON.parse(bytes) == value)
        }
    }

    /// Any legal spelling parses to the same value, and `parseCanonical`
    /// accepts it only when it is exactly the canonical encoding.
    @Test func everySpellingParsesToTheSameValue() throws {
        var factory = ValueFactory(random: SeededGenerator(seed: 20161209))
        var writer = LooseWriter(random: SeededGenerator(seed: 7493))
        var refusedCount = 0
        for _ in 0..<300 {
            let value = factory.value()
            writer.output = ""
            writer.write(value)
            let loose = Array(writer.output.utf8)
            let parsed = try CanonicalJSON.parse(loose)
            #expect(parsed == value, "\(writer.output)")
            let canonical = CanonicalJSON.encode(value)
            #expect(CanonicalJSON.encode(parsed) == canonical)
            if loose == canonical {
                #expect(try CanonicalJSON.parseCanonical(loose) == value)
            } else {
                refusedCount += 1
                #expect(throws: CanonicalJSONError.self, "\(writer.output)") {
                    try CanonicalJSON.parseCanonical(loose)
                }
            }
        }
        // The generator must actually produce non-canonical spellings.
        #expect(refusedCount > 200)
    }

    /// Object keys come out in the order of their UTF-16 code units.
    @Test func keysSortByUTF16CodeUnits() {
        var factory = ValueFactory(random: SeededGenerator(seed: 16))
        for _ in 0..<300 {
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 1...8, using: &factory.random) {
                members[factory.string(maxLength: 3)] = .integer(Int64(index))
            }
            let sortedKeys = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            var expected: [UInt8] = [UInt8(ascii: "{")]
            for (index, key) in sortedKeys.enumerated() {
                if index > 0 { expected.append(UInt8(ascii: ",")) }
                expected += CanonicalJSON.encode(.string(key))
                expected.append(UInt8(ascii: ":"))
                expected += CanonicalJSON.encode(members[key] ?? .null)
            }
            expected.append(UInt8(ascii: "}"))
            #expect(CanonicalJSON.encode(.object(members)) == expected)
        }
    }

    /// After a random edit of canonical bytes, `parseCanonical` accepts the
    /// result exactly when `parse` does and re-encoding reproduces it.
    @Test func editedBytesAreCanonicalOnlyIfTheyReencodeIdentically() {
        var factory = ValueFactory(random: SeededGenerator(seed: 1))
        let replacements: [UInt8] = [0x20, 0x22, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x3A, 0x5B, 0x5C,
                                     0x5D, 0x61, 0x65, 0x75, 0x7B, 0x7D, 0x80, 0xC3, 0xED, 0xEE, 0xF0, 0xFF]
        var acceptedEdits = 0
        for _ in 0..<2000 {
            var bytes = CanonicalJSON.encode(factory.value())
            let position = Int.random(in: 0..<bytes.count, using: &factory.random)
            switch Int.random(in: 0..<3, using: &factory.random) {
            case 0: bytes[position] = replacements.randomElement(using: &factory.random) ?? 0x20
            case 1: bytes.remove(at: position)
            default: bytes.insert(replacements.randomElement(using: &factory.random) ?? 0x20, at: position)
            }
            let loose = try? CanonicalJSON.parse(bytes)
            let strict = try? CanonicalJSON.parseCanonical(bytes)
            let reencodes = loose.map { CanonicalJSON.encode($0) == bytes } ?? false
            #expect((strict != nil) == reencodes, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if let strict {
                acceptedEdits += 1
                #expect(strict == loose)
            }
        }
        #expect(acceptedEdits > 100)
    }

    /// Values are equal exactly when their canonical bytes are, and equal
    /// values hash alike.
    @Test func equalityAgreesWithCanonicalBytes() {
        var factory = ValueFactory(random: SeededGenerator(seed: 42))
        // Short strings and shallow values, so that equal pairs occur.
        let values: [JSONValue] = (0..<120).map { _ in
            switch Int.random(in: 0..<3, using: &factory.random) {
            case 0: return .string(String(factory.scalar()))
            case 1: return .object([String(factory.scalar()): .bool(Bool.random(using: &factory.random))])
            default: return .array([.string(String(factory.scalar()))])
            }
        }
        var equalPairs = 0
        for a in values {
            for b in values {
                let sameBytes = CanonicalJSON.encode(a) == CanonicalJSON.encode(b)
                #expect((a == b) == sameBytes)
                if a == b {
                    equalPairs += 1
                    #expect(a.hashValue == b.hashValue)
                }
            }
        }
        #expect(equalPairs > values.count)
    }
}
