import Glibc

/// The files a command writes for its user (an export, a statement, a saved
/// checkpoint) and its standard output: where what is written leaves the
/// registry, so it must never land on something the user did not mean
/// (a symbolic link's target, a FIFO, a device node) and a failure must be
/// reported, never lost.
extension FileSystem {
    /// The name standard output goes by in errors.
    package static let standardOutputName = "standard output"

    /// Writes all of `bytes` to standard output, retrying on EINTR. A full
    /// disk, `/dev/full` or a closed pipe (EPIPE: the tool ignores SIGPIPE
    /// so that it gets the error rather than dying silently) throws, naming
    /// standard output.
    package static func writeToStandardOutput(_ bytes: [UInt8]) throws(StorageError) {
        try FileDescriptor.writeAll(bytes, to: STDOUT_FILENO, path: standardOutputName, operation: "writing")
    }

    /// Writes `bytes` to the file at `path` whole or not at all: the content
    /// goes to a temporary file beside it, synced, which then takes the
    /// name. Without `replacingExisting`, anything at `path` (a dangling
    /// symbolic link included) makes it fail with EEXIST, atomically
    /// (`link(2)` never replaces). With it, only a regular file is replaced
    /// (by `rename(2)`, which replaces the name and never writes through
    /// it); a symbolic link, directory, FIFO or device is refused with
    /// `.refusedToReplace`, so that `--out /dev/full` run as root cannot
    /// turn the device node into a file. Every error names `path`, the path
    /// the user gave, never the temporary file.
    package static func writeOutput(_ path: String, bytes: [UInt8], replacingExisting: Bool,
                                    mode: UInt32 = 0o644) throws(StorageError) {
        var existing = stat()
        let exists = lstat(path, &existing) == 0
        if exists {
            guard replacingExisting else { throw StorageError(path: path, operation: "creating", code: EEXIST) }
            guard (existing.st_mode & S_IFMT) == S_IFREG else {
                throw StorageError(path: path, operation: "replacing", cause: .refusedToReplace)
            }
        }
        let temporary: String
        do {
            temporary = try prepareReplacement(for: path, bytes: bytes, mode: mode)
        } catch {
            throw StorageError(path: path, operation: error.operation, cause: error.cause)
        }
        if exists {
            try commitReplacement(temporary, over: path)
        } else {
            // link(2) fails with EEXIST if anything appeared at `path`
            // meanwhile: a file created by someone else is never replaced.
            var code: Int32 = 0
            if link(temporary, path) != 0 { code = errno }
            if code == EPERM || code == EOPNOTSUPP || code == EMLINK {
                // A file system without hard links (FAT on a USB stick, some
                // network shares): rename, after checking again that
                // nothing is there; only a writer racing this very call
                // could slip a file in between.
                var again = stat()
                if lstat(path, &again) == 0 {
                    code = EEXIST
                } else if rename(temporary, path) == 0 {
                    code = 0
                } else {
                    code = errno
                }
            }
            unlink(temporary)
            guard code == 0 else { throw StorageError(path: path, operation: "creating", code: code) }
        }
        try syncDirectory(containing: path)
    }
}
