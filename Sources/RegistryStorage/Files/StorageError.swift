/// A file-system operation on the registry's files failed.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory involved.
    public var path: String
    /// What was being done, such as "opening" or "writing".
    public var operation: String
    /// The system's error number.
    public var code: Int32
    /// Set when the file was refused for being larger than this many bytes,
    /// the most the tool reads there: a problem with the input, not with
    /// the system, and not the `ulimit -f` limit that EFBIG also reports.
    public var readLimit: Int?

    /// Creates an error for `operation` on `path` from the current `errno`
    /// or an explicit code.
    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// A file refused because it is larger than `limit` bytes.
    static func tooLarge(_ path: String, limit: Int) -> StorageError {
        var error = StorageError(path: path, operation: "reading", code: EFBIGCode)
        error.readLimit = limit
        return error
    }

    /// Whether the file does not exist.
    public var isMissing: Bool { code == ENOENTCode }

    /// Whether the file to be created already exists.
    package var isAlreadyExisting: Bool { code == EEXISTCode }

    /// The system's description of `code`, such as "No such file or directory".
    package var reason: String { FileSystem.message(for: code) }

    public var description: String {
        if let readLimit {
            return "\(path): the file is larger than \(readLimit) bytes, the most read here; check that it is the right file"
        }
        var advice = ""
        switch code {
        case ENOENTCode: advice = "; check the path"
        case EACCESCode: advice = "; check the file's permissions"
        case ENOSPCCode, EDQUOTCode: advice = "; free some space and try again (nothing was recorded)"
        case EFBIGCode: advice = "; the file size limit was reached (see ulimit -f)"
        default: break
        }
        return "\(path): \(operation) failed: \(reason)\(advice)"
    }
}
