import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import Foundation
import LogClient
import RegistryFormat
import RegistryStorage
import Witness

/// The tool's exit codes, documented in the README and in `--help`.
enum ExitStatus {
    /// Everything worked; for `verify`, the registry verified.
    static let success: Int32 = 0
    /// A verdict: the registry does not verify, or a statement was refused.
    static let invalid: Int32 = 1
    /// `verify` found an append that was interrupted (a torn last line, or
    /// entries beyond the checkpoint); `declaration repair` fixes it.
    static let interrupted: Int32 = 2
    /// `monitor`: the scan is complete, and a new entry claims a watched
    /// name or jurisdiction with a key that is not watched.
    static let alert: Int32 = 3
    /// The command line is wrong (swift-argument-parser's own code).
    static let usage: Int32 = 64
    /// An input file is not what it should be (not a key, not a statement,
    /// wrong passphrase).
    static let badInput: Int32 = 65
    /// An input file or the registry does not exist or cannot be read.
    static let noInput: Int32 = 66
    /// An output already exists and would be overwritten (without
    /// --force), or is not a regular file (never replaced).
    static let cannotCreate: Int32 = 73
    /// Reading or writing failed (disk full, I/O error, a closed pipe),
    /// standard output included.
    static let ioError: Int32 = 74
    /// The entries are recorded and the checkpoint signed, but the
    /// registry's witnesses did not reach their policy's quorum, so
    /// nothing was published (EX_TEMPFAIL): `declaration witness retry`,
    /// or a later `publish`, completes it.
    static let witnessesShort: Int32 = 75
    /// A private key file is readable by group or others.
    static let permission: Int32 = 77

    /// The exit-code table, printed once: in the root command's help and so
    /// in the manual page (docs/man/declaration.1), never under every
    /// subcommand, whose help names only the codes special to it.
    static let table = """
        EXIT CODES
          0   success (verify: the registry verified)
          1   the registry does not verify, or a statement was refused; from a URL also evidence of a split view, \
        or a checkpoint not signed by --log-key or refused by --policy
          2   an interrupted append was found, and nothing proves the registry altered: run `declaration repair`
          3   monitor: a new entry claims a watched name or jurisdiction with a key that is not watched
          64  the command line is wrong
          65  an input file is not valid (not a key, statement, signed checkpoint or proof; too large; wrong passphrase)
          66  a file or the registry is missing or unreadable; from a URL, not found (HTTP 404)
          73  an output already exists (--force replaces a regular file) or is not a regular file, or another witness \
        holds the data directory
          74  reading or writing failed, standard output included, or OpenSSL failed to sign (the message says what \
        was already done); from a URL, a server error, a timeout or a network failure
          75  the entries are recorded and the checkpoint signed, but the witnesses' quorum was not reached, so nothing \
        was published: run `declaration witness retry`, or `publish` later
          77  a private key file is readable by others
        """
}

/// Every error a command can end with: the library's error types, each in
/// its own case, and the tool's own failures. Commands throw only this, and
/// `runReportingFailures` turns it into the exit code through `report`,
/// whose `switch` (with the `code(for:)` switches under it) names every
/// case of every type and has no `default`: a new error does not compile
/// until it is given a code.
enum CommandError: Error {
    /// A failure the tool itself finds (a refusal to confirm, a statement
    /// file that is not one), with the exit code decided where it is found.
    case failure(message: String, code: Int32)
    /// The command line is wrong in a way only running the command finds
    /// out, such as a detail missing where it cannot be asked for.
    case usage(String)
    /// What the registry's operations, verification, export and the demo throw.
    case registry(RegistryError)
    /// A declaration directory (or the built-in copy) is not valid.
    case declaration(DeclarationError)
    /// A key file or passphrase file was not read or written.
    case keyFile(KeyFileError)
    /// A file the user names was not read or written.
    case storage(StorageError)
    /// A key could not be made or used.
    case crypto(CryptoError)
    /// A statement or value given on the command line is not acceptable.
    case field(FieldError)
    /// A registry could not be verified from its URL.
    case remote(RemoteVerificationError)
    /// A proof is not one, lacks its entry, or does not verify.
    case proof(ProofError)
    /// Standard output could not be written. `done` says what the command
    /// had already done for good (entries recorded, a file written), when
    /// it had: the report is lost, not the effect.
    case output(StorageError, done: String?)
    /// Entries were recorded (`recorded` says which), then publishing the
    /// site failed; `command` publishes them once the cause is fixed.
    case publishing(RegistryError, recorded: String, command: String)
    /// A witness could not be set up, or its server failed.
    case witness(WitnessError)
}

