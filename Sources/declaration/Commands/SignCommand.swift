import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat

/// `declaration sign`: a signatory reads the declaration and signs it.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign the declaration: show it, confirm, and sign a statement with your key.",
        discussion: """
            Fields not given as options are asked for when standard input is a terminal. Text is \
            normalised to Unicode NFC. With --registrar-key the statement is recorded at once; with --out \
            it is written to a file for the registrar to append.
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

    @Option(help: "The language you read the declaration in.")
    var lang: Language = .en

    @Flag(help: "Sign without asking for confirmation.")
    var yes = false

    @OptionGroup var signer: SignerKeyOptions
    @OptionGroup var destination: StatementDestination

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let (origin, declaration, showCommand) = try destination.target(language: lang)
            try SigningSession.present(declaration, language: lang, origin: origin, showCommand: showCommand,
                                       confirmed: yes)
            var fields = SignatoryFields(kind: kind, name: name, jurisdiction: jurisdiction,
                                         representative: representative, title: title, website: website)
            try fields.completeInteractively()
            let signatory = try fields.signatory()
            try destination.sign(.signature(language: lang, signatory: signatory), origin: origin,
                                 declaration: declaration, key: try signer.load())
        }
    }
}

