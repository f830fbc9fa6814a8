import Glibc

/// Durable writes to the ledger: appends that are all or nothing, and the
/// truncation that takes an interrupted append back.
package enum LedgerFile {
    /// Appends `bytes` (whole lines) to the ledger and syncs them to disk.
    /// If the write fails part way (a full disk, a file size limit), the
    /// ledger is cut back to `expectedLength` so no partial line is left.
    package static func append(_ bytes: [UInt8], to path: String, expectedLength: Int) throws(StorageError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "opening the ledger", code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw StorageError(path: path, operation: "reading the ledger", code: errno) }
        guard Int(status.st_size) == expectedLength else {
            // Only a writer that ignores the lock could have changed it.
            throw StorageError(path: path, operation: "appending (the ledger changed while it was locked)", code: EAGAIN)
        }
        // A write past `ulimit -f` would otherwise kill the process with
        // SIGXFSZ instead of failing with EFBIG.
        signal(SIGXFSZ, SIG_IGN)
        do {
            try FileSystem.writeAll(descriptor, bytes, path: path)
            try FileSystem.sync(descriptor, path: path)
        } catch {
            ftruncate(descriptor, off_t(expectedLength))
            fsync(descriptor)
            throw error
        }
    }

    /// Cuts the ledger back to `length` bytes and syncs it.
    package static func truncate(_ path: String, to length: Int) throws(StorageError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "opening the ledger", code: errno) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw StorageError(path: path, operation: "truncating the ledger", code: errno)
        }
        try FileSystem.sync(descriptor, path: path)
    }
}
