import Glibc

/// What is known about a file from one `stat`.
package struct FileStatus: Sendable {
    /// The file's size in bytes.
    package var size: Int
    /// Whether it is a regular file (not a directory, pipe or device).
    package var isRegularFile: Bool
    /// Whether it is a directory.
    package var isDirectory: Bool
    /// The permission bits (`st_mode & 0o7777`).
    package var permissions: UInt32
    /// The device and inode: which file this is, whatever its name now.
    package var identity: FileIdentity

    init(_ status: stat) {
        size = Int(status.st_size)
        isRegularFile = (status.st_mode & S_IFMT) == S_IFREG
        isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
        permissions = UInt32(status.st_mode) & 0o7777
        identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}

/// A file's device and inode numbers: two paths, or a path and an open
/// descriptor, name the same file exactly when these are equal.
package struct FileIdentity: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
}

/// An open file, closed when the value goes away. With `FileSystem`, the
/// only code that calls POSIX: every operation retries on EINTR and turns
/// a failure into a `StorageError` naming the file and what was being done,
/// in the words the caller gives (`operation`), so messages stay specific.
package final class FileDescriptor {
    /// How a file is opened. Every descriptor is close-on-exec. Every file
    /// opened for writing is opened with `O_NOFOLLOW`: the registry's files
    /// are never symbolic links, and a link must not lead a write outside.
    package enum Access: Sendable {
        /// Read only. The open itself never blocks: a named pipe with no
        /// writer would otherwise hang it for ever, before any check of
        /// the file's kind could run.
        case reading
        /// Write only, at any position.
        case writing
        /// Write only, every write at the end.
        case appending
        /// Read and write, creating the file (mode 0644 less the umask) if
        /// it is missing: how a writer opens the lock file.
        case readingAndWritingCreating
        /// Write only, creating the file with `mode` (less the umask);
        /// fails with EEXIST if anything is at the path, a symbolic link
        /// included, so an existing file is never overwritten.
        case creatingNew(mode: UInt32)
        /// A directory, opened only to sync its entries or to lock it.
        case directory
    }

    /// Whether the last component of the path may be a symbolic link.
    package enum Links: Sendable {
        /// Follow it: a file the user names (a key, a statement, a saved
        /// checkpoint) may be a link to where it is kept.
        case follow
        /// Refuse it (`O_NOFOLLOW`): a file inside the registry.
        case refuse
    }

    /// The path it was opened with, for error messages.
    package let path: String
    private let raw: Int32
    private var isOpen = true

    /// Opens `path`; `operation` names the step in the error ("opening the
    /// ledger").
    package init(path: String, access: Access, links: Links = .follow,
                 operation: String = "opening") throws(StorageError) {
        let descriptor: Int32
        let noFollow = links == .refuse ? O_NOFOLLOW : 0
        switch access {
        case .reading: descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | noFollow)
        case .writing: descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        case .appending: descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
        case .readingAndWritingCreating: descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        case .creatingNew(let mode):
            // O_EXCL already refuses a symbolic link; O_NOFOLLOW says so
            // explicitly for whoever reads this.
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(mode))
        case .directory: descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | noFollow)
        }
        guard descriptor >= 0 else {
            let code = errno
            // O_NOFOLLOW reports a link as ELOOP; say what it is.
            if code == ELOOP, links == .refuse || access.refusesLinks {
                throw StorageError(path: path, operation: operation, cause: .symbolicLink)
            }
            throw StorageError(path: path, operation: operation, code: code)
        }
        self.path = path
        self.raw = descriptor
        if case .reading = access {
            // Back to blocking reads, which a regular file ignores anyway and
            // a pipe the caller chose to read (a passphrase from `<(…)`) needs.
            let flags = fcntl(descriptor, F_GETFL)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        }
    }

    deinit {
        if isOpen { Glibc.close(raw) }
    }

    /// Closes the file now, reporting a failure (which can mean that data
    /// written was lost).
    package func close(operation: String = "writing") throws(StorageError) {
        guard isOpen else { return }
        isOpen = false
        guard Glibc.close(raw) == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
    }

    /// The file's size, kind and permissions.
    package func status(operation: String = "reading") throws(StorageError) -> FileStatus {
        var status = stat()
        guard fstat(raw, &status) == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
        return FileStatus(status)
    }

    /// Reads into `buffer` from the current position; returns how many
    /// bytes were read, 0 at the end of the file.
    package func read(into buffer: UnsafeMutableRawBufferPointer, operation: String = "reading") throws(StorageError) -> Int {
        var count: Int
        repeat {
            count = Glibc.read(raw, buffer.baseAddress, buffer.count)
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw StorageError(path: path, operation: operation, code: errno) }
        return count
    }

    /// Reads into `buffer` from `offset`, without moving the position;
    /// returns how many bytes were read, 0 at the end of the file.
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int,
                      operation: String = "reading") throws(StorageError) -> Int {
        var count: Int
        repeat {
            count = pread(raw, buffer.baseAddress, buffer.count, off_t(offset))
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw StorageError(path: path, operation: operation, code: errno) }
        return count
    }

    /// Reads `count` bytes from `offset`, without moving the position;
    /// fewer only when the file ends first.
    package func read(count: Int, at offset: Int, operation: String = "reading") throws(StorageError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while filled < count {
            let read = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<count]),
                                at: offset + filled, operation: operation)
            if read == 0 { break }
            filled += read
        }
        return [UInt8](UnsafeRawBufferPointer(rebasing: buffer[..<filled]))
    }

    /// Reads from the current position to the end, refusing more than
    /// `limit` bytes: the one loop every whole-file read goes through.
    /// With `wiping`, the buffers are sized once and zeroed on every exit,
    /// so a secret (a private key, a passphrase) leaves no copy behind in
    /// freed memory; the caller wipes what is returned.
    package func readToEnd(limit: Int, wiping: Bool = false, operation: String = "reading") throws(StorageError) -> [UInt8] {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer {
            if wiping { chunk.initializeMemory(as: UInt8.self, repeating: 0) }
            chunk.deallocate()
        }
        var bytes: [UInt8] = []
        // Growing the array would leave copies of a secret in freed memory.
        if wiping { bytes.reserveCapacity(min(limit, 1 << 20) + chunk.count) }
        // A file of known size is read into room made for it once: the
        // derived state's index files (megabytes, read on every append)
        // would otherwise be copied again each time the array grew.
        if !wiping, let size = try? status(operation: operation).size, size > chunk.count {
            bytes.reserveCapacity(min(size, limit) + chunk.count)
        }
        do throws(StorageError) {
            while true {
                let count = try read(into: chunk, operation: operation)
                if count == 0 { return bytes }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
                if bytes.count > limit { throw StorageError.tooLarge(path, limit: limit) }
            }
        } catch {
            if wiping { Self.wipe(&bytes) }
            throw error
        }
    }

    /// Writes all of `bytes` at the current position (the end, when
    /// appending). A write past `ulimit -f` fails with EFBIG only if the
    /// process ignores SIGXFSZ, which the `declaration` tool does at start;
    /// otherwise the signal ends the process.
    package func writeAll(_ bytes: [UInt8], operation: String = "writing") throws(StorageError) {
        try Self.writeAll(bytes, to: raw, path: path, operation: operation)
    }

    /// Writes all of `bytes` to the descriptor `raw`, retrying on EINTR and
    /// after short writes; errors name `path`. Shared with standard output,
    /// which no `FileDescriptor` owns (closing it would close stdout).
    package static func writeAll(_ bytes: [UInt8], to raw: Int32, path: String,
                                 operation: String) throws(StorageError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(raw, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw StorageError(path: path, operation: operation, code: errno)
            }
            offset += written
        }
    }

    /// Flushes the file's data (or a directory's entries) to the disk.
    package func sync(operation: String = "syncing to disk") throws(StorageError) {
        guard fsync(raw) == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
    }

    /// Cuts the file to `length` bytes.
    package func truncate(to length: Int, operation: String = "truncating") throws(StorageError) {
        guard ftruncate(raw, off_t(length)) == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
    }

    /// Sets the permission bits exactly, whatever the umask removed.
    package func setPermissions(_ mode: UInt32, operation: String = "writing") throws(StorageError) {
        guard fchmod(raw, mode_t(mode)) == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
    }

    /// Waits for an advisory lock on the file (or directory), held until
    /// it is closed.
    package func lock(exclusive: Bool, operation: String = "locking") throws(StorageError) {
        var result: Int32
        repeat {
            result = flock(raw, exclusive ? LOCK_EX : LOCK_SH)
        } while result != 0 && errno == EINTR
        guard result == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
    }

    /// Takes an exclusive advisory lock on the file (or directory) if no
    /// one holds it, without waiting: false when another holder has it.
    package func tryLockExclusively(operation: String = "locking") throws(StorageError) -> Bool {
        var result: Int32
        repeat {
            result = flock(raw, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        if result != 0 && errno == EWOULDBLOCK { return false }
        guard result == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
        return true
    }

    /// Overwrites secret bytes before their memory is released.
    package static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
    }
}

extension FileDescriptor.Access {
    /// Whether this access always opens with `O_NOFOLLOW`.
    var refusesLinks: Bool {
        switch self {
        case .writing, .appending, .readingAndWritingCreating, .creatingNew: return true
        case .reading, .directory: return false
        }
    }
}