extension CommandError {
    /// The line printed after "error: " and the exit code (README.md, "Exit codes").
    var report: (message: String, code: Int32) {
        switch self {
        case .failure(let message, let code):
            return (message, code)
        case .usage(let message):
            return (message, ExitStatus.usage)
        case .registry(let error):
            return (error.description, Self.code(for: error))
        case .declaration(let error):
            return (error.description, Self.code(for: error))
        case .keyFile(let error):
            return (error.description, Self.code(for: error))
        case .storage(let error):
            return (error.description, Self.code(for: error))
        case .crypto(let error):
            return (error.description, Self.code(for: error))
        case .field(let error):
            return (error.description, ExitStatus.badInput)
        case .remote(let error):
            return (error.description, Self.code(for: error))
        case .proof(let error):
            return (error.description, Self.code(for: error))
        case .output(let error, let done):
            // Not `error.description`: its advice for a full disk says
            // "nothing was recorded", which is not for this to say.
            let failure = "\(error.path): \(error.operation) failed: \(error.reason)"
            guard let done else { return (failure, ExitStatus.ioError) }
            return ("\(done), but this report could not be written: \(failure)", ExitStatus.ioError)
        case .publishing(.quorumNotMet(let shortfall), let recorded, _):
            // The shortfall says what completes it, and that the entries stay recorded.
            return ("\(recorded) in the registry; \(shortfall)", ExitStatus.witnessesShort)
        case .publishing(let error, let recorded, let command):
            // The exit code is the publish's: the append itself succeeded.
            return ("\(recorded) in the registry, but publishing failed: \(error). Once the cause is fixed, run `\(command)` to publish", Self.code(for: error))
        case .witness(let error):
            return (error.description, Self.code(for: error))
        }
    }

    private static func code(for error: WitnessError) -> Int32 {
        switch error {
        case .logList, .unsupportedLogKey, .noLogs, .damagedState: return ExitStatus.badInput
        case .invalidName, .invalidListenAddress: return ExitStatus.usage
        case .storage(let error): return code(for: error)
        // Another witness writes there: the output this one would write is taken.
        case .dataDirectoryInUse: return ExitStatus.cannotCreate
        // The address is taken or cannot be bound, or the server failed.
        case .server: return ExitStatus.ioError
        }
    }

    private static func code(for error: RegistryError) -> Int32 {
        switch error {
        case .alreadyExists: return ExitStatus.cannotCreate
        case .notARegistry: return ExitStatus.noInput
        case .wrongRegistrarKey, .statementRefused, .invalidField, .noSuchEntry: return ExitStatus.invalid
        case .registryInvalid(let failure), .verificationFailed(let failure): return code(for: failure)
        case .storage(let error): return code(for: error)
        case .keyFile(let error): return code(for: error)
        case .crypto(let error): return code(for: error)
        case .declaration(let error): return code(for: error)
        case .notACheckpoint, .invalidPolicy: return ExitStatus.badInput
        // A policy's refusal is a verdict: the checkpoint does not verify
        // as the policy demands.
        case .checkpointRefused: return ExitStatus.invalid
        case .siteRefused(let failure): return code(for: failure)
        case .witnessPolicyRefused: return ExitStatus.badInput
        case .quorumNotMet: return ExitStatus.witnessesShort
        // The checkpoint could not be written signed: reported as a write
        // that failed, since nothing was recorded.
        case .checkpointSigning: return ExitStatus.ioError
        }
    }

    private static func code(for error: RemoteVerificationError) -> Int32 {
        switch error {
        case .fetch(let error): return code(for: error)
        case .registry(let error): return code(for: error)
        // Two signed checkpoints that contradict each other, or a trust
        // state not as it was left: nothing can be trusted, a refusal.
        case .splitView, .trustStateDamaged: return ExitStatus.invalid
        }
    }

