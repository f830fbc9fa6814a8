import RegistryFormat

extension Declaration {
    /// The declaration in `language` as plain text for a terminal: the
    /// title, the preamble, the numbered clauses wrapped to `width`
    /// columns, then where and when it was adopted, its version and digests.
    public func rendered(in language: Language, width: Int = 78) -> String {
        let text = text(in: language)
        var output = text.title + "\n" + String(repeating: "=", count: text.title.count) + "\n\n"
        for paragraph in text.preamble {
            output += Self.wrap(paragraph, width: width, indent: "") + "\n\n"
        }
        for (offset, clause) in text.clauses.enumerated() {
            let number = "\(offset + 1). "
            let body = Self.wrap(clause, width: width - number.count, indent: String(repeating: " ", count: number.count))
            output += number + body + "\n\n"
        }
        // The words around the text are the catalogue's, in the text's language.
        output += Message.renderedAdopted.text(in: language, ["date": adoptionDate(in: language),
                                                              "place": place[language] ?? ""]) + "\n"
        output += Message.renderedVersion.text(in: language, ["version": version]) + "\n"
        output += Message.renderedTextDigest.text(in: language, ["file": language.textFileName,
                                                                 "digest": digest(for: language).hex]) + "\n"
        output += Message.renderedDeclarationDigest.text(in: language, ["digest": digest.hex]) + "\n"
        return output
    }

    /// The day of adoption as a reader of `language` writes it ("9 décembre
    /// 2016"); the manifest's own form if it is not a calendar day.
    private func adoptionDate(in language: Language) -> String {
        let parts = adoptedOn.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = try? LocalizedDate(year: parts[0], month: parts[1], day: parts[2]) else {
            return adoptedOn
        }
        return date.formatted(in: language)
    }

    /// Wraps `paragraph` at spaces so no line exceeds `width` characters
    /// (a longer word stays whole); lines after the first get `indent`.
    static func wrap(_ paragraph: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= max(width, 1) {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n" + indent)
    }
}
