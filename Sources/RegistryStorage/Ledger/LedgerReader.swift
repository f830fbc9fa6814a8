// Only the C library's vectorised byte search, for finding line ends;
// the file itself is read through `FileDescriptor`.
import func Glibc.memchr
import RegistryFormat

/// One complete line of the ledger file.
package struct LedgerLine {
    /// The line's number, from 1.
    package var number: Int
    /// Where the line starts in the file.
    package var offset: Int
    /// The line's bytes, without the line feed.
    package var bytes: [UInt8]

    /// Line `number`, at `offset` in its file, holding `bytes`.
    package init(number: Int, offset: Int, bytes: [UInt8]) {
        self.number = number
        self.offset = offset
        self.bytes = bytes
    }
}

/// Consecutive complete lines of the ledger read together, in one buffer:
/// for a pass that only hashes lines, which then costs one copy per chunk
/// read rather than one per line.
package struct LedgerBlock: Sendable {
    /// The number of the block's first line, from 1.
    package var firstLineNumber: Int
    /// The lines, each followed by its line feed.
    package var bytes: [UInt8] = []
    /// Where each line ends in `bytes`: the offset of its line feed.
    package var lineEnds: [Int] = []

    /// An empty block, to read into with `LedgerReader.readBlock(into:maximumLines:)`.
    package init() {
        firstLineNumber = 1
    }

    /// The number of lines.
    package var lineCount: Int { lineEnds.count }

    /// Where line `index` of the block (from 0) is in `bytes`, without its
    /// line feed.
    package func range(ofLine index: Int) -> Range<Int> {
        (index == 0 ? 0 : lineEnds[index - 1] + 1)..<lineEnds[index]
    }
}

