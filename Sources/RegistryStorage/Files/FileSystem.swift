import Glibc

/// The few POSIX file operations the registry needs for durability, which
/// Foundation does not expose: exclusive creation, fsync of files and
/// directories, appends, advisory locks and atomic replacement.
package enum FileSystem {
    /// Reads a whole file, refusing one larger than `limit` bytes.
    package static func read(_ path: String, limit: Int = 64 << 20) throws(StorageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "opening", code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw StorageError(path: path, operation: "reading", code: errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw StorageError(path: path, operation: "reading (it is not a regular file)", code: EISDIR)
        }
        guard Int(status.st_size) <= limit else {
            throw StorageError.tooLarge(path, limit: limit)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError(path: path, operation: "reading", code: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit {
                throw StorageError.tooLarge(path, limit: limit)
            }
        }
        return bytes
    }

    /// Reads a file from `offset` to its end, without reading what comes
    /// before: how a repair takes only the tail of a long ledger.
    package static func readTail(_ path: String, from offset: Int) throws(StorageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "opening", code: errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var position = offset
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(position)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError(path: path, operation: "reading", code: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            position += count
        }
    }

    /// Whether something exists at `path`.
    package static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Whether `path` is a directory.
    package static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates a directory; fails if anything exists there already.
    package static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(StorageError) {
        guard mkdir(path, mode) == 0 else { throw StorageError(path: path, operation: "creating the directory", code: errno) }
    }

    /// Writes `bytes` to a new file, failing if the file exists, and syncs it.
    package static func createNew(_ path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(StorageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "creating", code: errno) }
        do {
            try writeAll(descriptor, bytes, path: path)
            try sync(descriptor, path: path)
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
        close(descriptor)
    }

    /// Replaces the file at `path` atomically: a reader sees either the old
    /// or the new content, never a mix, even across a crash. Writes a
    /// temporary file beside it, syncs it, renames it over the old one and
    /// syncs the directory so the rename itself is durable.
    static func replaceAtomically(_ path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(StorageError) {
        let temporary = try prepareReplacement(for: path, bytes: bytes, mode: mode)
        try commitReplacement(temporary, over: path)
        try syncDirectory(containing: path)
    }

    /// The first half of `replaceAtomically`: writes and syncs the new
    /// content beside `path`, returning the temporary file's path.
    package static func prepareReplacement(for path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(StorageError) -> String {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        try createNew(temporary, bytes: bytes, mode: mode)
        return temporary
    }

    /// The second half: renames the temporary file over `path`. Once this
    /// returns, readers see the new content.
    package static func commitReplacement(_ temporary: String, over path: String) throws(StorageError) {
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw StorageError(path: path, operation: "replacing", code: code)
        }
    }

    /// Syncs the directory that holds `path`, making a rename or a new
    /// file's name durable.
    package static func syncDirectory(containing path: String) throws(StorageError) {
        let directory = parent(of: path)
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: directory, operation: "opening the directory", code: errno) }
        defer { close(descriptor) }
        try sync(descriptor, path: directory)
    }

    /// The directory part of a path.
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(StorageError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw StorageError(path: path, operation: "writing", code: errno)
            }
            offset += written
        }
    }

    static func sync(_ descriptor: Int32, path: String) throws(StorageError) {
        guard fsync(descriptor) == 0 else { throw StorageError(path: path, operation: "syncing to disk", code: errno) }
    }
}
