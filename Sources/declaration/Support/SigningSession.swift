import DeclarationRegistry
import Foundation
import RegistryFormat

/// The terminal as a signing dialogue sees it: prompts and lines on
/// standard error, so standard output carries only the result; answers
/// from standard input.
struct TerminalDialogue: DialogueTerminal {
    mutating func ask(_ prompt: String) -> String? {
        Terminal.ask(prompt)
    }

    mutating func say(_ line: String) {
        Terminal.standardError(line)
    }
}

/// The interactive part of signing, in the signatory's language: the text
/// that is signed, the details, one summary and one confirmation.
struct SigningSession {
    /// The language of the dialogue and of the text read.
    let language: Language

    /// Shows the whole text of the declaration to be signed (the
    /// registry's own copy when signing for a registry), then the command
    /// that prints it again.
    func showText(of declaration: Declaration, showCommand: String) {
        // The signer reads the very copy whose digest is signed (the
        // registry's, or the built-in one), laid out for the terminal, not
        // some other copy of a text with the same name.
        let text = declaration.rendered(in: language)
        Terminal.standardError(String(text.hasSuffix("\n") ? text.dropLast() : text[...]))
        Terminal.standardError("")
        Terminal.standardError(Message.signTextShown.text(in: language, ["command": showCommand]))
        Terminal.standardError("")
    }

    /// The signatory's details, each checked as it is given or typed and
    /// asked again when refused; then, unless `confirmed`, the summary of
    /// what will be signed and one confirmation. Nil when the signatory
    /// answers no: nothing is to be signed.
    func signatory(
        from draft: SignatoryDraft, declaration: Declaration, origin: String, keyID: String,
        destination: String, confirmed: Bool
    ) throws(CommandError) -> Signatory? {
        let dialogue = SigningDialogue(language: language)
        var terminal = TerminalDialogue()
        let signatory: Signatory
        do {
            signatory = try dialogue.signatory(from: draft, interactive: Terminal.isInteractive, on: &terminal)
        } catch {
            throw failure(error)
        }
        let summary = dialogue.summary(of: signatory, declaration: declaration, textLanguage: language,
                                       origin: origin, keyID: keyID, destination: destination)
        guard !confirmed else { return signatory }
        Terminal.standardError("")
        summary.forEach(Terminal.standardError)
        Terminal.standardError("")
        guard let yes = dialogue.confirm(on: &terminal) else {
            throw .failure(message: Message.inputEnded.text(in: language), code: ExitStatus.usage)
        }
        return yes ? signatory : nil
    }

    /// The command's failure for a dialogue that ended without a signatory.
    private func failure(_ error: SigningDialogueError) -> CommandError {
        switch error {
        case .inputEnded:
            return .failure(message: Message.inputEnded.text(in: language), code: ExitStatus.usage)
        case .missing(let options):
            return .failure(message: Message.missingDetails.text(in: language, ["options": options.joined(separator: ", ")]),
                            code: ExitStatus.usage)
        case .option(let option, let refusal):
            // A value the statement's rules refuse is an input that is not
            // valid, as in a statement file; a jurisdiction that is no code
            // is a command line to correct.
            let code: Int32
            if case .field = refusal.cause { code = ExitStatus.badInput } else { code = ExitStatus.usage }
            return .failure(message: Message.errorOption.text(in: language, ["option": option,
                                                                              "reason": refusal.reason(in: language)]),
                            code: code)
        }
    }
}
