import DeclarationRegistry
import Testing

/// The escaping of each format, value by value.
@Suite struct ExportEscapingTests {
    @Test(arguments: [
        ("Paris", "Paris"),
        ("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
        ("+1", "\"'+1\""),
        ("-1", "\"'-1\""),
        ("@x", "\"'@x\""),
        ("\tx", "\"'\tx\""),
        ("\rx", "\"'\rx\""),
        ("＝1+1", "\"'＝1+1\""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("a-b=c", "a-b=c"),
        ("", ""),
    ])
    func csvFields(value: String, expected: String) {
        #expect(ExportEscaping.csvField(value) == expected)
    }

    @Test func csvDoublesAQuoteCarryingACombiningMark() {
        // One Character ("\"" + U+0301) but still a quote to a CSV reader.
        let value = "a\"\u{0301}b"
        #expect(ExportEscaping.csvField(value) == "\"a\"\"\u{0301}b\"")
    }

    @Test(arguments: [
        ("plain", "\"plain\""),
        ("q\"b\\", "\"q\\\"b\\\\\""),
        ("\n\r\t\u{08}\u{0C}", "\"\\n\\r\\t\\b\\f\""),
        ("\u{01}\u{1F}\u{7F}", "\"\\u0001\\u001f\\u007f\""),
        ("\u{2028}\u{2029}", "\"\\u2028\\u2029\""),
        ("Zürich 🏔️ القدس", "\"Zürich 🏔️ القدس\""),
    ])
    func jsonStrings(value: String, expected: String) {
        #expect(ExportEscaping.jsonString(value) == expected)
    }

    @Test(arguments: [
        ("Pipe | here", "Pipe \\| here"),
        ("back\\slash", "back\\\\slash"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[a](http://b)", "\\[a\\]\\(http\\://b\\)"),
        ("<b>&amp;", "\\<b\\>\\&amp;"),
        ("# ~~x~~ $y$", "\\# \\~\\~x\\~\\~ \\$y\\$"),
        ("two\nlines\r", "two lines "),
        ("São Paulo, l'été - 50%?", "São Paulo, l'été - 50%?"),
    ])
    func markdownText(value: String, expected: String) {
        #expect(ExportEscaping.markdown(value) == expected)
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &#39;d&#39;"),
        ("bell\u{07}", "bell\u{FFFD}"),
        ("ירושלים", "ירושלים"),
    ])
    func htmlText(value: String, expected: String) {
        #expect(ExportEscaping.html(value) == expected)
    }
}
