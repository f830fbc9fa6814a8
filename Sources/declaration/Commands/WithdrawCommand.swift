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

            \(ExitStatus.summary)
            """)

    @Option(help: ArgumentHelp("Why, optionally; it becomes public.", valueName: "text"))
    var reason: String?

    @OptionGroup var signer: SignerKeyOptions
    @OptionGroup var destination: StatementDestination

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let (origin, declaration, _) = try destination.target()
            let key = try signer.load()
            let statement: Statement
            do throws(CryptoError) {
                statement = try Statement.signed(
                    .withdrawal(reason: reason.map(SignatoryFields.normalized)), registry: origin,
                    declarationDigest: declaration.digest, signedAt: Timestamp.string(from: Date()), key: key)
            } catch {
                throw .crypto(error)
            }
            do throws(FieldError) {
                try statement.validate()
            } catch {
                throw .field(error)
            }
            try destination.deliver(statement)
        }
    }
}
