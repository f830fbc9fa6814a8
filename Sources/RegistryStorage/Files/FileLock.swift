/// An advisory lock on the registry, held until the value is dropped.
/// Appends take it exclusively so concurrent signers on one machine never
/// interleave lines or fork the chain; readers take it shared for the
/// instant they read the checkpoint and the ledger's length, so they never
/// see an append half done.
///
/// The lock is on the registry directory itself, not on a file in it: a
/// file can be removed or replaced while the lock is held (a clean-up
/// script, `rsync --delete`, a restore), and the next writer would then
/// lock a new file and run at the same time as the first. The directory
/// cannot be swapped that way under its files. After locking, the
/// directory open is checked to still be the one at the path (a rename of
/// the whole registry in between is retried). `.lock`, when present, is
/// locked as well, so that a tool from before this change, which locks
/// only `.lock`, still waits for this one and is waited for.
package final class FileLock {
    private var directory: FileDescriptor?
    private var legacy: FileDescriptor?

    /// How many times a lock on a directory renamed away meanwhile is retried.
    private static let attempts = 8

    /// Waits for the lock on the registry in `layout`. Opening a directory
    /// and `.lock` needs only read permission, so a registry a reader may
    /// not write to can still be verified under the lock; nothing is
    /// created, and a `.lock` that is a symbolic link is refused rather
    /// than followed.
    package init(registry layout: RegistryLayout, exclusive: Bool) throws(StorageError) {
        directory = try Self.lock(layout.directory, what: "the registry", exclusive: exclusive)
        // `.lock` is locked too when it is there, for older tools; it may be
        // removed at any moment, so a missing one is simply not locked
        // (opened directly: checking first would race with its removal).
        let opened: FileDescriptor?
        do throws(StorageError) {
            opened = try FileDescriptor(path: layout.lock, access: .reading, links: .refuse,
                                        operation: "opening the lock file")
        } catch where error.code == ENOENTCode {
            opened = nil
        }
        if let file = opened {
            guard try file.status(operation: "opening the lock file").isRegularFile else {
                throw StorageError(path: layout.lock, operation: "opening the lock file", cause: .notRegularFile)
            }
            try file.lock(exclusive: exclusive)
            legacy = file
        }
    }

    /// Waits for the lock on a directory other than a registry, such as a
    /// published site (`SiteLayout`), which its writers take exclusively so
    /// that two never write it at once; `what` names it in errors.
    package init(directory path: String, what: String, exclusive: Bool) throws(StorageError) {
        directory = try Self.lock(path, what: what, exclusive: exclusive)
    }

    /// Takes the lock on a directory that one process holds for as long as
    /// it runs, such as a witness's data directory, without waiting: nil
    /// when another process holds it already.
    package static func attemptExclusive(directory path: String, what: String) throws(StorageError) -> FileLock? {
        let directory = try FileDescriptor(path: path, access: .directory, operation: "opening \(what) to lock it")
        guard try directory.tryLockExclusively(operation: "locking \(what)") else { return nil }
        return FileLock(holding: directory)
    }

    private init(holding directory: FileDescriptor) {
        self.directory = directory
    }

    /// Locks the directory at `path`, then checks that it is still the one
    /// at the path (retrying if it was renamed meanwhile).
    private static func lock(_ path: String, what: String, exclusive: Bool) throws(StorageError) -> FileDescriptor {
        var attempt = 0
        while true {
            attempt += 1
            let directory = try FileDescriptor(path: path, access: .directory, operation: "opening \(what) to lock it")
            try directory.lock(exclusive: exclusive, operation: "locking \(what)")
            let locked = try directory.status(operation: "locking \(what)").identity
            let current = try FileSystem.status(path, operation: "locking \(what)").identity
            if locked == current { return directory }
            guard attempt < Self.attempts else {
                throw StorageError(path: path, operation: "locking \(what)", cause: .changedWhileLocked)
            }
        }
    }

    /// Releases the lock now, rather than when the value goes away.
    package func release() {
        // Closing a descriptor releases its lock; `.lock` first, in the
        // reverse order of taking them.
        try? legacy?.close()
        legacy = nil
        try? directory?.close()
        directory = nil
    }

    deinit {
        release()
    }
}