/// Reads the ledger one line at a time, in large chunks, so memory stays
/// flat however long the ledger grows, and however long a line claims to
/// be: a line longer than `LedgerLineCodec.maximumLineLength` is an error
/// naming it, found without holding more than that many bytes of it.
package final class LedgerReader {
    let path: String
    private let file: FileDescriptor
    private let limit: Int
    /// Bytes read and not yet returned are `storage[start..<filled]`. The
    /// storage is allocated once (and grown only for a line longer than
    /// it), and `read` writes straight into it: a ledger of many megabytes
    /// then costs no allocation and no copy per chunk, only one per line.
    private var storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var filled = 0
    private var consumed = 0
    private var lineNumber = 0
    private var reachedEnd = false

    /// How much is read at a time; the storage holds one chunk and one
    /// unfinished line.
    private static let chunkSize = 1 << 20

    /// Opens the ledger to read its first `limit` bytes (all of it when nil),
    /// from byte `offset`, which must be where line `firstLine` starts:
    /// how a reader that knows where an earlier pass stopped reads only
    /// the lines after it.
    package init(path: String, limit: Int? = nil, from offset: Int = 0, firstLine: Int = 1) throws(StorageError) {
        let file = try FileDescriptor(path: path, access: .reading, links: .refuse, operation: "opening the ledger")
        guard try file.status(operation: "reading the ledger").isRegularFile else {
            throw StorageError(path: path, operation: "reading the ledger", cause: .notRegularFile)
        }
        self.path = path
        self.file = file
        self.limit = limit ?? Int.max
        self.consumed = offset
        self.lineNumber = firstLine - 1
        self.storage = .allocate(byteCount: Self.chunkSize + LedgerLineCodec.maximumLineLength + 1, alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    /// The next complete line, or nil at the end. Bytes after the last line
    /// feed are not a line: `trailingBytes` tells how many there were.
    package func next() throws(StorageError) -> LedgerLine? {
        while true {
            if let newline = findNewline() {
                guard newline - start <= LedgerLineCodec.maximumLineLength else {
                    throw StorageError(path: path, operation: "reading the ledger",
                                       cause: .lineTooLong(line: lineNumber + 1, limit: LedgerLineCodec.maximumLineLength))
                }
                let bytes = [UInt8](UnsafeRawBufferPointer(rebasing: storage[start..<newline]))
                let line = LedgerLine(number: lineNumber + 1, offset: consumed, bytes: bytes)
                lineNumber += 1
                consumed += newline - start + 1
                start = newline + 1
                return line
            }
            // No line feed yet: refuse a line already past the maximum rather
            // than read (and hold) more of it.
            if filled - start > LedgerLineCodec.maximumLineLength {
                throw StorageError(path: path, operation: "reading the ledger",
                                   cause: .lineTooLong(line: lineNumber + 1, limit: LedgerLineCodec.maximumLineLength))
            }
            if reachedEnd { return nil }
            try fill()
        }
    }

    /// Reads into `block` the complete lines already read into memory, at
    /// most `maximumLines` of them (reading more first when there is none),
    /// and returns whether there was any; false at the end. The block's
    /// buffers are reused from one call to the next, so a pass over a long
    /// ledger allocates nothing per block. Mixing it with `next()` is
    /// allowed: each returns the lines after the last one either returned.
    package func readBlock(into block: inout LedgerBlock, maximumLines: Int) throws(StorageError) -> Bool {
        block.bytes.removeAll(keepingCapacity: true)
        block.lineEnds.removeAll(keepingCapacity: true)
        block.firstLineNumber = lineNumber + 1
        while findNewline() == nil {
            if filled - start > LedgerLineCodec.maximumLineLength {
                throw StorageError(path: path, operation: "reading the ledger",
                                   cause: .lineTooLong(line: lineNumber + 1, limit: LedgerLineCodec.maximumLineLength))
            }
            if reachedEnd { return false }
            try fill()
        }
        guard maximumLines > 0, let base = storage.baseAddress else { return false }
        var lineStart = start
        while block.lineEnds.count < maximumLines, lineStart < filled,
              let found = memchr(base + lineStart, 0x0A, filled - lineStart) {
            let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            guard end - lineStart <= LedgerLineCodec.maximumLineLength else {
                throw StorageError(path: path, operation: "reading the ledger",
                                   cause: .lineTooLong(line: lineNumber + block.lineEnds.count + 1,
                                                       limit: LedgerLineCodec.maximumLineLength))
            }
            block.lineEnds.append(end - start)
            lineStart = end + 1
        }
        block.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: storage[start..<lineStart]))
        lineNumber += block.lineEnds.count
        consumed += lineStart - start
        start = lineStart
        return true
    }

    /// The bytes left after the last complete line once reading is done:
    /// a torn write when not zero.
    package var trailingBytes: [UInt8] {
        [UInt8](UnsafeRawBufferPointer(rebasing: storage[start..<filled]))
    }

    /// Where the lines returned so far end: the offset the reader started
    /// from plus the bytes of complete lines returned.
    package var completeLength: Int { consumed }

    private func findNewline() -> Int? {
        guard start < filled, let base = storage.baseAddress,
              let found = memchr(base + start, 0x0A, filled - start)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    private func fill() throws(StorageError) {
        // Move the unfinished line to the front (memmove: the two may
        // overlap), and make room for a chunk after it; more room only when
        // one line outgrows the storage.
        // The pending bytes are at most the maximum line length (`next`
        // refuses more), far less than the chunk: the storage never grows.
        let pending = filled - start
        if start > 0, pending > 0, let base = storage.baseAddress {
            base.copyMemory(from: base + start, byteCount: pending)
        }
        start = 0
        filled = pending
        let wanted = min(storage.count - filled, limit - (consumed + pending))
        guard wanted > 0, let base = storage.baseAddress else {
            reachedEnd = true
            return
        }
        let count = try file.read(into: UnsafeMutableRawBufferPointer(start: base + filled, count: wanted),
                                  at: consumed + pending, operation: "reading the ledger")
        if count == 0 { reachedEnd = true }
        filled += count
    }
}
