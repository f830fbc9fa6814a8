import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat

/// `declaration withdraw`: a signatory withdraws its signature.
struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw your signature, with the key that signed it.",
        discussion: """
            Afterwards you are no longer listed; you may sign again later. Messages are in --lang, else the locale's language (LC_ALL, LC_MESSAGES, LANG), else English. With --registrar-key the \
            withdrawal is recorded at once; with --out it is written to a file for the registrar to append.
            """)

    @Option(help: ArgumentHelp("Why, optionally; it becomes public.", valueName: "text"))
    var reason: String?

    @Option(help: "The language of the messages (default: the locale's, else en).")
    var lang: Language?

    @OptionGroup var signer: SignerKeyOptions
    @OptionGroup var destination: StatementDestination

    func run() throws {
        let language = InterfaceLanguage.resolve(lang, environment: ProcessInfo.processInfo.environment)
        try runReportingFailures(in: language) { () throws(CommandError) in
            let (origin, declaration, _) = try destination.target(language: language)
            try destination.sign(.withdrawal(reason: reason.map(TextRules.normalized)), origin: origin,
                                 declaration: declaration, key: try signer.load(language: language), language: language)
        }
    }
}
