import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing

/// The interface's catalogues: every message in all three languages, with
/// the same placeholders, filled once and safely.
@Suite struct MessageCatalogueTests {
    @Test(arguments: Language.allCases)
    func everyMessageIsInTheCatalogue(language: Language) {
        let catalogue = MessageCatalogue.catalogue(language)
        let missing = Message.allCases.filter { catalogue[$0] == nil }
        #expect(missing.isEmpty, "the \(language) catalogue lacks \(missing.map(\.rawValue))")
        #expect(catalogue.count == Message.allCases.count)
        for (message, template) in catalogue {
            #expect(!template.trimmingCharacters(in: .whitespaces).isEmpty, "\(message) is empty in \(language)")
        }
    }

    @Test(arguments: [Language.fr, .es])
    func everyTranslationHasTheEnglishPlaceholders(language: Language) {
        for message in Message.allCases {
            let english = MessageCatalogue.placeholders(in: MessageCatalogue.catalogue(.en)[message] ?? "")
            let translated = MessageCatalogue.placeholders(in: MessageCatalogue.catalogue(language)[message] ?? "")
            #expect(english == translated, "\(message): \(english.sorted()) in English, \(translated.sorted()) in \(language)")
        }
    }

    @Test(arguments: [Language.fr, .es])
    func translationsAreTranslated(language: Language) {
        // Only messages made of names, symbols and placeholders may be the same.
        let alike: Set<Message> = [.errorOption, .websiteCompleted, .jurisdictionUnderstood, .verdictActiveValue, .verdictDeclarationValue]
        for message in Message.allCases where !alike.contains(message) {
            if language == .es, message == .errorLabel { continue }  // "error:" in both
            #expect(message.text(in: language) != message.text(in: .en), "\(message) is English in \(language)")
        }
    }

    @Test func placeholdersAreFilledOnceAndValuesAreNeverReadAsPlaceholders() {
        let filled = Message.errorOutputExists.text(in: .en, ["path": "{path}.json"])
        #expect(filled.hasPrefix("{path}.json already exists"))
        #expect(Message.signatureRecorded.text(in: .fr, ["sequence": "7", "name": "Ville de Paris", "code": "FR"])
            == "Signé et enregistré comme entrée 7 : Ville de Paris (FR).")
        // A placeholder given no value stays visible, so the mistake shows.
        #expect(Message.keygenKeyID.text(in: .en) == "Key id: {keyID}")
        #expect(MessageCatalogue.placeholders(in: "a {b} c {d}} {") == ["b", "d"])
    }

    @Test func oneTermForOneConcept() {
        // The Spanish digest is "resumen" everywhere (docs/LOCALIZATION.md),
        // and French sets a space before its colons.
        for message in Message.allCases {
            #expect(!message.text(in: .es).lowercased().contains("huella"), "\(message)")
            let french = message.text(in: .fr)
            for index in french.indices where french[index] == ":" && index > french.startIndex {
                let before = french[french.index(before: index)]
                // "U+{scalar}", "https://" and a clock's colon are not punctuation.
                if before == "s" && french[index...].hasPrefix("://") { continue }
                #expect(before == " ", "\(message): no space before a colon in “\(french)”")
            }
        }
        #expect(Declaration.embeddedRendering(.es).contains("Resumen del texto"))
    }
}

extension Declaration {
    /// The built-in declaration as `show` prints it.
    fileprivate static func embeddedRendering(_ language: Language) -> String {
        (try? Declaration.embedded.rendered(in: language)) ?? ""
    }
}
