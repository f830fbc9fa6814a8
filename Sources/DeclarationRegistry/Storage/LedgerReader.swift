import Glibc

/// One complete line of the ledger file.
struct LedgerLine {
    /// The line's number, from 1.
    var number: Int
    /// Where the line starts in the file.
    var offset: Int
    /// The line's bytes, without the line feed.
    var bytes: [UInt8]
}

/// Reads the ledger one line at a time, in large chunks, so memory stays
/// flat however long the ledger grows.
final class LedgerReader {
    let path: String
    private let descriptor: Int32
    private let limit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var consumed = 0
    private var lineNumber = 0
    private var reachedEnd = false

    /// Opens the ledger to read its first `limit` bytes (all of it when nil).
    init(path: String, limit: Int? = nil) throws(StorageError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "opening the ledger", code: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw StorageError(path: path, operation: "reading the ledger (it is not a regular file)", code: EISDIR)
        }
        self.path = path
        self.descriptor = descriptor
        self.limit = limit ?? Int.max
    }

    deinit {
        close(descriptor)
    }

    /// The next complete line, or nil at the end. Bytes after the last line
    /// feed are not a line: `trailingBytes` tells how many there were.
    func next() throws(StorageError) -> LedgerLine? {
        while true {
            if let newline = findNewline() {
                let bytes = Array(buffer[start..<newline])
                let line = LedgerLine(number: lineNumber + 1, offset: consumed, bytes: bytes)
                lineNumber += 1
                consumed += newline - start + 1
                start = newline + 1
                return line
            }
            if reachedEnd { return nil }
            try fill()
        }
    }

    /// The bytes left after the last complete line once reading is done:
    /// a torn write when not zero.
    var trailingBytes: [UInt8] {
        Array(buffer[start...])
    }

    /// How many bytes of complete lines have been returned.
    var completeLength: Int { consumed }

    private func findNewline() -> Int? {
        buffer.withUnsafeBufferPointer { pointer -> Int? in
            guard start < pointer.count, let base = pointer.baseAddress else { return nil }
            guard let found = memchr(base + start, 0x0A, pointer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func fill() throws(StorageError) {
        if start > 0 {
            buffer.removeSubrange(..<start)
            start = 0
        }
        let alreadyRead = consumed + buffer.count
        let wanted = min(1 << 20, limit - alreadyRead)
        guard wanted > 0 else {
            reachedEnd = true
            return
        }
        var failure: Int32 = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: wanted) { storage, initialized in
            var count = 0
            repeat {
                count = Glibc.read(descriptor, storage.baseAddress, wanted)
            } while count < 0 && errno == EINTR
            if count < 0 { failure = errno }
            initialized = max(count, 0)
        }
        if failure != 0 {
            throw StorageError(path: path, operation: "reading the ledger", code: failure)
        }
        if chunk.isEmpty { reachedEnd = true }
        buffer.append(contentsOf: chunk)
    }
}
