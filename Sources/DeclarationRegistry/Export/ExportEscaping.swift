/// How each format escapes values, so that no name, however chosen, can
/// break a format's structure or be run as code by the program that opens it.
public enum ExportEscaping {
    // MARK: CSV

    /// Characters that make a spreadsheet read a cell as a formula when they
    /// start it (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, carriage
    /// return; also line feed and the full-width forms of the four signs,
    /// which some spreadsheets treat the same way.
    public static let formulaTriggers: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\t", "\r", "\n",
        "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// One RFC 4180 field. A value a spreadsheet would run as a formula is
    /// neutralised as OWASP advises: a single quote is put before it and the
    /// field is quoted. Otherwise the field is quoted only when it holds a
    /// comma, a double quote, CR or LF; double quotes are doubled.
    public static func csvField(_ value: String) -> String {
        var text = value
        var mustQuote = false
        if let first = value.unicodeScalars.first, formulaTriggers.contains(first) {
            text = "'" + value
            mustQuote = true
        }
        if !mustQuote {
            mustQuote = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        }
        guard mustQuote else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    /// A JSON string literal (RFC 8259): quotes, backslashes and control
    /// characters escaped; U+2028 and U+2029 too, so the text is also safe
    /// inside JavaScript. Everything else is written as UTF-8.
    public static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}", "\u{2029}": out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    // MARK: Markdown

    /// ASCII punctuation that Markdown (CommonMark and GitHub's extensions:
    /// tables, strikethrough, autolinks, math) can give a meaning to inside a
    /// line. Each is written with a backslash before it, which CommonMark
    /// defines as the literal character. Left out: `,` `'` `"` `-` `/` `;`
    /// `%` `?`, which mean nothing inside a table cell.
    public static let markdownSpecials: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "<", ">", "#", "+", "!",
        "|", "~", "&", "$", "=", "^", ":", ".", "@",
    ]

    /// Text for a Markdown table cell or list item: specials escaped, and
    /// any line break or control character (which the registry never holds)
    /// turned into a space so the row cannot be split.
    public static func markdown(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if markdownSpecials.contains(scalar) {
                out += "\\"
                out.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .control
                        || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: HTML

    /// Text for HTML element content or a quoted attribute value: `&`, `<`,
    /// `>`, `"` and `'` as character references; control characters other
    /// than tab and line feed (never in the registry) as U+FFFD.
    public static func html(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of the scalar `target` replaced with `replacement`.
    ///
    /// Works on Unicode scalars, not characters: a quote followed by a
    /// combining mark is one `Character`, yet still a quote to a CSV reader.
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar == target { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
