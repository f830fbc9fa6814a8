import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat

/// `declaration sign`: a signatory reads the declaration and signs it.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign the declaration: read it, give your details, check the summary, confirm.",
        discussion: """
            Speaks the signatory's language: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG), else \
            English; the text shown and signed is in the same language. The key is opened first (an \
            encrypted key's passphrase is asked for, again if mistyped). Details not given as options are \
            asked for when standard input is a terminal, each checked as it is typed and asked again with \
            the reason; the jurisdiction may be a country's or subdivision's name or code in English, \
            French or Spanish ("Texas" offers US-TX), and a website without its scheme gets https://. A \
            summary of everything signed precedes one confirmation; answering no signs nothing and exits \
            0. Text is normalised to Unicode NFC. With --registrar-key the statement is recorded at once; \
            with --out it is written to a file for the registrar to append.
            """)

    @Option(help: "The kind of signatory.")
    var kind: SignatoryKind?

    @Option(help: ArgumentHelp("The government's or organisation's name.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 or ISO 3166-2 code, such as FR or US-TX.", valueName: "code"))
    var jurisdiction: String?

    @Option(help: ArgumentHelp("Who signs on its behalf (a person or an office).", valueName: "name"))
    var representative: String?

    @Option(help: ArgumentHelp("The representative's title, such as Mayor.", valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("A public website (http or https), optional.", valueName: "url"))
    var website: String?

    @Option(help: "The language of the text you read and sign and of the dialogue (default: the locale's, else en).")
    var lang: Language?

    @Flag(help: "Sign without asking for confirmation.")
    var yes = false

    @OptionGroup var signer: SignerKeyOptions
    @OptionGroup var destination: StatementDestination

    func run() throws {
        let language = InterfaceLanguage.resolve(lang, environment: ProcessInfo.processInfo.environment)
        try runReportingFailures(in: language) { () throws(CommandError) in
            // Before anything is read or typed: what cannot be asked.
            if !yes && !Terminal.isInteractive {
                throw .usage(Message.confirmNeedsYes.text(in: language))
            }
            let (origin, declaration, showCommand) = try destination.target(language: language)
            let key = try signer.load(language: language)
            let session = SigningSession(language: language)
            session.showText(of: declaration, showCommand: showCommand)
            let draft = SignatoryDraft(kind: kind, name: name, jurisdiction: jurisdiction,
                                       representative: representative, title: title, website: website)
            guard let signatory = try session.signatory(
                from: draft, declaration: declaration, origin: origin, keyID: key.publicKey.keyID,
                destination: destination.described(in: language), confirmed: yes)
            else {
                try Terminal.print(Message.notSigned.text(in: language))
                return
            }
            try destination.sign(.signature(language: language, signatory: signatory), origin: origin,
                                 declaration: declaration, key: key, language: language)
        }
    }
}
