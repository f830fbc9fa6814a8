import RegistryFormat

/// The dialogue in which a signatory gives its details, in its language:
/// each answer checked as it is typed and asked again with the reason, the
/// jurisdiction found from a name or code, then one summary of everything
/// signed and one confirmation.
///
/// It reads and writes only through a `DialogueTerminal`, so the tool runs
/// it on the terminal and tests on a script of answers.
package struct SigningDialogue: Sendable {
    /// The language it speaks.
    package let language: Language

    /// Creates a dialogue in `language`.
    package init(language: Language) {
        self.language = language
    }

    /// The signatory from `draft`: the details given as options are checked
    /// first; on a terminal (`interactive`) a refused one is said with its
    /// reason and asked again with the missing ones, elsewhere it ends the
    /// dialogue naming the option.
    package func signatory(from draft: SignatoryDraft, interactive: Bool,
                           on terminal: inout some DialogueTerminal) throws(SigningDialogueError) -> Signatory {
        if !interactive, !draft.missingOptions.isEmpty {
            throw .missing(options: draft.missingOptions)
        }
        let kind: SignatoryKind
        if let given = draft.kind {
            kind = given
        } else {
            kind = try ask(.promptKind, on: &terminal, SignatoryAnswers.kind)
        }
        let name = try detail(draft.name, option: "--name", interactive: interactive, prompt: .promptName,
                              on: &terminal) { answer throws(AnswerRefusal) in try SignatoryAnswers.text(answer, as: .name) }
        let jurisdiction: Jurisdiction
        if let given = draft.jurisdiction, let checked = try given.checked(option: "--jurisdiction", interactive: interactive,
                                                                         language: language, on: &terminal,
                                                                         SignatoryAnswers.jurisdictionOption) {
            jurisdiction = checked
        } else {
            jurisdiction = try askJurisdiction(on: &terminal)
        }
        let representative = try detail(draft.representative, option: "--representative", interactive: interactive,
                                        prompt: .promptRepresentative, on: &terminal) { answer throws(AnswerRefusal) in
            try SignatoryAnswers.text(answer, as: .representative)
        }
        let title = try detail(draft.title, option: "--title", interactive: interactive, prompt: .promptTitle,
                               on: &terminal) { answer throws(AnswerRefusal) in try SignatoryAnswers.text(answer, as: .title) }
        var website: String?
        if let given = draft.website {
            website = try given.checked(option: "--website", interactive: interactive, language: language,
                                        on: &terminal, SignatoryAnswers.website)
            if website == nil { website = try askWebsite(on: &terminal) }
        } else if interactive && !draft.missingOptions.isEmpty {
            // Asked only in a dialogue: a command line that gave every
            // required detail said all it meant to.
            website = try askWebsite(on: &terminal)
        }
        return Signatory(kind: kind, name: name, jurisdiction: jurisdiction, representative: representative,
                         title: title, website: website.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The summary shown before the one confirmation: the declaration, the
    /// text read and its digest, every detail, the registry, the key and
    /// where the statement goes.
    package func summary(of signatory: Signatory, declaration: Declaration, textLanguage: Language,
                         origin: String, keyID: String, destination: String) -> [String] {
        let title = declaration.titles[textLanguage] ?? declaration.id
        let rows: [(String, String)] = [
            (Vocabulary.labelDeclaration.text(in: language), "\(title) (\(declaration.id), \(Vocabulary.labelVersion.text(in: language).lowercased()) \(declaration.version))"),
            (Vocabulary.columnLanguage.text(in: language), textLanguage.displayName(in: language)),
            (Message.summaryTextDigest.text(in: language), declaration.digest(for: textLanguage).hex),
            (Message.summaryDeclarationDigest.text(in: language), declaration.digest.hex),
            (Vocabulary.columnKind.text(in: language), (signatory.kind == .government ? Vocabulary.kindGovernment : Vocabulary.kindCivilSociety).text(in: language)),
            (Vocabulary.columnName.text(in: language), signatory.name),
            (Vocabulary.columnJurisdiction.text(in: language), "\(signatory.jurisdiction.code) (\(signatory.jurisdiction.name(in: language)))"),
            (Vocabulary.columnRepresentative.text(in: language), signatory.representative),
            (Vocabulary.columnTitle.text(in: language), signatory.title),
            (Vocabulary.columnWebsite.text(in: language), signatory.website ?? Message.noneGiven.text(in: language)),
            (Vocabulary.labelRegistry.text(in: language), origin),
            (Vocabulary.columnKeyID.text(in: language), keyID),
            (Message.summaryDestination.text(in: language), destination),
        ]
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        return [Message.summaryHeading.text(in: language)] + rows.map { label, value in
            "  " + DisplayWidth.padded(label, to: width) + "  " + value
        }
    }

    /// Asks the one confirmation: true only for yes in the dialogue's
    /// language or in English ("o", "oui", "s", "sí", "y", "yes"); nil when
    /// input has ended.
    package func confirm(on terminal: inout some DialogueTerminal) -> Bool? {
        let prompt = Message.confirmSign.text(in: language) + " " + Message.yesNoHint.text(in: language)
        guard let answer = terminal.ask(prompt) else { return nil }
        let folded = String(String.UnicodeScalarView(NameFolding.folded(answer)))
        return ["y", "yes", "o", "oui", "s", "si"].contains(folded)
    }

    // MARK: Asking

    /// A detail given as an option, checked; a missing one asked for, and
    /// on a terminal a refused one too, after saying why.
    private func detail<Value>(
        _ given: String?, option: String, interactive: Bool, prompt: Message, on terminal: inout some DialogueTerminal,
        _ interpret: (String) throws(AnswerRefusal) -> Value
    ) throws(SigningDialogueError) -> Value {
        if let given, let value = try given.checked(option: option, interactive: interactive, language: language,
                                                    on: &terminal, interpret) {
            return value
        }
        return try ask(prompt, on: &terminal, interpret)
    }

    /// Asks `message` until `interpret` takes the answer, saying why each
    /// refused one was refused.
    private func ask<Value>(_ message: Message, on terminal: inout some DialogueTerminal,
                            _ interpret: (String) throws(AnswerRefusal) -> Value) throws(SigningDialogueError) -> Value {
        while true {
            guard let answer = terminal.ask(message.text(in: language)) else { throw .inputEnded }
            do {
                return try interpret(answer)
            } catch {
                terminal.say(error.reason(in: language))
            }
        }
    }

    /// Asks for the website; empty when skipped, nil never (input that ends
    /// here ends the dialogue).
    private func askWebsite(on terminal: inout some DialogueTerminal) throws(SigningDialogueError) -> String? {
        let value = try ask(.promptWebsite, on: &terminal) { answer throws(AnswerRefusal) -> String in
            guard !answer.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return "" }
            return try SignatoryAnswers.website(answer)
        }
        if !value.isEmpty {
            terminal.say(Message.websiteCompleted.text(in: language, ["url": value]))
        }
        return value
    }

    /// Asks for the jurisdiction: a listed code is taken as typed; a name
    /// (or an alias, or a near miss) offers the matching codes, numbered,
    /// to choose from (Enter for the first), or to type again.
    private func askJurisdiction(on terminal: inout some DialogueTerminal) throws(SigningDialogueError) -> Jurisdiction {
        var prompt = Message.promptJurisdiction
        var choices: [Jurisdiction] = []
        while true {
            guard let answer = terminal.ask(prompt.text(in: language)) else { throw .inputEnded }
            let trimmed = answer.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? "" : answer
            if !choices.isEmpty {
                if trimmed.isEmpty, let first = choices.first { return understood(first, on: &terminal) }
                if let number = Int(trimmed.filter { !$0.isWhitespace }), choices.indices.contains(number - 1) {
                    return understood(choices[number - 1], on: &terminal)
                }
            }
            if let code = SignatoryAnswers.jurisdictionCode(trimmed) { return understood(code, on: &terminal) }
            do {
                choices = try SignatoryAnswers.jurisdictionChoices(trimmed)
            } catch {
                terminal.say(trimmed.isEmpty ? Message.reasonEmpty.text(in: language) : error.reason(in: language))
                choices = []
                prompt = .promptJurisdiction
                continue
            }
            terminal.say(Message.jurisdictionChoices.text(in: language, ["typed": trimmed]))
            for (offset, choice) in choices.enumerated() {
                terminal.say("  \(offset + 1). \(choice.code)  \(choice.name(in: language))")
            }
            prompt = .promptJurisdictionChoice
        }
    }

    private func understood(_ jurisdiction: Jurisdiction, on terminal: inout some DialogueTerminal) -> Jurisdiction {
        terminal.say(Message.jurisdictionUnderstood.text(in: language, ["code": jurisdiction.code,
                                                                      "name": jurisdiction.name(in: language)]))
        return jurisdiction
    }
}

extension String {
    /// This option's value as `interpret` takes it; nil when refused on a
    /// terminal (the reason said, for the detail to be asked), a failure
    /// naming the option elsewhere.
    fileprivate func checked<Value>(
        option: String, interactive: Bool, language: Language, on terminal: inout some DialogueTerminal,
        _ interpret: (String) throws(AnswerRefusal) -> Value
    ) throws(SigningDialogueError) -> Value? {
        do {
            return try interpret(self)
        } catch {
            guard interactive else { throw .option(option, error) }
            terminal.say(Message.errorOption.text(in: language, ["option": option, "reason": error.reason(in: language)]))
            return nil
        }
    }
}
