import Glibc

/// An advisory lock on the registry's lock file, held until the value is
/// dropped. Appends take it exclusively so concurrent signers on one machine
/// never interleave lines or fork the chain; readers take it shared for the
/// instant they read the checkpoint and the ledger's length, so they never
/// see an append half done.
package final class FileLock {
    private let descriptor: Int32
    private var released = false

    /// Opens the lock file and waits for the lock. A writer creates the file
    /// if needed; a reader opens it read-only, so a registry it may not
    /// write to can still be verified.
    package init(path: String, exclusive: Bool) throws(StorageError) {
        let descriptor = exclusive
            ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "opening the lock file", code: errno) }
        var result: Int32
        repeat {
            result = flock(descriptor, exclusive ? LOCK_EX : LOCK_SH)
        } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw StorageError(path: path, operation: "locking", code: code)
        }
        self.descriptor = descriptor
    }

    /// Releases the lock now, rather than when the value goes away.
    package func release() {
        guard !released else { return }
        released = true
        // Closing the descriptor releases the lock.
        close(descriptor)
    }

    deinit {
        release()
    }
}
