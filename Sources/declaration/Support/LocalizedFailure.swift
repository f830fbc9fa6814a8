import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import RegistryFormat
import RegistryStorage

extension CommandError {
    /// The report in `language`: the failures a signatory meets in the
    /// signing flow (`sign`, `withdraw`, `keygen`) in the catalogue's words,
    /// with the same exit code; any other failure keeps the library's
    /// English message, which names the file and what to do.
    func report(in language: Language) -> (message: String, code: Int32) {
        let (english, code) = report
        guard let message = localizedMessage(in: language) else { return (english, code) }
        return (message, code)
    }

    private func localizedMessage(in language: Language) -> String? {
        switch self {
        case .keyFile(let error), .registry(.keyFile(let error)):
            return Self.message(for: error, in: language)
        case .registry(.notARegistry(let path)):
            return Message.errorNotARegistry.text(in: language, ["path": path])
        case .registry(.statementRefused(_, let error)), .registry(.invalidField(let error)):
            switch error.problem {
            case .keyAlreadyActive(let sequence):
                return Message.errorKeyAlreadyActive.text(in: language, ["sequence": String(sequence)])
            case .duplicateSignatory(let sequence):
                return Message.errorDuplicateSignatory.text(in: language, ["sequence": String(sequence)])
            case .noActiveSignature:
                return Message.errorNothingToWithdraw.text(in: language)
            default:
                return Message.errorStatementRefused.text(in: language, ["reason": error.description])
            }
        default:
            return nil
        }
    }

    private static func message(for error: KeyFileError, in language: Language) -> String? {
        switch error {
        case .cannotRead(let failure) where failure.isMissing:
            return Message.errorFileMissing.text(in: language, ["path": failure.path])
        case .cannotRead(let failure):
            return Message.errorCannotRead.text(in: language, ["path": failure.path, "reason": failure.reason])
        case .cannotWrite(let failure):
            return Message.errorCannotWrite.text(in: language, ["path": failure.path, "reason": failure.reason])
        case .notRegularFile(let path):
            return Message.errorNotRegularFile.text(in: language, ["path": path])
        case .tooLarge(let path, let limit):
            return Message.errorFileTooLarge.text(in: language, ["path": path, "limit": String(limit)])
        case .emptyPassphrase(let path):
            return Message.errorEmptyPassphrase.text(in: language, ["path": path])
        case .permissionsTooOpen(let path, let mode):
            return Message.errorKeyPermissions.text(in: language, ["path": path, "mode": String(mode & 0o777, radix: 8)])
        case .alreadyExists(let path):
            return Message.errorKeyExists.text(in: language, ["path": path])
        case .invalidKey(let path, .wrongPassphrase):
            return Message.errorWrongPassphrase.text(in: language, ["path": path])
        case .invalidKey(let path, let cause):
            return Message.errorNotAKey.text(in: language, ["path": path, "reason": cause.description])
        }
    }

    /// Prints the failure as one line on standard error, labelled and
    /// worded in `language`, and gives the exit code to end with.
    func reportOnStandardError(in language: Language) -> ExitCode {
        let report = report(in: language)
        Terminal.standardError(TerminalStyle.label(Message.errorLabel.text(in: language)) + " " + report.message)
        return ExitCode(report.code)
    }
}

/// Runs a command's body, as `runReportingFailures(_:)` does, with the
/// failure worded in `language`.
func runReportingFailures(in language: Language, _ body: () throws(CommandError) -> Void) throws(ExitCode) {
    do {
        try body()
    } catch {
        throw error.reportOnStandardError(in: language)
    }
}