    private static func code(for error: FetchError) -> Int32 {
        switch error.problem {
        // Nothing at the URL: most often the URL is wrong.
        case .notFound: return ExitStatus.noInput
        // The server or the network failed: reading failed, as for a file.
        case .status, .timedOut, .network, .cancelled: return ExitStatus.ioError
        // The site serves what no registry publishes there: it does not
        // verify, as an oversized or malformed file of a local registry.
        case .tooLarge, .badContent: return ExitStatus.invalid
        case .invalidURL: return ExitStatus.usage
        }
    }

    private static func code(for failure: PublishFailure) -> Int32 {
        switch failure.reason {
        // The site holds another registry's files, another history's, or
        // altered ones: a refusal, like a registry that does not verify.
        case .otherRegistry, .otherHistory, .altered: return ExitStatus.invalid
        // Publishing a registry into itself is a wrong command line.
        case .isTheRegistry: return ExitStatus.usage
        }
    }

    private static func code(for error: ProofError) -> Int32 {
        switch error {
        case .malformed: return ExitStatus.badInput
        // Which entry to check is the command line's to say.
        case .noEntry: return ExitStatus.usage
        case .doesNotVerify: return ExitStatus.invalid
        }
    }

    private static func code(for failure: VerificationFailure) -> Int32 {
        switch failure.severity {
        case .invalid: return ExitStatus.invalid
        case .interrupted: return ExitStatus.interrupted
        }
    }

    private static func code(for error: StorageError) -> Int32 {
        switch error.cause {
        case .system:
            if error.isMissing { return ExitStatus.noInput }
            // Creating a file that exists: an output the tool will not
            // overwrite, whatever the layer that found it.
            if error.isAlreadyExisting { return ExitStatus.cannotCreate }
            return ExitStatus.ioError
        // A file refused for its size is a bad input, not a failed read.
        case .tooLarge: return ExitStatus.badInput
        // A pipe, device, folder or link where the registry keeps a file:
        // the file is not there to read, as when it is missing.
        case .notRegularFile, .symbolicLink: return ExitStatus.noInput
        // A line longer than any line may be is reported as a verdict by
        // the verifier; reaching the tool this way it is a bad input.
        case .lineTooLong: return ExitStatus.badInput
        case .changedWhileLocked, .shorterThanRecorded, .recordedButNotSynced, .signingFailed: return ExitStatus.ioError
        case .refusedToReplace, .inTheWay: return ExitStatus.cannotCreate
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

    private static func code(for error: CryptoError) -> Int32 {
        switch error {
        case .invalidKeyLength, .smallOrderPublicKey, .nonCanonicalPublicKey, .notPEMKey, .malformedPEM,
             .wrongKeyType, .passphraseRequired, .wrongPassphrase, .emptyPassphrase, .passphraseTooLong, .openSSL:
            return ExitStatus.badInput
        }
    }

    private static func code(for error: DeclarationError) -> Int32 {
        switch error {
        case .unreadable: return ExitStatus.noInput
        case .missingFile, .unexpectedFile, .notRegularFile, .fileTooLarge, .byteOrderMark, .invalidUTF8,
             .carriageReturn, .controlCharacter, .invisibleCharacter, .pemBlock, .notNFC, .missingFinalNewline,
             .malformedText, .structureMismatch, .malformedManifest, .missingField, .unknownField, .invalidField,
             .titleMismatch, .unofficialText:
            return ExitStatus.badInput
        }
    }
}

extension CommandError {
    /// Prints the failure as one "error:" line on standard error and gives
    /// the exit code to end with.
    func reportOnStandardError() -> ExitCode {
        let report = report
        Terminal.standardError(TerminalStyle.errorLabel + " " + report.message)
        return ExitCode(report.code)
    }
}

/// Runs a command's body, turning its error into one "error:" line on
/// standard error and the matching exit code.
func runReportingFailures(_ body: () throws(CommandError) -> Void) throws(ExitCode) {
    do {
        try body()
    } catch {
        throw error.reportOnStandardError()
    }
}
