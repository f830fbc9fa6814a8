import RegistryFormat

/// The nouns the lists count, with a number that agrees with them in
/// English, French and Spanish: "1 civil-society organisation",
/// "0 signataire", "0 firmantes".
package enum CountedNoun: Sendable, CaseIterable {
    /// Signatories of any kind.
    case signatory
    /// Government signatories.
    case government
    /// Civil-society signatories.
    case civilSocietyOrganisation

    /// The noun for signatories of `kind`.
    package static func of(_ kind: SignatoryKind) -> CountedNoun {
        kind == .government ? .government : .civilSocietyOrganisation
    }

    /// `count` and the noun in `language`, such as "15 governments".
    package func counted(_ count: Int, in language: Language) -> String {
        Self.number(count, in: language) + " " + (Self.isSingular(count, in: language) ? forms(language).one : forms(language).other)
    }

    /// Whether `count` takes the singular: one only in English and Spanish;
    /// zero and one in French (CLDR's plural rules for whole numbers).
    package static func isSingular(_ count: Int, in language: Language) -> Bool {
        switch language {
        case .en, .es: return count == 1
        case .fr: return count == 0 || count == 1
        }
    }

    /// `count` with the language's digit grouping: "12,345" in English,
    /// "12 345" (narrow no-break space) in French, "12.345" in Spanish,
    /// which groups only from five digits ("1234").
    package static func number(_ count: Int, in language: Language) -> String {
        let digits = String(count.magnitude)
        let separator: String
        switch language {
        case .en: separator = ","
        case .fr: separator = "\u{202F}"
        case .es:
            guard digits.count >= 5 else { return count < 0 ? "-" + digits : digits }
            separator = "."
        }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (count < 0 ? "-" : "") + groups.joined(separator: separator)
    }

    private func forms(_ language: Language) -> (one: String, other: String) {
        switch (self, language) {
        case (.signatory, .en): return ("signatory", "signatories")
        case (.signatory, .fr): return ("signataire", "signataires")
        case (.signatory, .es): return ("firmante", "firmantes")
        case (.government, .en): return ("government", "governments")
        case (.government, .fr): return ("gouvernement", "gouvernements")
        case (.government, .es): return ("gobierno", "gobiernos")
        case (.civilSocietyOrganisation, .en): return ("civil-society organisation", "civil-society organisations")
        case (.civilSocietyOrganisation, .fr):
            return ("organisation de la société civile", "organisations de la société civile")
        case (.civilSocietyOrganisation, .es):
            return ("organización de la sociedad civil", "organizaciones de la sociedad civil")
        }
    }
}
