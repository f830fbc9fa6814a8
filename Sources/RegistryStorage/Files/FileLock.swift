/// An advisory lock on the registry's lock file, held until the value is
/// dropped. Appends take it exclusively so concurrent signers on one machine
/// never interleave lines or fork the chain; readers take it shared for the
/// instant they read the checkpoint and the ledger's length, so they never
/// see an append half done.
package final class FileLock {
    private var file: FileDescriptor?

    /// Opens the lock file and waits for the lock. A writer creates the file
    /// if needed; a reader opens it read-only, so a registry it may not
    /// write to can still be verified.
    package init(path: String, exclusive: Bool) throws(StorageError) {
        let file = try FileDescriptor(path: path, access: exclusive ? .readingAndWritingCreating : .reading,
                                      operation: "opening the lock file")
        try file.lock(exclusive: exclusive)
        self.file = file
    }

    /// Releases the lock now, rather than when the value goes away.
    package func release() {
        // Closing the descriptor releases the lock.
        try? file?.close()
        file = nil
    }

    deinit {
        release()
    }
}
