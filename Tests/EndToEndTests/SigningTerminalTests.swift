import DeclarationRegistry
import Foundation
import RegistryFormat
import Testing
import TestSupport

/// The signing flow on a real terminal (a tmux pane), typed as a person
/// would, in each language: keygen's passphrase twice without echo, the
/// key's passphrase asked again when mistyped, each answer checked as typed,
/// the jurisdiction found by name, one summary, one confirmation.
@Suite(.serialized) struct SigningTerminalTests {
    static var binary: String { DeclarationProcess.executableURL.path }

    /// The English words a screen in `language` must not show: the fixed
    /// part of every English message, where the translation differs.
    static func englishLeftOn(_ screen: String, language: Language) -> [String] {
        Message.allCases.compactMap { message in
            let english = message.text(in: .en)
            let fixed = english.split(separator: "{").first.map(String.init) ?? english
            guard fixed.count >= 8, fixed != message.text(in: language).split(separator: "{").first.map(String.init) else {
                return nil
            }
            return screen.contains(fixed) ? fixed : nil
        }
    }

    @Test func aFrenchSignatoryGoesFromKeygenToASignedStatementWithoutOneEnglishWord() throws {
        let directory = try TemporaryDirectory()
        let french = ["LANG": "fr_FR.UTF-8"]

        // keygen: the passphrase twice, mistyped once.
        let keygen = try TerminalSession([Self.binary, "keygen", "--out", "paris.key"], directory: directory,
                                         environment: french)
        try keygen.waitFor("Phrase secrète pour protéger la clé privée")
        try keygen.type("premier secret")
        try keygen.waitFor("La même phrase secrète, de nouveau")
        try keygen.type("autre secret")
        try keygen.waitFor("Les deux phrases secrètes diffèrent")
        try keygen.waitFor("Phrase secrète pour protéger la clé privée", occurrence: 2)
        try keygen.type("liberté égalité")
        try keygen.waitFor("La même phrase secrète, de nouveau", occurrence: 2)
        try keygen.type("liberté égalité")
        let made = try keygen.waitForExit()
        #expect(made.status == 0, "\(made.screen)")
        #expect(made.screen.contains("Identifiant de clé : "))
        #expect(made.screen.contains("chiffrée avec votre phrase secrète"))
        // Typed without echo.
        #expect(!made.screen.contains("liberté égalité") && !made.screen.contains("premier secret"))
        #expect(Self.englishLeftOn(made.screen, language: .fr).isEmpty, "English: \(Self.englishLeftOn(made.screen, language: .fr))")

        // sign: every mistake forgiven, nothing retyped.
        let sign = try TerminalSession(
            [Self.binary, "sign", "--key", "paris.key", "--out", "paris.json", "--origin", "example.org/registry"],
            directory: directory, environment: french)
        try sign.waitFor("Phrase secrète de paris.key")
        try sign.type("liberté")
        try sign.waitFor("Cette phrase secrète n’ouvre pas paris.key")
        try sign.waitFor("Phrase secrète de paris.key", occurrence: 2)
        try sign.type("liberté égalité")
        try sign.waitFor("Type de signataire")
        try sign.type("gouvernement")
        try sign.waitFor("Nom du gouvernement ou de l’organisation")
        try sign.type("")
        try sign.waitFor("Une réponse est nécessaire ici.")
        try sign.type("Ville de Paris")
        try sign.waitFor("Pays ou subdivision")
        try sign.type("France")
        try sign.waitFor("Plusieurs lieux correspondent à « France »")
        try sign.type("1")
        try sign.waitFor("→ FR : France")
        try sign.waitFor("Représentant")
        try sign.type("Anne Hidalgo")
        try sign.waitFor("Fonction du représentant")
        try sign.type("Maire de Paris")
        try sign.waitFor("Site web")
        try sign.type("paris.fr")
        try sign.waitFor("→ https://paris.fr")
        let summary = try sign.waitFor("Signer la déclaration avec ces informations ? [o/N]")
        for expected in ["Vous allez signer :", "Territoire", "FR (France)", "Ville de Paris", "https://paris.fr",
                         "example.org/registry", "écrite dans paris.json"] {
            #expect(summary.contains(expected), "the summary lacks \(expected)")
        }
        try sign.type("oui")
        let signed = try sign.waitForExit()
        #expect(signed.status == 0, "\(signed.screen)")
        #expect(signed.screen.contains("Signature écrite dans paris.json"))
        #expect(!signed.screen.contains("liberté égalité"))
        let english = Self.englishLeftOn(signed.screen, language: .fr)
        #expect(english.isEmpty, "English on the French screen: \(english)")

        let statement = try Statement(fileBytes: Array(Data(contentsOf: directory.url.appendingPathComponent("paris.json"))))
        guard case .signature(let language, let signatory) = statement.content else {
            Issue.record("not a signature")
            return
        }
        #expect(language == .fr)
        #expect(signatory.jurisdiction.code == "FR")
        #expect(signatory.website == "https://paris.fr")
        #expect(signatory.title == "Maire de Paris")
    }

