/// A language the declaration is issued in.
///
/// The cases are ISO 639-1 codes, which are also the names of the text files
/// (`en.txt`, `fr.txt`, `es.txt`) and the keys used in the manifest.
public enum Language: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// English.
    case en
    /// French.
    case fr
    /// Spanish.
    case es

    /// The ISO 639-1 code, as written in files and on the command line.
    public var code: String { rawValue }

    public var description: String { rawValue }

    /// The name of the language in its own language ("English", "français", "español").
    public var nativeName: String { displayName(in: self) }

    /// The name of this language as written in `language`, so a French page
    /// can say "anglais" and a Spanish one "inglés".
    public func displayName(in language: Language) -> String {
        switch (self, language) {
        case (.en, .en): "English"
        case (.en, .fr): "anglais"
        case (.en, .es): "inglés"
        case (.fr, .en): "French"
        case (.fr, .fr): "français"
        case (.fr, .es): "francés"
        case (.es, .en): "Spanish"
        case (.es, .fr): "espagnol"
        case (.es, .es): "español"
        }
    }

    /// The name of the text file holding the declaration in this language.
    public var textFileName: String { "\(rawValue).txt" }

    /// Orders languages by their code, the order used in listings and digests.
    public static func < (lhs: Language, rhs: Language) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
