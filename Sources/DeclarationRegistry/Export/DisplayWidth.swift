/// How many terminal cells text takes, and text cut to fit a number of
/// cells: what keeps `SignatoryTable`'s columns straight whatever the names.
///
/// A character (grapheme cluster) takes two cells when its first scalar is
/// East Asian wide or full-width, or an emoji shown as a picture; zero when
/// it is only a combining mark or a format character; one otherwise. This
/// is the rule terminals apply (wcwidth), kept small: the ranges below are
/// Unicode's wide blocks, not the full East Asian Width table.
package enum DisplayWidth {
    /// The cells `text` takes.
    package static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + cells($1) }
    }

    /// The cells one character takes.
    package static func cells(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let properties = first.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return isWide(first.value) || (properties.isEmojiPresentation && first.value > 0xFF) ? 2 : 1
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` in at most `width` cells: whole when it fits, else cut at a
    /// character boundary and ended with "…".
    package static func truncated(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let size = cells(character)
            if used + size > width - 1 { break }
            kept.append(character)
            used += size
        }
        return kept + "…"
    }

    /// `text` padded with spaces on the right to `width` cells.
    package static func padded(_ text: String, to width: Int) -> String {
        let size = of(text)
        return size >= width ? text : text + String(repeating: " ", count: width - size)
    }

    /// `text` broken into lines of at most `width` cells, between words
    /// where it can; a word longer than a line is cut with "…".
    package static func wrapped(_ text: String, to width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            if line.isEmpty {
                line = truncated(word, to: width)
            } else if of(line) + 1 + of(word) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = truncated(word, to: width)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
