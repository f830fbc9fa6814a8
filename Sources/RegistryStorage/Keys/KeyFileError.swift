import CryptoPrimitives

/// Why a key file or passphrase file was not read or written: what is wrong
/// with its contents or its permissions, or the `StorageError` of the
/// system call that failed.
public enum KeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file to be created already exists; nothing was overwritten.
    case alreadyExists(path: String)
    /// The file could not be created or written.
    case cannotWrite(StorageError)
    /// The file could not be opened or read.
    case cannotRead(StorageError)
    /// A private key file is not a regular file.
    case notRegularFile(path: String)
    /// A private key file can be read or written by its group or by others;
    /// `mode` is its permission bits.
    case permissionsTooOpen(path: String, mode: UInt32)
    /// The file is larger than any key file could be.
    case tooLarge(path: String, limit: Int)
    /// The passphrase file's first line is empty.
    case emptyPassphrase(path: String)
    /// The file was read but its contents are not a usable key.
    case invalidKey(path: String, CryptoError)

    public var description: String {
        switch self {
        case .alreadyExists(let path):
            return "\(path) already exists; refusing to overwrite it (choose another name, or move the old file away first)"
        // The system's reason alone, not the storage error's whole
        // sentence: a key file is the user's, not the registry's.
        case .cannotWrite(let error):
            return "cannot write \(error.path): \(error.reason)"
        case .cannotRead(let error):
            return "cannot read \(error.path): \(error.reason)"
        case .notRegularFile(let path):
            return "\(path) is not a regular file; a private key must be kept in a plain file"
        case .permissionsTooOpen(let path, let mode):
            let who: String
            if mode & 0o004 != 0 {
                who = "readable by others"
            } else if mode & 0o040 != 0 {
                who = "readable by its group"
            } else {
                who = "writable by its group or others"
            }
            let octal = String(mode & 0o7777, radix: 8)
            let padded = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
            return "\(path) is \(who) (mode \(padded)); run `chmod 600 \(path)`"
        case .tooLarge(let path, let limit):
            return "\(path) is larger than \(limit) bytes, too large to be a key file"
        case .emptyPassphrase(let path):
            return "the first line of \(path) is empty; put the passphrase on the first line"
        case .invalidKey(let path, let error):
            return "\(path): \(error.description)"
        }
    }
}
