import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing

@Suite struct VocabularyTests {
    @Test(arguments: Language.allCases)
    func everyTermHasTextInEveryLanguage(language: Language) {
        for term in Vocabulary.allCases {
            let text = term.text(in: language)
            #expect(!text.isEmpty && text.trimmingCharacters(in: .whitespaces) == text, "\(term)")
        }
    }

    @Test func termsAreDistinctWithinALanguage() {
        for language in Language.allCases {
            let texts = Vocabulary.allCases.map { $0.text(in: language) }
            #expect(Set(texts).count == texts.count, "\(language)")
        }
    }

    @Test(arguments: [
        (Vocabulary.kindGovernment, "Government", "Gouvernement", "Gobierno"),
        (.groupGovernments, "Governments", "Gouvernements", "Gobiernos"),
        (.groupCivilSociety, "Civil-society organisations", "Organisations de la société civile",
         "Organizaciones de la sociedad civil"),
        (.columnCountry, "Country", "Pays", "País"),
        (.columnSignedOn, "Signed on", "Signé le", "Firmado el"),
        (.labelTreeSize, "Tree size", "Taille de l’arbre", "Tamaño del árbol"),
    ])
    func knownTexts(term: Vocabulary, en: String, fr: String, es: String) {
        #expect(term.text(in: .en) == en)
        #expect(term.text(in: .fr) == fr)
        #expect(term.text(in: .es) == es)
    }

    @Test func languageNames() {
        #expect(Vocabulary.name(of: .fr).text(in: .en) == "French")
        #expect(Vocabulary.name(of: .es).text(in: .fr) == "espagnol")
        #expect(Vocabulary.name(of: .en).text(in: .es) == "inglés")
    }
}
