import Foundation
import Testing
import TestSupport

/// What the signing flow says when something is wrong, in the signatory's
/// language, with the exit code it has in English.
@Suite struct LocalizedMessagesTests {
    static let fields = ["--kind", "government", "--name", "Lyon", "--jurisdiction", "FR",
                         "--representative", "Grégory Doucet", "--title", "Maire", "--yes"]

    @Test func theSigningFlowsFailuresSpeakTheLocalesLanguage() throws {
        let directory = try TemporaryDirectory()
        let french = ["LANG": "fr_FR.UTF-8"]
        let origin = ["--origin", "example.org/registry"]
        let cases: [(arguments: [String], environment: [String: String], status: Int32, saying: String)] = [
            (["sign", "--key", "absent.key", "--out", "s.json"] + origin + Self.fields, french, 66,
             "erreur : absent.key : ce fichier de clé n’existe pas. Créez-en un avec `declaration keygen --out absent.key`"),
            (["sign", "--key", "lyon.key", "--out", "s.json", "--registry", "nowhere"] + Self.fields, ["LC_ALL": "es_ES.UTF-8"], 66,
             "error: nowhere: aquí no hay ningún registro (no hay registry.json)"),
            (["sign", "--key", "lyon.key", "--out", "s.json"] + origin + Self.fields.dropLast(), french, 64,
             "erreur : L’entrée standard n’est pas un terminal, la confirmation ne peut donc pas être demandée : ajoutez --yes pour signer."),
            (["sign", "--key", "lyon.key", "--out", "s.json", "--kind", "government", "--yes"] + origin, french, 64,
             "erreur : Il manque --name, --jurisdiction, --representative, --title : l’entrée standard n’est pas un terminal"),
            (["sign", "--key", "lyon.key", "--out", "s.json"] + origin + Self.fields.map { $0 == "FR" ? "Francia" : $0 }, french, 64,
             "erreur : --jurisdiction : « Francia » n’est pas le code ISO 3166 d’un pays ou d’une subdivision. Vouliez-vous dire FR (France)"),
            (["sign", "--key", "locked.key", "--passphrase-file", "wrong.txt", "--out", "s.json"] + origin + Self.fields,
             ["LANG": "es_MX"], 65, "error: La frase de contraseña no abre locked.key; no se ha firmado nada."),
            (["sign", "--key", "locked.key", "--passphrase-file", "empty.txt", "--out", "s.json"] + origin + Self.fields,
             ["LANG": "es_MX"], 65, "error: la primera línea de empty.txt está vacía; ponga la frase de contraseña en la primera línea"),
            (["keygen", "--out", "lyon.key"], french, 73,
             "erreur : lyon.key existe déjà et n’est jamais écrasé : choisissez un autre fichier avec --out."),
            (["withdraw", "--key", "lyon.key", "--out", "w.json", "--lang", "es"] + origin, [:], 0,
             "Retiro firmado escrito en w.json"),
        ]
        #expect(try DeclarationProcess.run(["keygen", "--out", "lyon.key"], directory: directory.url).status == 0)
        try "right\n".write(toFile: directory.path("right.txt"), atomically: true, encoding: .utf8)
        try "wrong\n".write(toFile: directory.path("wrong.txt"), atomically: true, encoding: .utf8)
        try "\n".write(toFile: directory.path("empty.txt"), atomically: true, encoding: .utf8)
        #expect(try DeclarationProcess.run(["keygen", "--out", "locked.key", "--passphrase-file", "right.txt"],
                                           directory: directory.url).status == 0)
        for (arguments, environment, status, saying) in cases {
            let result = try DeclarationProcess.run(arguments, directory: directory.url, environment: environment)
            #expect(result.status == status, "\(arguments): \(result.standardError)")
            let output = status == 0 ? result.standardOutput : result.standardError
            #expect(output.contains(saying), "\(arguments): \(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("s.json")))
    }

    @Test func verifysVerdictSpeaksTheLanguageAsked() throws {
        let directory = try TemporaryDirectory()
        #expect(try DeclarationProcess.run(["demo", "--out", directory.path("demo")]).status == 0)
        let registry = directory.path("demo/registry")
        let french = try DeclarationProcess.run(["verify", registry, "--lang", "fr"])
        #expect(french.status == 0)
        #expect(french.standardOutput.hasPrefix("Registre demo.declaration-registry.example/subnational-open-government : vérifié.\n"))
        #expect(french.standardOutput.contains("  Signataires :        15 gouvernements, 3 organisations de la société civile\n"))
        let spanish = try DeclarationProcess.run(["verify", registry], environment: ["LANG": "es_AR.UTF-8"])
        #expect(spanish.standardOutput.contains("  Entradas:         18\n"))
        #expect(spanish.standardOutput.contains("resumen "))
        let english = try DeclarationProcess.run(["verify", registry])
        #expect(english.standardOutput.contains("  Entries:      18\n"))

        // `list` speaks the locale's language to people, not to programs.
        let listed = try DeclarationProcess.run(["list", "--registry", registry], environment: ["LANG": "fr_FR.UTF-8", "COLUMNS": "120"])
        #expect(listed.standardOutput.contains("15 gouvernements, 3 organisations de la société civile, au "))
        let json = try DeclarationProcess.run(["list", "--registry", registry, "--format", "json"], environment: ["LANG": "fr_FR.UTF-8"])
        let englishJSON = try DeclarationProcess.run(["list", "--registry", registry, "--format", "json"])
        // The same document but for the moment it was made.
        func withoutTime(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"exported_at\"") }.joined(separator: "\n")
        }
        #expect(json.status == 0)
        #expect(json.standardOutput.contains("\"language\": \"en\""))
        #expect(withoutTime(json.standardOutput) == withoutTime(englishJSON.standardOutput))

        let ledger = URL(fileURLWithPath: registry + "/ledger.jsonl")
        let handle = try FileHandle(forWritingTo: ledger)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not json\n".utf8))
        try handle.close()
        let refused = try DeclarationProcess.run(["verify", registry, "--lang", "es"])
        #expect(refused.status == 1)
        #expect(refused.standardError.hasPrefix("error: el registro no se verifica: \(registry)/ledger.jsonl:19: entry 19: "))
    }
}
