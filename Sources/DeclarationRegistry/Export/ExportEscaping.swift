/// How each format escapes values, so that no name, however chosen, can
/// break a format's structure or be run as code by the program that opens it.
package enum ExportEscaping {
    // MARK: CSV

    /// Characters that make a spreadsheet read a cell as a formula when they
    /// start it (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, carriage
    /// return; also line feed and the full-width forms of the four signs,
    /// which some spreadsheets treat the same way.
    package static let formulaTriggers: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\t", "\r", "\n",
        "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// One RFC 4180 field. A value a spreadsheet would run as a formula is
    /// neutralised as OWASP advises: a single quote is put before it and the
    /// field is quoted. Otherwise the field is quoted only when it holds a
    /// comma, a double quote, CR or LF; double quotes are doubled.
    package static func csvField(_ value: String) -> String {
        var out = ExportBuffer(capacity: value.utf8.count + 3)
        appendCSVField(value, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes `csvField(value)` to `out`.
    static func appendCSVField(_ value: String, to out: inout ExportBuffer) {
        // Works on bytes: every byte of a multi-byte UTF-8 sequence is
        // 0x80 or above, so a comma, quote, CR or LF byte is that character.
        let (isFormula, mustQuote) = ExportBuffer.withUTF8(value) { bytes in
            let isFormula = startsWithFormulaTrigger(bytes)
            return (isFormula, isFormula || bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A })
        }
        guard mustQuote else {
            out.append(value)
            return
        }
        out.bytes.append(0x22)
        if isFormula { out.bytes.append(UInt8(ascii: "'")) }
        out.append(value, isPlain: { $0 != 0x22 }, escape: { _, _, bytes in
            bytes.append(0x22)
            bytes.append(0x22)
            return 1
        })
        out.bytes.append(0x22)
    }

    /// Whether the first scalar of `bytes` is one of `formulaTriggers`.
    private static func startsWithFormulaTrigger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A:
            return true
        case 0xEF:
            // U+FF1D, U+FF0B, U+FF0D, U+FF20: EF BC 9D, EF BC 8B, EF BC 8D, EF BC A0.
            guard bytes.count >= 3, bytes[1] == 0xBC else { return false }
            return bytes[2] == 0x9D || bytes[2] == 0x8B || bytes[2] == 0x8D || bytes[2] == 0xA0
        default:
            return false
        }
    }

    // MARK: JSON

    /// A JSON string literal (RFC 8259): quotes, backslashes and control
    /// characters escaped; U+2028 and U+2029 too, so the text is also safe
    /// inside JavaScript. Everything else is written as UTF-8.
    package static func jsonString(_ value: String) -> String {
        var out = ExportBuffer(capacity: value.utf8.count + 2)
        appendJSONString(value, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes `jsonString(value)` to `out`.
    static func appendJSONString(_ value: String, to out: inout ExportBuffer) {
        out.bytes.append(0x22)
        out.append(value, isPlain: { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F && $0 != 0xE2 },
                   escape: { source, index, bytes in
            let byte = source[index]
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                if index + 2 < source.count, source[index + 1] == 0x80,
                   source[index + 2] == 0xA8 || source[index + 2] == 0xA9 {
                    appendUnicodeEscape(source[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &bytes)
                    return 3
                }
                bytes.append(byte)
            default:
                // The other control characters: below 0x20, and DEL.
                appendUnicodeEscape(UInt32(byte), to: &bytes)
            }
            return 1
        })
        out.bytes.append(0x22)
    }

    /// `\u` and four lowercase hexadecimal digits.
    private static func appendUnicodeEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        for shift in [12, 8, 4, 0] as [UInt32] { bytes.append(digits[Int(value >> shift & 0xF)]) }
    }

    // MARK: Markdown

    /// ASCII punctuation that Markdown (CommonMark and GitHub's extensions:
    /// tables, strikethrough, autolinks, math) can give a meaning to inside a
    /// line. Each is written with a backslash before it, which CommonMark
    /// defines as the literal character. Left out: `,` `'` `"` `-` `/` `;`
    /// `%` `?`, which mean nothing inside a table cell.
    package static let markdownSpecials: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "<", ">", "#", "+", "!",
        "|", "~", "&", "$", "=", "^", ":", ".", "@",
    ]

    /// Text for a Markdown table cell or list item: specials escaped, and
    /// any line break or control character (which the registry never holds)
    /// turned into a space so the row cannot be split.
    package static func markdown(_ value: String) -> String {
        var out = ExportBuffer(capacity: value.utf8.count + 8)
        appendMarkdown(value, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `markdownSpecials` as a table of ASCII bytes.
    private static let markdownSpecialBytes: [Bool] = (0..<128).map { byte in
        markdownSpecials.contains(Unicode.Scalar(UInt8(byte)))
    }

    /// Writes `markdown(value)` to `out`.
    static func appendMarkdown(_ value: String, to out: inout ExportBuffer) {
        let specials = markdownSpecialBytes
        out.append(value, isPlain: { byte in
            byte < 0x80 ? byte >= 0x20 && byte != 0x7F && !specials[Int(byte)] : byte != 0xC2 && byte != 0xE2
        }, escape: { source, index, bytes in
            let byte = source[index]
            if byte < 0x80, specials[Int(byte)] {
                bytes.append(0x5C)
                bytes.append(byte)
                return 1
            }
            let control = controlLength(source, index)
            if control > 0 {
                bytes.append(0x20)
                return control
            }
            bytes.append(byte)
            return 1
        })
    }

    /// How many bytes at `index` encode a line break or a control
    /// character (general category Cc: U+0000–U+001F, U+007F–U+009F), or
    /// U+2028 or U+2029; 0 if none does.
    private static func controlLength(_ source: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        let byte = source[index]
        if byte < 0x20 || byte == 0x7F { return 1 }
        if byte == 0xC2, index + 1 < source.count, (0x80...0x9F).contains(source[index + 1]) { return 2 }
        if byte == 0xE2, index + 2 < source.count, source[index + 1] == 0x80,
           source[index + 2] == 0xA8 || source[index + 2] == 0xA9 { return 3 }
        return 0
    }

    /// Writes `line` with each control character (general category Cc)
    /// turned into a space.
    static func appendReplacingControls(_ line: String, to out: inout ExportBuffer) {
        out.append(line, isPlain: { $0 >= 0x20 && $0 != 0x7F && $0 != 0xC2 }, escape: { source, index, bytes in
            let byte = source[index]
            if byte < 0x20 || byte == 0x7F {
                bytes.append(0x20)
                return 1
            }
            if byte == 0xC2, index + 1 < source.count, (0x80...0x9F).contains(source[index + 1]) {
                bytes.append(0x20)
                return 2
            }
            bytes.append(byte)
            return 1
        })
    }

    // MARK: HTML

    /// Text for HTML element content or a quoted attribute value: `&`, `<`,
    /// `>`, `"` and `'` as character references; control characters other
    /// than tab and line feed (never in the registry) as U+FFFD.
    package static func html(_ value: String) -> String {
        var out = ExportBuffer(capacity: value.utf8.count + 8)
        appendHTML(value, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes `html(value)` to `out`.
    static func appendHTML(_ value: String, to out: inout ExportBuffer) {
        out.append(value, isPlain: { byte in
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F, 0xC2: return false
            case 0x09, 0x0A: return true
            default: return byte >= 0x20
            }
        }, escape: { source, index, bytes in
            let byte = source[index]
            switch byte {
            case 0x26: bytes.append(contentsOf: Array("&amp;".utf8))
            case 0x3C: bytes.append(contentsOf: Array("&lt;".utf8))
            case 0x3E: bytes.append(contentsOf: Array("&gt;".utf8))
            case 0x22: bytes.append(contentsOf: Array("&quot;".utf8))
            case 0x27: bytes.append(contentsOf: Array("&#39;".utf8))
            case 0xC2:
                // U+0080–U+009F, the C1 controls, are C2 80 to C2 9F.
                if index + 1 < source.count, (0x80...0x9F).contains(source[index + 1]) {
                    bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    return 2
                }
                bytes.append(byte)
            default:
                // Controls below 0x20 other than tab and line feed, and DEL:
                // U+FFFD.
                bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
            return 1
        })
    }
}
