import RegistryFormat

/// The three catalogues and how a message's placeholders are filled.
package enum MessageCatalogue {
    /// The catalogue of `language`: every `Message` with its template.
    package static func catalogue(_ language: Language) -> [Message: String] {
        switch language {
        case .en: return english
        case .fr: return french
        case .es: return spanish
        }
    }

    /// The template of `message` in `language`. A key missing from a
    /// catalogue (which the catalogue test forbids) falls back to English,
    /// then to the key's name, rather than to nothing.
    static func template(_ message: Message, in language: Language) -> String {
        catalogue(language)[message] ?? english[message] ?? message.rawValue
    }

    /// The placeholder names in `template`, such as `path` for `{path}`.
    package static func placeholders(in template: String) -> Set<String> {
        var names: Set<String> = []
        var current: String?
        for character in template {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { names.insert(name) }
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }

    /// `template` with each `{name}` that `values` has replaced by its
    /// value, in one pass: a value that itself holds braces (a name a
    /// signatory typed) is never read as a placeholder.
    static func fill(_ template: String, with values: [String: String]) -> String {
        guard !values.isEmpty else { return template }
        var output = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"),
                  let value = values[String(rest[afterOpen..<close])] else {
                output.append("{")
                rest = rest[afterOpen...]
                continue
            }
            output += value
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}
