import RegistryFormat

/// The language the tool speaks to its user in: the one asked for with
/// `--lang`, else the locale's, else English.
package enum InterfaceLanguage {
    /// The language for a command: `requested` when given; else the first
    /// of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty, as
    /// POSIX orders them for messages, if it names English, French or
    /// Spanish (`fr_FR.UTF-8`, `es`, `fr_CA@euro`); else English. A locale
    /// that names another language (`de_DE`), or `C` and `POSIX`, gives
    /// English: the variable that decides is not passed over for a later one.
    package static func resolve(_ requested: Language?, environment: [String: String]) -> Language {
        if let requested { return requested }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return language(ofLocale: value) ?? .en
        }
        return .en
    }

    /// The language a POSIX locale name gives, such as `fr` for
    /// `fr_FR.UTF-8`; nil for `C`, `POSIX` or another language.
    package static func language(ofLocale locale: String) -> Language? {
        let code = locale.prefix { $0 != "_" && $0 != "." && $0 != "@" && $0 != "-" }.lowercased()
        return Language(rawValue: code)
    }
}
