import CryptoPrimitives

/// A small JSON reader for the declaration manifest that remembers the line
/// of every value, so errors can point at the line to fix.
///
/// It accepts RFC 8259 JSON, rejects duplicate keys (two `titles` would make
/// the signed bytes ambiguous) and keeps object members in file order.
struct ManifestJSON {
    /// A JSON value and the 1-based line where it starts.
    struct Node {
        var value: Value
        var line: Int
    }

    /// One member of an object: its key, the key's line, and its value.
    struct Member {
        var key: String
        var line: Int
        var node: Node
    }

    indirect enum Value {
        case object([Member])
        case array([Node])
        case string(String)
        /// A number, `true`, `false` or `null`, kept as written: the manifest has no use for them.
        case literal(String)

        /// How the value is named in error messages.
        var kind: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string(let text): "the string \"\(DeclarationFileChecks.printable(text))\""
            case .literal(let text): text
            }
        }
    }

    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1

    /// Parses the whole of `lines` (the manifest's checked lines) as one JSON value.
    static func parse(_ lines: [String], file: String) throws(DeclarationError) -> Node {
        var reader = ManifestJSON(bytes: Array(lines.joined(separator: "\n").utf8), file: file)
        reader.skipWhitespace()
        let node = try reader.value(depth: 0)
        reader.skipWhitespace()
        if reader.index < reader.bytes.count {
            throw reader.error(expected: "the end of the file after the top-level object", found: reader.foundHere())
        }
        return node
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private mutating func value(depth: Int) throws(DeclarationError) -> Node {
        // The manifest is three levels deep; a limit keeps hostile input from
        // exhausting the stack.
        guard depth < 16 else {
            throw error(expected: "at most 16 levels of nesting", found: "deeper nesting")
        }
        let startLine = line
        guard index < bytes.count else {
            throw error(expected: "a value", found: "the end of the file")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            return Node(value: .object(try members(depth: depth)), line: startLine)
        case UInt8(ascii: "["):
            index += 1
            return Node(value: .array(try elements(depth: depth)), line: startLine)
        case UInt8(ascii: "\""):
            return Node(value: .string(try string()), line: startLine)
        default:
            return Node(value: .literal(try literal()), line: startLine)
        }
    }

    private mutating func members(depth: Int) throws(DeclarationError) -> [Member] {
        var members: [Member] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return members }
        while true {
            skipWhitespace()
            let keyLine = line
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error(expected: "a quoted field name", found: foundHere())
            }
            let key = try string()
            if members.contains(where: { $0.key == key }) {
                throw DeclarationError.malformedManifest(
                    file: file, line: keyLine, expected: "each field once",
                    found: "a second \"\(DeclarationFileChecks.printable(key))\"")
            }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else {
                throw error(expected: "\":\" after \"\(DeclarationFileChecks.printable(key))\"", found: foundHere())
            }
            skipWhitespace()
            members.append(Member(key: key, line: keyLine, node: try value(depth: depth + 1)))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return members }
            throw error(expected: "\",\" or \"}\"", found: foundHere())
        }
    }

    private mutating func elements(depth: Int) throws(DeclarationError) -> [Node] {
        var elements: [Node] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return elements }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return elements }
            throw error(expected: "\",\" or \"]\"", found: foundHere())
        }
    }

    private mutating func string() throws(DeclarationError) -> String {
        index += 1  // the opening quote
        var scalars = String.UnicodeScalarView()
        var pendingHighSurrogate: UInt32?
        var run: [UInt8] = []
        while true {
            guard index < bytes.count, bytes[index] != 0x0A else {
                throw error(expected: "a closing quote", found: "the end of the line")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                // The bytes were validated as UTF-8 before parsing.
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll(keepingCapacity: true)
            }
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard pendingHighSurrogate == nil else {
                    throw error(expected: "a low surrogate escape", found: "the end of the string")
                }
                return String(scalars)
            }
            if byte < 0x20 {
                throw error(expected: "an escaped control character", found: "a raw control character")
            }
            guard byte == UInt8(ascii: "\\") else {
                guard pendingHighSurrogate == nil else {
                    throw error(expected: "a low surrogate escape", found: foundHere())
                }
                run.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else {
                throw error(expected: "an escape sequence", found: "the end of the file")
            }
            let escape = bytes[index]
            index += 1
            if escape == UInt8(ascii: "u") {
                let code = try hexQuad()
                if let high = pendingHighSurrogate {
                    guard (0xDC00...0xDFFF).contains(code),
                          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                    else {
                        throw error(expected: "a low surrogate escape", found: "\\u\(Hex.encode(quadBytes(code)))")
                    }
                    scalars.append(scalar)
                    pendingHighSurrogate = nil
                } else if (0xD800...0xDBFF).contains(code) {
                    pendingHighSurrogate = code
                } else if let scalar = Unicode.Scalar(code) {
                    scalars.append(scalar)
                } else {
                    throw error(expected: "a valid \\u escape", found: "a lone low surrogate")
                }
                continue
            }
            guard pendingHighSurrogate == nil else {
                throw error(expected: "a low surrogate escape", found: "another escape")
            }
            let simple: Unicode.Scalar
            switch escape {
            case UInt8(ascii: "\""): simple = "\""
            case UInt8(ascii: "\\"): simple = "\\"
            case UInt8(ascii: "/"): simple = "/"
            case UInt8(ascii: "b"): simple = "\u{08}"
            case UInt8(ascii: "f"): simple = "\u{0C}"
            case UInt8(ascii: "n"): simple = "\n"
            case UInt8(ascii: "r"): simple = "\r"
            case UInt8(ascii: "t"): simple = "\t"
            default:
                throw error(expected: "a JSON escape sequence", found: "\\\(Character(Unicode.Scalar(escape)))")
            }
            scalars.append(simple)
        }
    }

    private mutating func hexQuad() throws(DeclarationError) -> UInt32 {
        guard index + 4 <= bytes.count,
              let decoded = Hex.decode(String(decoding: bytes[index..<index + 4], as: UTF8.self))
        else {
            throw error(expected: "four hexadecimal digits after \\u", found: foundHere())
        }
        index += 4
        return UInt32(decoded[0]) << 8 | UInt32(decoded[1])
    }

    private func quadBytes(_ code: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: code >> 8), UInt8(truncatingIfNeeded: code)]
    }

    private mutating func literal() throws(DeclarationError) -> String {
        let start = index
        while index < bytes.count, isLiteralByte(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let isNumber = text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil
        guard isNumber || ["true", "false", "null"].contains(text) else {
            index = start
            throw error(expected: "a JSON value", found: foundHere())
        }
        return text
    }

    private func isLiteralByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E"):
            true
        default:
            false
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: line += 1
            case 0x20, 0x09: break
            default: return
            }
            index += 1
        }
    }

    /// A short quote of the input at the current position, for messages.
    private func foundHere() -> String {
        guard index < bytes.count else { return "the end of the file" }
        let end = bytes[index...].prefix(20).firstIndex(of: 0x0A) ?? min(bytes.count, index + 20)
        return "\"\(DeclarationFileChecks.printable(String(decoding: bytes[index..<end], as: UTF8.self)))\""
    }

    private func error(expected: String, found: String) -> DeclarationError {
        .malformedManifest(file: file, line: line, expected: expected, found: found)
    }
}
