/// A file-system operation on the registry's files failed.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory involved.
    public var path: String
    /// What was being done, such as "opening" or "writing".
    public var operation: String
    /// Why it failed.
    public var cause: Cause

    /// Why a file-system operation failed: the system's error, or a check
    /// of the storage layer's own, which has no error number to give.
    public enum Cause: Sendable, Equatable {
        /// A system call failed with this error number (`errno`).
        case system(Int32)
        /// The file is larger than `limit` bytes, the most the tool reads
        /// there: a problem with the input, not with the system, and not
        /// the `ulimit -f` limit that EFBIG reports.
        case tooLarge(limit: Int)
        /// The path names a directory or another kind of file where a
        /// regular file was expected.
        case notRegularFile
        /// The file's length changed while the registry was locked: only a
        /// writer that ignores the lock could have changed it.
        case changedWhileLocked
        /// A file of the derived state is shorter than the state records.
        case shorterThanRecorded
        /// The path is a symbolic link where the registry keeps one of its
        /// own files or folders; it is not followed.
        case symbolicLink
        /// Line `line` of the ledger is longer than `limit` bytes, the most
        /// a ledger line may hold; it is not read further.
        case lineTooLong(line: Int, limit: Int)
        /// The entries were recorded (the checkpoint covering entries
        /// `first` to `last` is in place), but syncing the directory after
        /// renaming it failed, for `reason` (the system's, or the storage
        /// layer's own check).
        case recordedButNotSynced(first: UInt64, last: UInt64, reason: String)
        /// The registrar's key could not sign the derived state's tip
        /// (OpenSSL failed); no tip was written, so the state is rebuilt
        /// next time.
        case signingFailed(reason: String)
        /// An output was to replace what is at the path, which is not a
        /// regular file (a symbolic link, directory, FIFO or device): only
        /// a regular file is ever replaced.
        case refusedToReplace
        /// Something else (`found`, such as "a symbolic link") is where a
        /// published site keeps `expected` ("a directory", "a regular
        /// file"): nothing is written through it or over it.
        case inTheWay(found: String, expected: String)
    }

    /// Creates an error for `operation` on `path` from the system's error
    /// number, usually `errno` just after the call that failed.
    public init(path: String, operation: String, code: Int32) {
        self.init(path: path, operation: operation, cause: .system(code))
    }

    /// Creates an error for `operation` on `path`.
    public init(path: String, operation: String, cause: Cause) {
        self.path = path
        self.operation = operation
        self.cause = cause
    }

    /// A file refused because it is larger than `limit` bytes.
    static func tooLarge(_ path: String, limit: Int) -> StorageError {
        StorageError(path: path, operation: "reading", cause: .tooLarge(limit: limit))
    }

    /// The system's error number, when a system call failed.
    public var code: Int32? {
        if case .system(let code) = cause { return code }
        return nil
    }

    /// The most bytes read there, when the file was refused for its size.
    public var readLimit: Int? {
        if case .tooLarge(let limit) = cause { return limit }
        return nil
    }

    /// Whether the file does not exist.
    public var isMissing: Bool { code == ENOENTCode || code == ENOTDIRCode }

    /// Whether the file to be created already exists.
    package var isAlreadyExisting: Bool { code == EEXISTCode }

    /// Why, in a few words: the system's description of its error number,
    /// such as "No such file or directory", or the check that failed.
    package var reason: String {
        switch cause {
        case .system(let code): return FileSystem.message(for: code)
        case .tooLarge(let limit): return "the file is larger than \(limit) bytes, the most read here"
        case .notRegularFile: return "it is not a regular file"
        case .changedWhileLocked: return "the file changed while the registry was locked"
        case .shorterThanRecorded: return "the file is shorter than the registry's state records"
        case .symbolicLink: return "it is a symbolic link, and the registry's own files and folders are never followed through one"
        case .lineTooLong(let line, let limit):
            return "line \(line) is longer than \(limit) bytes, the most a ledger line may hold"
        case .recordedButNotSynced(_, _, let reason): return reason
        case .signingFailed(let reason): return "the registrar's key could not sign it (\(reason))"
        case .refusedToReplace:
            return "it exists and is not a regular file (a symbolic link, directory, FIFO or device), and only a regular file is replaced"
        case .inTheWay(let found, let expected):
            return "it is \(found), where the site keeps \(expected)"
        }
    }

    public var description: String {
        switch cause {
        case .tooLarge(let limit):
            return "\(path): the file is larger than \(limit) bytes, the most read here; check that it is the right file"
        case .system(let code):
            var advice = ""
            switch code {
            case ENOENTCode: advice = "; check the path"
            case EACCESCode: advice = "; check the file's permissions"
            case ENOSPCCode, EDQUOTCode: advice = "; free some space and try again (nothing was recorded)"
            case EFBIGCode: advice = "; the file size limit was reached (see ulimit -f)"
            default: break
            }
            return "\(path): \(operation) failed: \(reason)\(advice)"
        case .notRegularFile:
            return "\(path): \(operation) failed: \(reason) (a pipe, a device or a folder is never read); put the file back"
        case .symbolicLink:
            return "\(path): \(operation) failed: \(reason); replace the link with the file or folder itself"
        case .lineTooLong(let line, let limit):
            return "\(path):\(line): line \(line) is longer than \(limit) bytes, the most a ledger line may hold; no append writes such a line"
        case .recordedButNotSynced(let first, let last, _):
            let entries = first == last ? "entry \(first) is" : "entries \(first) to \(last) are"
            return "\(path): \(entries) recorded (written, synced, and covered by the new checkpoint, which is in place), but syncing the directory afterwards failed: \(reason). Until the disk catches up, a system crash could still bring back the old checkpoint; check the disk, then run `declaration verify`"
        case .changedWhileLocked, .shorterThanRecorded, .signingFailed:
            return "\(path): \(operation) failed: \(reason)"
        case .refusedToReplace:
            return "\(path): \(operation) failed: \(reason); choose another file name"
        case .inTheWay:
            return "\(path): \(operation) failed: \(reason), and nothing is written through or over it; remove it, or publish to another directory (nothing was published)"
        }
    }
}
