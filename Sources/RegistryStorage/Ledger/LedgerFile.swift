import RegistryFormat

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

extension LedgerFile {
    /// The line of the ledger at `path` that ends at byte `offset` (the
    /// byte before `offset` is its line feed), without the line feed; nil
    /// when that byte is not a line feed, the file is shorter, or the line
    /// would be longer than a ledger line may be. Reads backwards from
    /// `offset` only, so it costs the same however long the ledger is.
    package static func line(endingAt offset: Int, in path: String) throws(StorageError) -> [UInt8]? {
        guard offset > 0 else { return nil }
        let file = try FileDescriptor(path: path, access: .reading, links: .refuse, operation: "opening the ledger")
        guard try file.status(operation: "reading the ledger").isRegularFile else {
            throw StorageError(path: path, operation: "reading the ledger", cause: .notRegularFile)
        }
        // The line feed that ends the line, and at most the longest line
        // before it, with the line feed that ends the line before.
        let window = min(offset, LedgerLineCodec.maximumLineLength + 2)
        var bytes = try file.read(count: window, at: offset - window, operation: "reading the ledger")
        guard bytes.count == window, bytes.last == 0x0A else { return nil }
        bytes.removeLast()
        if let start = bytes.lastIndex(of: 0x0A) {
            return Array(bytes[(start + 1)...])
        }
        // No line feed before it: the line starts the file, or is too long.
        return window == offset ? bytes : nil
    }

}
