import RegistryFormat

/// What a signatory's typed answers mean: each checked on its own, the
/// moment it is typed, by the rules its statement will be held to.
package enum SignatoryAnswers {
    /// The kind an answer names: `1` or `2`, the kind's code, or a word of
    /// it in English, French or Spanish ("gouvernement", "sociedad civil",
    /// "NGO"), in any case, with or without accents.
    package static func kind(_ answer: String) throws(AnswerRefusal) -> SignatoryKind {
        let folded = String(String.UnicodeScalarView(NameFolding.folded(answer)))
        if let kind = SignatoryKind(rawValue: answer.trimmed.lowercased()) { return kind }
        if folded == "1" { return .government }
        if folded == "2" { return .civilSociety }
        let words = folded.split(separator: " ").map(String.init)
        let governmentWords = ["government", "gouvernement", "gobierno", "govt", "gov"]
        let civilWords = ["civil", "civile", "ngo", "ong", "cso", "osc", "association", "asociacion"]
        if folded.count >= 3, governmentWords.contains(where: { $0.hasPrefix(folded) || folded.hasPrefix($0) }) {
            return .government
        }
        if words.contains(where: { civilWords.contains($0) }) || (folded.count >= 5 && "organisation".hasPrefix(folded))
            || (folded.count >= 5 && "organizacion".hasPrefix(folded)) {
            return .civilSociety
        }
        throw AnswerRefusal(.kind)
    }

    /// A free-text detail, in Unicode NFC without surrounding white space,
    /// if the format accepts it.
    package static func text(_ answer: String, as field: SignatoryField) throws(AnswerRefusal) -> String {
        let value = TextRules.normalized(answer.trimmed)
        do {
            try field.check(value)
        } catch {
            throw AnswerRefusal(.field(error))
        }
        return value
    }

    /// A website, completed to an address when typed without its scheme
    /// (`paris.fr` → `https://paris.fr`), if the format accepts it.
    package static func website(_ answer: String) throws(AnswerRefusal) -> String {
        var value = TextRules.normalized(answer.trimmed)
        if !value.isEmpty, !value.contains("://") {
            value = "https://" + value
        }
        return try text(value, as: .website)
    }

    /// The jurisdiction an answer is, when it is itself a listed code in
    /// any case ("us-tx"), so nothing needs choosing.
    package static func jurisdictionCode(_ answer: String) -> Jurisdiction? {
        let code = answer.trimmed.uppercased()
        return try? Jurisdiction(assignedCode: code)
    }

    /// The jurisdictions an answer may mean, best first, for the signatory
    /// to choose from: never decided for them, since the code is signed.
    /// Throws when nothing matches.
    package static func jurisdictionChoices(_ answer: String, limit: Int = 8) throws(AnswerRefusal) -> [Jurisdiction] {
        let typed = answer.trimmed
        let found = JurisdictionLookup.candidates(for: typed, limit: limit).map(\.jurisdiction)
        guard !found.isEmpty else {
            throw AnswerRefusal(.jurisdiction(typed: typed, suggestions: []))
        }
        return found
    }

    /// The jurisdiction an option's value is: a listed code as written
    /// (in any case); otherwise a refusal that names what it may mean.
    package static func jurisdictionOption(_ value: String) throws(AnswerRefusal) -> Jurisdiction {
        if let jurisdiction = jurisdictionCode(value) { return jurisdiction }
        let typed = value.trimmed
        let suggestions = JurisdictionLookup.candidates(for: typed, limit: 5).map(\.jurisdiction)
        throw AnswerRefusal(.jurisdiction(typed: typed, suggestions: suggestions))
    }
}

extension String {
    /// Without white space at either end.
    fileprivate var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
