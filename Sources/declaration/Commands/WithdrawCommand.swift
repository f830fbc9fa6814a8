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
            Afterwards you are no longer listed; you may sign again later. With --registrar-key the \
            withdrawal is recorded at once; with --out it is written to a file for the registrar to append.
            """)

    @Option(help: ArgumentHelp("Why, optionally; it becomes public.", valueName: "text"))
    var reason: String?

    @OptionGroup var signer: SignerKeyOptions
    @OptionGroup var destination: StatementDestination

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let (origin, declaration, _) = try destination.target()
            try destination.sign(.withdrawal(reason: reason.map(TextRules.normalized)), origin: origin,
                                 declaration: declaration, key: try signer.load())
        }
    }
}
