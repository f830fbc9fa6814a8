/// Writes to a published site's `ledger.jsonl`, a copy of the first lines
/// of the registry's ledger: extended in place by what a publish adds (a
/// site's ledger only grows, as the registry's does), or replaced whole
/// when it is missing or shorter than it should be. Bytes are copied from
/// the registry's ledger a chunk at a time, so memory stays flat however
/// much is copied.
package enum SiteLedger {
    /// How much is copied at a time.
    static let chunkSize = 1 << 20

    /// Cuts the site's ledger at `destination` back to `keeping` bytes (a
    /// tail no checkpoint of the site covers, left by an interrupted
    /// publish), then appends bytes `range` of the registry's ledger at
    /// `source` and syncs. If that fails part way, the file is cut back to
    /// `keeping` bytes again. Refuses a file shorter than `keeping`.
    package static func extend(_ destination: String, keeping: Int, from source: String,
                               range: Range<Int>) throws(StorageError) {
        let target = try FileDescriptor(path: destination, access: .appending, operation: "opening the site's ledger")
        let status = try target.status(operation: "reading the site's ledger")
        guard status.isRegularFile else {
            throw StorageError(path: destination, operation: "publishing", cause: .notRegularFile)
        }
        guard status.size >= keeping else {
            throw StorageError(path: destination, operation: "appending", cause: .changedWhileLocked)
        }
        do throws(StorageError) {
            if status.size > keeping { try target.truncate(to: keeping, operation: "truncating the site's ledger") }
            try copy(range, of: source, to: target)
            try target.sync()
        } catch {
            // Best effort: the error reported is the copy's.
            try? target.truncate(to: keeping)
            try? target.sync()
            throw error
        }
    }

    /// Replaces the site's ledger at `destination` with the first `length`
    /// bytes of the registry's ledger at `source`, atomically: written and
    /// synced beside it, renamed over it, and the folder synced.
    package static func replace(_ destination: String, withFirst length: Int, of source: String) throws(StorageError) {
        let temporary = RegistryLayout.temporaryPath(for: destination)
        FileSystem.remove(temporary)
        let target = try FileDescriptor(path: temporary, access: .creatingNew(mode: 0o644), operation: "creating")
        do throws(StorageError) {
            try copy(0..<length, of: source, to: target)
            try target.sync()
            try target.close()
        } catch {
            try? target.close()
            FileSystem.remove(temporary)
            throw error
        }
        try FileSystem.commitReplacement(temporary, over: destination)
        try FileSystem.syncDirectory(containing: destination)
    }

    /// How many of the first `length` bytes of the site's ledger at
    /// `destination` equal the registry's ledger's at `source`: the offset
    /// of the first byte that differs, or `length` (or the site's length,
    /// when shorter) when none does. Read a chunk at a time.
    package static func matchingPrefixLength(of destination: String, and source: String,
                                             upTo length: Int) throws(StorageError) -> Int {
        let site = try FileDescriptor(path: destination, access: .reading, links: .refuse, operation: "opening the site's ledger")
        let registry = try FileDescriptor(path: source, access: .reading, links: .refuse, operation: "opening the ledger")
        var offset = 0
        while offset < length {
            let wanted = min(chunkSize, length - offset)
            let ours = try site.read(count: wanted, at: offset, operation: "reading the site's ledger")
            let theirs = try registry.read(count: wanted, at: offset, operation: "reading the ledger")
            for index in 0..<min(ours.count, theirs.count) where ours[index] != theirs[index] {
                return offset + index
            }
            guard ours.count == wanted, theirs.count == wanted else { return offset + min(ours.count, theirs.count) }
            offset += wanted
        }
        return length
    }

    /// Copies bytes `range` of the file at `source` to the end of `target`.
    private static func copy(_ range: Range<Int>, of source: String, to target: FileDescriptor) throws(StorageError) {
        let file = try FileDescriptor(path: source, access: .reading, links: .refuse, operation: "opening the ledger")
        var offset = range.lowerBound
        while offset < range.upperBound {
            let wanted = min(chunkSize, range.upperBound - offset)
            let bytes = try file.read(count: wanted, at: offset, operation: "reading the ledger")
            guard bytes.count == wanted else {
                throw StorageError(path: source, operation: "reading the ledger", cause: .shorterThanRecorded)
            }
            try target.writeAll(bytes, operation: "writing the site's ledger")
            offset += wanted
        }
    }
}
