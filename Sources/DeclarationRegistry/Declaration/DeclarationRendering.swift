import RegistryFormat

extension Declaration {
    /// The declaration in `language` as plain text for a terminal: the
    /// title, the preamble, the numbered clauses wrapped to `width`
    /// columns, then where and when it was adopted, its version and digests.
    public func rendered(in language: Language, width: Int = 78) -> String {
        let text = text(in: language)
        let labels = RenderingLabels(language)
        var output = text.title + "\n" + String(repeating: "=", count: text.title.count) + "\n\n"
        for paragraph in text.preamble {
            output += Self.wrap(paragraph, width: width, indent: "") + "\n\n"
        }
        for (offset, clause) in text.clauses.enumerated() {
            let number = "\(offset + 1). "
            let body = Self.wrap(clause, width: width - number.count, indent: String(repeating: " ", count: number.count))
            output += number + body + "\n\n"
        }
        output += "\(labels.adopted)\(adoptedOn), \(place[language] ?? "")\n"
        output += "\(labels.version)\(version)\n"
        output += "\(labels.textDigest(language.textFileName))\(digest(for: language).hex)\n"
        output += "\(labels.declarationDigest)\(digest.hex)\n"
        return output
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

/// The few words around the text, in the text's language.
private struct RenderingLabels {
    let adopted: String
    let version: String
    let declarationDigest: String
    let textDigestFormat: (String) -> String

    init(_ language: Language) {
        // French sets a space before the colon.
        switch language {
        case .en:
            adopted = "Adopted: "
            version = "Version: "
            textDigestFormat = { "Text digest (SHA-256 of \($0)): " }
            declarationDigest = "Declaration digest (SHA-256 of the file listing): "
        case .fr:
            adopted = "Adoptée : "
            version = "Version : "
            textDigestFormat = { "Empreinte du texte (SHA-256 de \($0)) : " }
            declarationDigest = "Empreinte de la déclaration (SHA-256 de la liste des fichiers) : "
        case .es:
            adopted = "Adoptada: "
            version = "Versión: "
            textDigestFormat = { "Huella del texto (SHA-256 de \($0)): " }
            declarationDigest = "Huella de la declaración (SHA-256 de la lista de archivos): "
        }
    }

    func textDigest(_ file: String) -> String { textDigestFormat(file) }
}
