import Foundation
import Glibc

/// Every file-system operation the registry and the tool perform, on POSIX
/// directly where durability needs what Foundation does not expose
/// (exclusive creation, fsync of files and directories, appends, advisory
/// locks, atomic replacement). With `FileDescriptor`, the only code that
/// calls POSIX or `FileManager` on files; the layers above go through it,
/// so each failure is a `StorageError` that names the file. (Two
/// exceptions remain above: `Declaration.load(from:)` reads a folder the
/// user names through Foundation, whose wording its messages carry, and
/// the CLI's `Terminal` opens `/dev/tty` for a passphrase.)
package enum FileSystem {
    // MARK: - Reading

    /// Reads a whole regular file, refusing one larger than `limit` bytes:
    /// the one way a file is read whole (key files add their own checks
    /// before the same loop, `FileDescriptor.readToEnd`). A pipe, device or
    /// directory is refused before anything is read, so it cannot hang the
    /// reader; with `links: .refuse` (a file inside the registry), so is a
    /// symbolic link.
    package static func read(_ path: String, limit: Int = 64 << 20,
                             links: FileDescriptor.Links = .follow) throws(StorageError) -> [UInt8] {
        let file = try FileDescriptor(path: path, access: .reading, links: links)
        let status = try file.status()
        guard status.isRegularFile else {
            throw StorageError(path: path, operation: "reading", cause: .notRegularFile)
        }
        guard status.size <= limit else { throw StorageError.tooLarge(path, limit: limit) }
        return try file.readToEnd(limit: limit)
    }

    /// What a repair copied from the end of the ledger.
    package struct CopiedTail: Sendable {
        /// Bytes copied.
        package var byteCount: Int
        /// Complete lines among them (line feeds).
        package var lineCount: Int
        /// Bytes after the last line feed.
        package var tornByteCount: Int
    }

    /// Copies the bytes of `path` from `offset` to its end into a new file
    /// at `destination` (created exclusively, synced), a chunk at a time:
    /// how a repair keeps a tail of any length, a line of many gigabytes
    /// included, with flat memory.
    package static func copyTail(of path: String, from offset: Int, to destination: String,
                                 mode: UInt32 = 0o644) throws(StorageError) -> CopiedTail {
        let source = try FileDescriptor(path: path, access: .reading, links: .refuse, operation: "opening the ledger")
        guard try source.status().isRegularFile else {
            throw StorageError(path: path, operation: "reading the ledger", cause: .notRegularFile)
        }
        let target = try FileDescriptor(path: destination, access: .creatingNew(mode: mode), operation: "creating")
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var copied = CopiedTail(byteCount: 0, lineCount: 0, tornByteCount: 0)
        do throws(StorageError) {
            while true {
                let count = try source.read(into: chunk, at: offset + copied.byteCount, operation: "reading the ledger")
                if count == 0 { break }
                let bytes = [UInt8](UnsafeRawBufferPointer(rebasing: chunk[..<count]))
                try target.writeAll(bytes)
                for byte in bytes {
                    if byte == 0x0A {
                        copied.lineCount += 1
                        copied.tornByteCount = 0
                    } else {
                        copied.tornByteCount += 1
                    }
                }
                copied.byteCount += count
            }
            try target.sync()
            try target.close()
        } catch {
            try? target.close()
            unlink(destination)
            throw error
        }
        return copied
    }

    /// The names in a directory, "." and ".." left out, in no particular
    /// order.
    package static func contentsOfDirectory(_ path: String) throws(StorageError) -> [String] {
        guard let directory = opendir(path) else {
            throw StorageError(path: path, operation: "listing the directory", code: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw StorageError(path: path, operation: "listing the directory", code: errno) }
                return names
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    // MARK: - Status

    /// Whether something exists at `path` (a dangling symbolic link counts).
    package static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Whether `path` is a directory.
    package static func isDirectory(_ path: String) -> Bool {
        (try? status(path))?.isDirectory ?? false
    }

    /// The size, kind and permissions of what is at `path`, following
    /// symbolic links; `operation` names the step in the error.
    package static func status(_ path: String, operation: String = "reading") throws(StorageError) -> FileStatus {
        var status = stat()
        guard stat(path, &status) == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
        return FileStatus(status)
    }

    /// Whether `path` is a symbolic link (dangling or not).
    package static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Refuses a registry any of whose own files or folders is a symbolic
    /// link, naming the first: a link could lead a write, a truncation or a
    /// removal outside the registry, or make it read what is not its own.
    /// The registry directory itself, which the user names, may be one.
    /// With `forWriting` (an append or a repair), also refuses a pipe,
    /// device or folder where the registry keeps a file, the derived
    /// state's included, rather than write beside it or remove it.
    package static func checkRegistryFiles(in layout: RegistryLayout, forWriting: Bool = false) throws(StorageError) {
        var files = [layout.header, layout.ledger, layout.checkpoint, layout.lock, layout.witnessPolicy]
        let folders = [layout.declaration, layout.state]
        // The entries of `declaration/` are the declaration copy's to judge:
        // a link, folder or pipe there is a copy that does not verify (exit
        // 1, `DeclarationCopy`), not a storage failure.
        if !isSymbolicLink(layout.state) && isDirectory(layout.state) {
            files += ((try? contentsOfDirectory(layout.state)) ?? []).sorted().map { layout.state + "/" + $0 }
        }
        for path in folders + files where isSymbolicLink(path) {
            throw StorageError(path: path, operation: "opening the registry", cause: .symbolicLink)
        }
        guard forWriting else { return }
        // A file where `declaration/` belongs is a copy that does not
        // verify, which the copy's check reports (exit 1).
        for path in [layout.state] where exists(path) && !isDirectory(path) {
            throw StorageError(path: path, operation: "opening the registry", code: ENOTDIR)
        }
        for path in files where exists(path) && (try? status(path))?.isRegularFile != true {
            throw StorageError(path: path, operation: "opening the registry", cause: .notRegularFile)
        }
    }

    /// The file's size in bytes, or nil if it cannot be found.
    package static func size(of path: String) -> Int? {
        (try? status(path))?.size
    }

    /// What kind of thing is at `path` itself, a symbolic link not
    /// followed; nil when nothing is there (or it cannot be looked at).
    package static func entryKind(_ path: String) -> EntryKind? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFIFO: return .namedPipe
        case S_IFSOCK: return .socket
        default: return .device
        }
    }

    /// The kinds of directory entry `entryKind(_:)` tells apart.
    package enum EntryKind: Sendable, Equatable, CustomStringConvertible {
        case regularFile, directory, symbolicLink, namedPipe, socket, device

        /// "a directory", as messages name it.
        package var description: String {
            switch self {
            case .regularFile: "a regular file"
            case .directory: "a directory"
            case .symbolicLink: "a symbolic link"
            case .namedPipe: "a named pipe"
            case .socket: "a socket"
            case .device: "a device"
            }
        }
    }

    // MARK: - Creating

    /// Creates a directory; fails if anything exists there already.
    package static func makeDirectory(_ path: String, mode: UInt32 = 0o755) throws(StorageError) {
        guard mkdir(path, mode_t(mode)) == 0 else { throw StorageError(path: path, operation: "creating the directory", code: errno) }
    }

    /// Creates a new directory with a unique name from `template`, whose
    /// last six characters are "XXXXXX" (as `mkdtemp`); returns its path.
    /// `base` names the folder in the error.
    package static func makeUniqueDirectory(template: String, base: String) throws(StorageError) -> String {
        var characters = Array(template.utf8CString)
        let made = characters.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            guard let start = buffer.baseAddress else { return nil }
            return mkdtemp(start)
        }
        guard let made else { throw StorageError(path: base, operation: "creating a temporary folder", code: errno) }
        return String(cString: made)
    }

    /// The system's folder for temporary files.
    package static var temporaryDirectory: String {
        FileManager.default.temporaryDirectory.path
    }

    /// Writes `bytes` to a new file, failing if anything exists at `path`
    /// (EEXIST), and syncs it. With `exactMode`, the permissions are set to
    /// `mode` whatever the umask (how a private key gets 0600); otherwise
    /// the umask applies, as for any file a program creates. On failure the
    /// file is removed again.
    package static func createNew(_ path: String, bytes: [UInt8], mode: UInt32 = 0o644,
                                  exactMode: Bool = false) throws(StorageError) {
        let file = try FileDescriptor(path: path, access: .creatingNew(mode: mode), operation: "creating")
        do throws(StorageError) {
            if exactMode { try file.setPermissions(mode) }
            try file.writeAll(bytes)
            try file.sync()
            try file.close()
        } catch {
            try? file.close()
            unlink(path)
            throw error
        }
    }

    // MARK: - Replacing

    /// Replaces the file at `path` atomically: a reader sees either the old
    /// or the new content, never a mix, even across a crash. Writes a
    /// temporary file beside it, syncs it, renames it over the old one and
    /// syncs the directory so the rename itself is durable.
    package static func replaceAtomically(_ path: String, bytes: [UInt8], mode: UInt32 = 0o644) throws(StorageError) {
        let temporary = try prepareReplacement(for: path, bytes: bytes, mode: mode)
        try commitReplacement(temporary, over: path)
        try syncDirectory(containing: path)
    }

    /// The first half of `replaceAtomically`: writes and syncs the new
    /// content beside `path` (`RegistryLayout.temporaryPath(for:)`),
    /// returning the temporary file's path.
    package static func prepareReplacement(for path: String, bytes: [UInt8], mode: UInt32 = 0o644) throws(StorageError) -> String {
        let temporary = RegistryLayout.temporaryPath(for: path)
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

    /// Renames `source` to `destination`, which must not be a non-empty
    /// directory; the error names `destination` and `operation`.
    package static func move(_ source: String, to destination: String, operation: String) throws(StorageError) {
        guard rename(source, destination) == 0 else {
            throw StorageError(path: destination, operation: operation, code: errno)
        }
    }

    // MARK: - Syncing

    /// Syncs the directory that holds `path`, making a rename or a new
    /// file's name durable.
    package static func syncDirectory(containing path: String) throws(StorageError) {
        try syncDirectory(parent(of: path))
    }

    /// Syncs `directory` itself, making the names in it durable.
    package static func syncDirectory(_ directory: String) throws(StorageError) {
        let file = try FileDescriptor(path: directory, access: .directory, operation: "opening the directory")
        try file.sync()
    }

    /// The directory part of a path.
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    // MARK: - Removing

    /// Removes the file at `path` if there is one; a failure is ignored,
    /// for removals that only tidy up.
    package static func remove(_ path: String) {
        unlink(path)
    }

    /// Removes every file in `directory` whose name satisfies `matches`,
    /// ignoring failures (a missing directory has nothing to remove).
    package static func removeFiles(in directory: String, where matches: (String) -> Bool) {
        for name in (try? contentsOfDirectory(directory)) ?? [] where matches(name) {
            unlink(directory + "/" + name)
        }
    }

    /// Removes an empty directory; fails if it is not empty, so nothing
    /// put there meanwhile is lost. The error names `operation`.
    package static func removeEmptyDirectory(_ path: String, operation: String) throws(StorageError) {
        guard rmdir(path) == 0 else { throw StorageError(path: path, operation: operation, code: errno) }
    }

    /// Removes `path` and everything under it, ignoring failures: how a
    /// half-built staging directory is cleared away.
    package static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    // MARK: - Process

    /// This process's id, which makes temporary names unique among
    /// concurrent writers.
    package static var processID: Int32 { getpid() }

    /// The system's description of an error number, such as "No such file
    /// or directory".
    static func message(for code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// Error numbers `StorageError` and its users test for, kept here so that
/// no other file needs the C library.
package let ENOENTCode = ENOENT
package let ENOTDIRCode = ENOTDIR
let EACCESCode = EACCES
let ENOSPCCode = ENOSPC
let EDQUOTCode = EDQUOT
let EFBIGCode = EFBIG
let EEXISTCode = EEXIST
