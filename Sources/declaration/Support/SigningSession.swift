import DeclarationRegistry
import Foundation
import RegistryFormat

/// The interactive part of signing: showing what is signed and gathering
/// the signatory's details.
enum SigningSession {
    /// Shows the whole text in `language` of the declaration to be signed
    /// (the registry's own copy when signing for a registry), then its title
    /// and digests, and asks for confirmation unless `confirmed`.
    /// `showCommand` is the command that prints the same text again.
    static func present(
        _ declaration: Declaration, language: Language, origin: String, showCommand: String, confirmed: Bool
    ) throws(CommandError) {
        // The signer reads the very copy whose digest is signed (the
        // registry's, or the built-in one), laid out for the terminal, not
        // some other copy of a text with the same name.
        let text = declaration.rendered(in: language)
        Terminal.standardError(String(text.hasSuffix("\n") ? text.dropLast() : text[...]))
        Terminal.standardError("")
        let title = declaration.titles[language] ?? declaration.id
        Terminal.standardError("You are signing: \(title) (\(language.rawValue)), \(declaration.id) version \(declaration.version)")
        Terminal.standardError("  declaration digest  \(declaration.digest.hex)")
        Terminal.standardError("  text digest (\(language.rawValue))    \(declaration.digest(for: language).hex)")
        Terminal.standardError("  for the registry    \(origin)")
        Terminal.standardError("  The text above is what you sign; to read it again: \(showCommand)")
        guard !confirmed else { return }
        guard Terminal.isInteractive else {
            throw .usage("Confirm with --yes when standard input is not a terminal.")
        }
        guard Terminal.confirm("Sign this declaration?") else {
            throw .failure(message: "not signed: you did not confirm", code: ExitStatus.invalid)
        }
    }
}

/// The signatory's details as typed on the command line or at prompts.
struct SignatoryFields {
    var kind: SignatoryKind?
    var name: String?
    var jurisdiction: String?
    var representative: String?
    var title: String?
    var website: String?

    /// Asks for each missing required field on a terminal; elsewhere,
    /// fails naming the options to add.
    mutating func completeInteractively() throws(CommandError) {
        var missing: [String] = []
        if kind == nil { missing.append("--kind") }
        if name == nil { missing.append("--name") }
        if jurisdiction == nil { missing.append("--jurisdiction") }
        if representative == nil { missing.append("--representative") }
        if title == nil { missing.append("--title") }
        guard !missing.isEmpty else { return }
        guard Terminal.isInteractive else {
            throw .usage("Missing \(missing.joined(separator: ", ")) (standard input is not a terminal, so they cannot be asked for).")
        }
        while kind == nil {
            guard let answer = Terminal.ask("Kind (government or civil-society):") else { throw Self.endOfInput }
            kind = SignatoryKind(rawValue: answer.trimmingCharacters(in: .whitespaces))
        }
        // Asked in this order; `??` would not keep the error's type.
        if name == nil { name = try Self.ask("Name of the government or organisation:") }
        if jurisdiction == nil { jurisdiction = try Self.ask("Jurisdiction (ISO 3166 code, such as FR or US-TX):") }
        if representative == nil { representative = try Self.ask("Representative (person or office):") }
        if title == nil { title = try Self.ask("Representative's title:") }
        if website == nil, let answer = Terminal.ask("Website (optional, press Enter to skip):"),
           !answer.trimmingCharacters(in: .whitespaces).isEmpty {
            website = answer
        }
    }

    /// The validated signatory, with text in NFC.
    func signatory() throws(CommandError) -> Signatory {
        guard let kind, let name, let jurisdiction, let representative, let title else {
            throw .usage("Missing signatory details.")
        }
        let code = jurisdiction.trimmingCharacters(in: .whitespaces).uppercased()
        let parsed: Jurisdiction
        do {
            parsed = try Jurisdiction(assignedCode: code)
        } catch {
            throw .failure(message: "--jurisdiction: \(error)", code: ExitStatus.usage)
        }
        return Signatory(kind: kind, name: TextRules.normalized(name), jurisdiction: parsed,
                         representative: TextRules.normalized(representative), title: TextRules.normalized(title),
                         website: website.map(TextRules.normalized))
    }

    private static func ask(_ question: String) throws(CommandError) -> String {
        guard let answer = Terminal.ask(question) else { throw endOfInput }
        return answer
    }

    private static var endOfInput: CommandError {
        .failure(message: "input ended before every detail was given; nothing was signed", code: ExitStatus.usage)
    }
}
