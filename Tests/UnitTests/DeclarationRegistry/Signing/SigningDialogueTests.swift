import CryptoPrimitives
import DeclarationRegistry
import RegistryFormat
import Testing

/// A terminal that answers from a script and records what was shown.
struct ScriptedTerminal: DialogueTerminal {
    var answers: [String]
    var shown: [String] = []

    init(_ answers: [String]) {
        self.answers = answers
    }

    mutating func ask(_ prompt: String) -> String? {
        shown.append(prompt)
        return answers.isEmpty ? nil : answers.removeFirst()
    }

    mutating func say(_ line: String) {
        shown.append(line)
    }

    var transcript: String { shown.joined(separator: "\n") }
}

/// The signing dialogue: answers checked as typed and asked again with the
/// reason, jurisdictions found by name, options checked, the summary and
/// the one confirmation, in three languages.
@Suite struct SigningDialogueTests {
    @Test func aFrenchDialogueForgivesEveryMistake() throws {
        var terminal = ScriptedTerminal([
            "une mairie", "gouvernement",          // a kind not understood, then one
            "   ", "Ville de Paris",               // empty, then a name
            "Xqzzyqw", "Francia", "1",             // no match; the Spanish name; the first choice
            "Anne Hidalgo", "Maire",
            "paris fr", "paris.fr",                // not an address, then completed
        ])
        let signatory = try SigningDialogue(language: .fr).signatory(from: SignatoryDraft(), interactive: true, on: &terminal)
        #expect(signatory == Signatory(kind: .government, name: "Ville de Paris", jurisdiction: try Jurisdiction(code: "FR"),
                                       representative: "Anne Hidalgo", title: "Maire", website: "https://paris.fr"))
        let transcript = terminal.transcript
        #expect(transcript.contains("Répondez 1 (gouvernement) ou 2 (organisation de la société civile)."))
        #expect(transcript.contains("Une réponse est nécessaire ici."))
        #expect(transcript.contains("Aucun pays ni aucune subdivision ne correspond à « Xqzzyqw »"))
        #expect(transcript.contains("Plusieurs lieux correspondent à « Francia » :"))
        #expect(transcript.contains("  1. FR  France"))
        #expect(transcript.contains("  → FR : France"))
        #expect(transcript.contains("Ce n’est pas une adresse web"))
        #expect(transcript.contains("  → https://paris.fr"))
        // Every prompt asked in French.
        #expect(!transcript.contains("Name of") && !transcript.contains("Website"))
    }

    @Test func texasOffersUSTXAndEnterTakesTheFirst() throws {
        var terminal = ScriptedTerminal(["2", "Texas Civil Rights Project", "Texas", "", "Jane Doe", "Director", ""])
        let signatory = try SigningDialogue(language: .en).signatory(from: SignatoryDraft(), interactive: true, on: &terminal)
        #expect(signatory.kind == .civilSociety)
        #expect(signatory.jurisdiction.code == "US-TX")
        #expect(signatory.website == nil)
        #expect(terminal.transcript.contains("  1. US-TX  Texas, United States"))
    }

    @Test func aCodeIsTakenAsTypedInAnyCase() throws {
        var terminal = ScriptedTerminal(["gobierno", "Jalisco", "mx-jal", "Pablo Lemus", "Gobernador", "https://jalisco.gob.mx"])
        let signatory = try SigningDialogue(language: .es).signatory(from: SignatoryDraft(), interactive: true, on: &terminal)
        #expect(signatory.jurisdiction.code == "MX-JAL")
        #expect(terminal.transcript.contains("  → MX-JAL: Jalisco, México"))
        #expect(!terminal.transcript.contains("Varios lugares"))
    }

    @Test func aRefusedOptionIsAskedAgainOnATerminalAndFailsElsewhere() throws {
        let draft = SignatoryDraft(kind: .government, name: "Paris", jurisdiction: "France", representative: "Anne Hidalgo",
                                   title: "Maire")
        var terminal = ScriptedTerminal(["FR"])
        let signatory = try SigningDialogue(language: .fr).signatory(from: draft, interactive: true, on: &terminal)
        #expect(signatory.jurisdiction.code == "FR")
        #expect(terminal.transcript.contains("--jurisdiction : « France » n’est pas le code ISO 3166"))
        #expect(terminal.transcript.contains("Vouliez-vous dire FR (France)"))

        var silent = ScriptedTerminal([])
        #expect(throws: SigningDialogueError.self) {
            _ = try SigningDialogue(language: .fr).signatory(from: draft, interactive: false, on: &silent)
        }
        do {
            _ = try SigningDialogue(language: .fr).signatory(from: draft, interactive: false, on: &silent)
        } catch {
            guard case .option(let option, let refusal) = error else { Issue.record("\(error)"); return }
            #expect(option == "--jurisdiction")
            #expect(refusal.reason(in: .es).contains("¿Quiso decir FR (Francia)"))
        }
        #expect(silent.shown.isEmpty)
    }

    @Test func missingDetailsAreNamedWhenTheyCannotBeAsked() {
        var terminal = ScriptedTerminal([])
        #expect(throws: SigningDialogueError.missing(options: ["--name", "--title"])) {
            _ = try SigningDialogue(language: .en).signatory(
                from: SignatoryDraft(kind: .government, jurisdiction: "FR", representative: "X"), interactive: false, on: &terminal)
        }
        var ended = ScriptedTerminal(["1", "Paris"])
        #expect(throws: SigningDialogueError.inputEnded) {
            _ = try SigningDialogue(language: .en).signatory(from: SignatoryDraft(), interactive: true, on: &ended)
        }
    }

    @Test func theSummaryHoldsEverythingSignedAndTheConfirmationIsInTheLanguage() throws {
        let declaration = try Declaration.embedded
        let signatory = Signatory(kind: .government, name: "Ville de Paris", jurisdiction: try Jurisdiction(code: "FR-IDF"),
                                  representative: "Anne Hidalgo", title: "Maire", website: nil)
        let lines = SigningDialogue(language: .fr).summary(of: signatory, declaration: declaration, textLanguage: .fr,
                                                           origin: "example.org/registry", keyID: "dada-8291",
                                                           destination: "écrite dans s.json")
        let summary = lines.joined(separator: "\n")
        #expect(lines.first == "Vous allez signer :")
        #expect(summary.contains(declaration.digest(for: .fr).hex))
        #expect(summary.contains(declaration.digest.hex))
        #expect(summary.contains(declaration.titles[.fr] ?? "—"))
        for expected in ["Gouvernement", "Ville de Paris", "FR-IDF (Île-de-France, France)", "Anne Hidalgo", "Maire", "(aucun)",
                         "example.org/registry", "dada-8291", "écrite dans s.json", "français"] {
            #expect(summary.contains(expected), "the summary lacks \(expected)")
        }
        // The values line up after labels of any width.
        let columns = Set(lines.dropFirst().map { line in line.distance(from: line.startIndex, to: line.firstIndex(of: "2") ?? line.startIndex) })
        #expect(!columns.isEmpty)

        for (answer, expected) in [("o", true), ("Oui", true), ("sí", true), ("y", true), ("n", false), ("", false), ("non", false)] {
            var terminal = ScriptedTerminal([answer])
            #expect(SigningDialogue(language: .fr).confirm(on: &terminal) == expected, "\(answer)")
            #expect(terminal.shown == ["Signer la déclaration avec ces informations ? [o/N]"])
        }
        var ended = ScriptedTerminal([])
        #expect(SigningDialogue(language: .es).confirm(on: &ended) == nil)
        #expect(ended.shown == ["¿Firmar la declaración con estos datos? [s/N]"])
    }

    @Test func answersAreCheckedByTheStatementsRules() throws {
        #expect(try SignatoryAnswers.kind("Société civile") == .civilSociety)
        #expect(try SignatoryAnswers.kind("ONG") == .civilSociety)
        #expect(try SignatoryAnswers.kind("civil-society") == .civilSociety)
        #expect(try SignatoryAnswers.kind("Gob") == .government)
        #expect(throws: AnswerRefusal.self) { try SignatoryAnswers.kind("maybe") }
        #expect(try SignatoryAnswers.text("  Cafe\u{301}  ", as: .name) == "Café")
        do {
            _ = try SignatoryAnswers.text(String(repeating: "a", count: 301), as: .name)
            Issue.record("a 301-character name was taken")
        } catch {
            #expect(error.reason(in: .es) == "Esa respuesta tiene 301 caracteres; se admiten 300 como máximo.")
        }
        do {
            _ = try SignatoryAnswers.text("Paris\u{202E}", as: .name)
            Issue.record("a bidirectional override was taken")
        } catch {
            #expect(error.reason(in: .en).contains("U+202E"))
        }
        #expect(try SignatoryAnswers.website("WWW.Paris.fr/fr") == "https://WWW.Paris.fr/fr")
        #expect(try SignatoryAnswers.website("http://example.org") == "http://example.org")
        #expect(throws: AnswerRefusal.self) { try SignatoryAnswers.website("ftp://example.org") }
        #expect(SignatoryAnswers.jurisdictionCode(" us-tx ")?.code == "US-TX")
        #expect(SignatoryAnswers.jurisdictionCode("US-ZZ") == nil)
    }
}
