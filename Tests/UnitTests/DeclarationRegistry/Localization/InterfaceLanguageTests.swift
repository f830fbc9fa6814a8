import DeclarationRegistry
import RegistryFormat
import Testing

/// The interface's language: --lang, else LC_ALL, LC_MESSAGES, LANG, else English.
@Suite struct InterfaceLanguageTests {
    @Test func theOptionComesFirst() {
        #expect(InterfaceLanguage.resolve(.es, environment: ["LC_ALL": "fr_FR.UTF-8"]) == .es)
    }

    @Test func theLocaleIsReadInPOSIXOrder() {
        #expect(InterfaceLanguage.resolve(nil, environment: ["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(InterfaceLanguage.resolve(nil, environment: ["LANG": "fr_FR.UTF-8", "LC_MESSAGES": "es_MX"]) == .es)
        #expect(InterfaceLanguage.resolve(nil, environment: ["LC_ALL": "en_GB", "LC_MESSAGES": "es_MX", "LANG": "fr"]) == .en)
        // An empty variable is not set.
        #expect(InterfaceLanguage.resolve(nil, environment: ["LC_ALL": "", "LANG": "es_ES@euro"]) == .es)
    }

    @Test func anotherLanguageOrNoLocaleIsEnglish() {
        #expect(InterfaceLanguage.resolve(nil, environment: [:]) == .en)
        #expect(InterfaceLanguage.resolve(nil, environment: ["LANG": "C.UTF-8"]) == .en)
        #expect(InterfaceLanguage.resolve(nil, environment: ["LANG": "POSIX"]) == .en)
        // The variable that decides is not passed over for a later one.
        #expect(InterfaceLanguage.resolve(nil, environment: ["LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR"]) == .en)
        #expect(InterfaceLanguage.language(ofLocale: "fr_CA.ISO-8859-1") == .fr)
        #expect(InterfaceLanguage.language(ofLocale: "french") == nil)
    }
}
