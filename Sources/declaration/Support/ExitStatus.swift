import ArgumentParser
import DeclarationRegistry
import Foundation
import RegistryStorage

/// The tool's exit codes, documented in the README and in `--help`.
enum ExitStatus {
    /// Everything worked; for `verify`, the registry verified.
    static let success: Int32 = 0
    /// A verdict: the registry does not verify, or a statement was refused.
    static let invalid: Int32 = 1
    /// `verify` found an append that was interrupted (a torn last line, or
    /// entries beyond the checkpoint); `declaration repair` fixes it.
    static let interrupted: Int32 = 2
    /// The command line is wrong (swift-argument-parser's own code).
    static let usage: Int32 = 64
    /// An input file is not what it should be (not a key, not a statement,
    /// wrong passphrase).
    static let badInput: Int32 = 65
    /// An input file or the registry does not exist or cannot be read.
    static let noInput: Int32 = 66
    /// An output already exists and would be overwritten.
    static let cannotCreate: Int32 = 73
    /// Reading or writing failed (disk full, I/O error).
    static let ioError: Int32 = 74
    /// A private key file is readable by group or others.
    static let permission: Int32 = 77

    /// The help text that lists the codes, for commands' discussions.
    static let summary = """
        Exit codes: 0 success; 1 the registry does not verify or a statement was refused; \
        2 an interrupted append was found (run `declaration repair`); 64 bad command line; \
        65 an input file is not valid (not a key or statement, wrong passphrase); \
        66 a file or the registry is missing or unreadable; 73 an output already exists; \
        74 reading or writing failed; \
        77 a private key file is readable by others.
        """
}

/// Reports a failure the way every command does: one line on standard
/// error starting with "error: ", then the exit code that classifies it.
struct CommandFailure: Error {
    var message: String
    var code: Int32
}

extension CommandFailure {
    /// Classifies any error the library throws.
    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as ValidationError:
            self.init(message: error.message, code: ExitStatus.usage)
        case let failure as VerificationFailure:
            self.init(message: failure.description,
                      code: failure.severity == .interrupted ? ExitStatus.interrupted : ExitStatus.invalid)
        case let error as RegistryError:
            self.init(message: error.description, code: Self.code(for: error))
        case let error as StorageError:
            let code = error.isMissing ? ExitStatus.noInput : error.readLimit != nil ? ExitStatus.badInput : ExitStatus.ioError
            self.init(message: error.description, code: code)
        case let error as KeyFileError:
            self.init(message: error.description, code: Self.code(for: error))
        case let error as CustomStringConvertible:
            self.init(message: error.description, code: ExitStatus.badInput)
        default:
            self.init(message: "\(error)", code: ExitStatus.badInput)
        }
    }

    private static func code(for error: KeyFileError) -> Int32 {
        switch error {
        case .alreadyExists: return ExitStatus.cannotCreate
        case .cannotWrite: return ExitStatus.ioError
        case .cannotRead: return ExitStatus.noInput
        case .permissionsTooOpen: return ExitStatus.permission
        case .notRegularFile, .tooLarge, .emptyPassphrase, .invalidKey: return ExitStatus.badInput
        }
    }

    private static func code(for error: RegistryError) -> Int32 {
        switch error {
        case .alreadyExists: return ExitStatus.cannotCreate
        case .notARegistry: return ExitStatus.noInput
        case .wrongRegistrarKey, .statementRefused, .invalidField: return ExitStatus.invalid
        case .registryInvalid(let failure):
            return failure.severity == .interrupted ? ExitStatus.interrupted : ExitStatus.invalid
        case .storage(let error): return error.isMissing ? ExitStatus.noInput : ExitStatus.ioError
        case .crypto: return ExitStatus.badInput
        }
    }
}

/// Runs a command's body, turning any thrown error into one "error:" line
/// on standard error and the matching exit code.
func runReportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let failure = CommandFailure(error)
        Terminal.standardError("error: " + failure.message)
        throw ExitCode(failure.code)
    }
}