    @Test func aSpanishSignatoryWhoAnswersNoSignsNothingAndExitsZero() throws {
        let directory = try TemporaryDirectory()
        let made = try DeclarationProcess.run(["keygen", "--out", "madrid.key"], directory: directory.url)
        #expect(made.status == 0)
        let sign = try TerminalSession(
            [Self.binary, "sign", "--lang", "es", "--key", "madrid.key", "--out", "madrid.json", "--origin", "example.org/registry"],
            directory: directory)
        try sign.waitFor("Tipo de firmante")
        try sign.type("sociedad civil")
        try sign.waitFor("Nombre del gobierno o de la organización")
        try sign.type("Fundación Ciudadana")
        try sign.waitFor("País o subdivisión")
        try sign.type("Espagne")
        try sign.waitFor("Varios lugares coinciden con «Espagne»")
        try sign.type("")
        try sign.waitFor("→ ES: España")
        try sign.waitFor("Representante")
        try sign.type("María López")
        try sign.waitFor("Cargo del representante")
        try sign.type("Directora")
        try sign.waitFor("Sitio web")
        try sign.type("")
        let summary = try sign.waitFor("¿Firmar la declaración con estos datos? [s/N]")
        #expect(summary.contains("Va a firmar:"))
        #expect(summary.contains("Organización de la sociedad civil"))
        #expect(summary.contains("Resumen del texto"))
        try sign.type("no")
        let ended = try sign.waitForExit()
        #expect(ended.status == 0, "\(ended.screen)")
        #expect(ended.screen.contains("No se ha firmado nada."))
        #expect(!FileManager.default.fileExists(atPath: directory.path("madrid.json")))
        let english = Self.englishLeftOn(ended.screen, language: .es)
        #expect(english.isEmpty, "English on the Spanish screen: \(english)")
    }

    @Test func anEnglishSignatoryFindsTexasByNameAndIsRecorded() throws {
        let directory = try TemporaryDirectory()
        let created = try DeclarationProcess.run(["init", "--origin", "example.org/registry", "--registrar-key", "registrar.key",
                                                  "--registry", "registry"], directory: directory.url)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(try DeclarationProcess.run(["keygen", "--out", "austin.key"], directory: directory.url).status == 0)
        let sign = try TerminalSession(
            [Self.binary, "sign", "--key", "austin.key", "--registry", "registry", "--registrar-key", "registrar.key",
             "--kind", "government", "--name", "City of Austin"],
            directory: directory, environment: ["LANG": "C.UTF-8"])
        try sign.waitFor("Country or subdivision")
        try sign.type("texas")
        try sign.waitFor("1. US-TX  Texas, United States")
        try sign.type("1")
        try sign.waitFor("→ US-TX: Texas, United States")
        try sign.waitFor("Representative (the person")
        try sign.type("Kirk Watson")
        try sign.waitFor("Representative’s title")
        try sign.type("Mayor")
        try sign.waitFor("Website")
        try sign.type("ftp://austintexas.gov")
        try sign.waitFor("That is not a web address")
        try sign.type("www.austintexas.gov")
        try sign.waitFor("Sign the declaration with these details? [y/N]")
        try sign.type("y")
        let done = try sign.waitForExit()
        #expect(done.status == 0, "\(done.screen)")
        #expect(done.screen.contains("Signed and recorded as entry 1: City of Austin (US-TX)."))
        let listed = try DeclarationProcess.run(["list", "--registry", "registry"], directory: directory.url)
        #expect(listed.status == 0)
        #expect(listed.standardOutput.contains("City of Austin"))
        #expect(listed.standardOutput.contains("https://www.austintexas.gov"))
    }
}
