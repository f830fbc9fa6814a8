import Foundation
import RegistryFormat

/// The parsed `manifest.json`: the facts about the declaration that are not
/// part of its text. Each value keeps the line it came from, for errors
/// found later (a title that differs from the text, an id that differs
/// from the directory name).
struct DeclarationManifest {
    /// A manifest value and the line it is on.
    struct Located<Value> {
        var value: Value
        var line: Int
    }

    /// The manifest's fields, in the order the documentation lists them.
    static let fields = ["id", "version", "adopted", "languages", "titles", "place", "texts"]

    var id: Located<String>
    var version: Located<String>
    var adopted: Located<String>
    var languages: [Language]
    var titles: [Language: Located<String>]
    var place: [Language: Located<String>]
    var texts: [Language: Located<String>]

    init(bytes: [UInt8], file: String) throws(DeclarationError) {
        // Tabs are common JSON indentation, so the manifest may hold them.
        let lines = try DeclarationFileChecks.lines(of: bytes, file: file, allowsTabs: true)
        let root = try ManifestJSON.parse(lines, file: file)
        guard case .object(let members) = root.value else {
            throw DeclarationError.malformedManifest(
                file: file, line: root.line, expected: "a JSON object", found: root.value.kind)
        }
        let reader = FieldReader(file: file, objectLine: root.line, members: members, prefix: "")
        try reader.rejectUnknownFields(allowed: Self.fields)

        let id = try reader.string("id")
        guard id.value.count <= 100,
              id.value.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil
        else {
            throw DeclarationError.invalidField(
                file: file, line: id.line, field: "id",
                expected: "lowercase letters, digits and single hyphens (at most 100 characters)",
                found: "\"\(id.value)\"")
        }
        let version = try reader.string("version")
        guard version.value.wholeMatch(of: /(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})/) != nil
        else {
            throw DeclarationError.invalidField(
                file: file, line: version.line, field: "version",
                expected: "MAJOR.MINOR.PATCH, such as \"1.0.0\"", found: "\"\(version.value)\"")
        }
        let adopted = try reader.string("adopted")
        guard Self.isCalendarDate(adopted.value) else {
            throw DeclarationError.invalidField(
                file: file, line: adopted.line, field: "adopted",
                expected: "a date written YYYY-MM-DD, such as \"2016-12-09\"", found: "\"\(adopted.value)\"")
        }
        let languages = try reader.languages("languages")

        self.id = id
        self.version = version
        self.adopted = adopted
        self.languages = languages
        self.titles = try reader.perLanguage("titles", languages: languages)
        self.place = try reader.perLanguage("place", languages: languages)
        self.texts = try reader.perLanguage("texts", languages: languages)
        for language in languages {
            guard let text = texts[language], text.value != language.textFileName else { continue }
            throw DeclarationError.invalidField(
                file: file, line: text.line, field: "texts.\(language)",
                expected: "\"\(language.textFileName)\"", found: "\"\(text.value)\"")
        }
    }

    /// Whether `text` is a real Gregorian date written YYYY-MM-DD.
    static func isCalendarDate(_ text: String) -> Bool {
        guard let match = text.wholeMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})/),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              (1...12).contains(month), day >= 1
        else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}

/// Reads the fields of one manifest object, naming each by its dotted path in errors.
private struct FieldReader {
    let file: String
    let objectLine: Int
    let members: [ManifestJSON.Member]
    let prefix: String

    private func path(_ key: String) -> String { prefix + key }

    func rejectUnknownFields(allowed: [String]) throws(DeclarationError) {
        for member in members where !allowed.contains(member.key) {
            throw DeclarationError.unknownField(
                file: file, line: member.line, field: path(DeclarationFileChecks.printable(member.key)))
        }
    }

    func node(_ key: String) throws(DeclarationError) -> ManifestJSON.Node {
        guard let member = members.first(where: { $0.key == key }) else {
            throw DeclarationError.missingField(file: file, line: objectLine, field: path(key))
        }
        return member.node
    }

    func string(_ key: String) throws(DeclarationError) -> DeclarationManifest.Located<String> {
        let node = try node(key)
        guard case .string(let text) = node.value else {
            throw DeclarationError.invalidField(
                file: file, line: node.line, field: path(key), expected: "a string", found: node.value.kind)
        }
        // Escapes can smuggle in what the line checks rejected in raw bytes.
        let isClean = !text.isEmpty
            && !text.unicodeScalars.contains(where: {
                DeclarationFileChecks.isForbiddenControl($0, allowsTabs: false) || DeclarationFileChecks.isInvisible($0)
            })
            && text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8)
        guard isClean else {
            throw DeclarationError.invalidField(
                file: file, line: node.line, field: path(key),
                expected: "a non-empty string in NFC without control or invisible characters",
                found: node.value.kind)
        }
        if let spacing = DeclarationFileChecks.spacingProblem(text) {
            throw DeclarationError.invalidField(
                file: file, line: node.line, field: path(key), expected: "a string with " + spacing,
                found: node.value.kind)
        }
        return .init(value: text, line: node.line)
    }

    func languages(_ key: String) throws(DeclarationError) -> [Language] {
        let node = try node(key)
        guard case .array(let elements) = node.value else {
            throw DeclarationError.invalidField(
                file: file, line: node.line, field: path(key),
                expected: "an array of language codes", found: node.value.kind)
        }
        var languages: [Language] = []
        for (offset, element) in elements.enumerated() {
            let field = "\(path(key))[\(offset)]"
            guard case .string(let code) = element.value, let language = Language(rawValue: code) else {
                throw DeclarationError.invalidField(
                    file: file, line: element.line, field: field,
                    expected: "one of \(Language.codeList)", found: element.value.kind)
            }
            guard !languages.contains(language) else {
                throw DeclarationError.invalidField(
                    file: file, line: element.line, field: field,
                    expected: "each language once", found: "\"\(code)\" again")
            }
            languages.append(language)
        }
        // The declaration was issued in all three languages; a registry that
        // lacked one could not show signatories the text in their language.
        let missing = Language.allCases.filter { !languages.contains($0) }
        guard missing.isEmpty else {
            throw DeclarationError.invalidField(
                file: file, line: node.line, field: path(key),
                expected: "all of \(Language.codeList)",
                found: "no " + missing.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return languages
    }

    func perLanguage(
        _ key: String, languages: [Language]
    ) throws(DeclarationError) -> [Language: DeclarationManifest.Located<String>] {
        let node = try node(key)
        guard case .object(let members) = node.value else {
            throw DeclarationError.invalidField(
                file: file, line: node.line, field: path(key),
                expected: "an object with one string per language", found: node.value.kind)
        }
        let inner = FieldReader(file: file, objectLine: node.line, members: members, prefix: path(key) + ".")
        for member in members where Language(rawValue: member.key) == nil {
            throw DeclarationError.invalidField(
                file: file, line: member.line, field: inner.path(member.key),
                expected: "a language code, one of \(Language.codeList)", found: "\"\(member.key)\"")
        }
        var values: [Language: DeclarationManifest.Located<String>] = [:]
        for language in languages {
            values[language] = try inner.string(language.rawValue)
        }
        return values
    }
}

extension Language {
    /// "en, es, fr": the valid codes, for messages.
    static var codeList: String {
        allCases.sorted().map(\.rawValue).joined(separator: ", ")
    }
}
