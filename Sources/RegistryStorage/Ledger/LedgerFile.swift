/// Durable writes to the ledger: appends that are all or nothing, and the
/// truncation that takes an interrupted append back.
package enum LedgerFile {
    /// Appends `bytes` (whole lines) to the ledger and syncs them to disk.
    /// If the write fails part way (a full disk, a file size limit), the
    /// ledger is cut back to `expectedLength` so no partial line is left.
    ///
    /// A write past `ulimit -f` fails with EFBIG, reported as such, only in
    /// a process that ignores SIGXFSZ (the `declaration` tool does, at
    /// start); the library leaves process-wide signal handling to the
    /// program, so elsewhere the signal ends the process as usual.
    package static func append(_ bytes: [UInt8], to path: String, expectedLength: Int) throws(StorageError) {
        let file = try FileDescriptor(path: path, access: .appending, operation: "opening the ledger")
        guard try file.status(operation: "reading the ledger").size == expectedLength else {
            // Only a writer that ignores the lock could have changed it.
            throw StorageError(path: path, operation: "appending", cause: .changedWhileLocked)
        }
        do throws(StorageError) {
            try file.writeAll(bytes)
            try file.sync()
        } catch {
            // Best effort: the error reported is the write's.
            try? file.truncate(to: expectedLength)
            try? file.sync()
            throw error
        }
    }

    /// Cuts the ledger back to `length` bytes and syncs it.
    package static func truncate(_ path: String, to length: Int) throws(StorageError) {
        let file = try FileDescriptor(path: path, access: .writing, operation: "opening the ledger")
        try file.truncate(to: length, operation: "truncating the ledger")
        try file.sync()
    }
}
