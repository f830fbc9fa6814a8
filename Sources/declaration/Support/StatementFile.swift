import DeclarationRegistry
import Foundation

/// Reading and writing the files users pass around: statements and
/// checkpoints.
enum StatementFile {
    /// The largest statement or checkpoint file read: far above any real
    /// one, small enough that a hostile file cannot exhaust memory.
    static let limit = 1 << 20

    /// Reads a file's bytes, with errors that name it.
    static func readBytes(_ path: String) throws -> [UInt8] {
        try FileAccess.read(path, limit: limit)
    }

    /// Reads and checks a statement file (form only; the registry checks
    /// the rest when appending).
    static func read(_ path: String) throws -> Statement {
        let bytes = try readBytes(path)
        do {
            return try Statement(fileBytes: bytes)
        } catch {
            throw CommandFailure(message: "\(path): not a valid statement: \(error)", code: ExitStatus.badInput)
        }
    }

    /// Reads and checks every file of `paths`, on every core, and returns
    /// the statements in the same order; the error is the one reading them
    /// in order would meet first. A batch of a thousand statements spends
    /// more time parsing and checking their fields than anything else.
    static func readAll(_ paths: [String]) throws -> [Statement] {
        let results = ResultSlots<Statement>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.store(index, Result { try read(paths[index]) })
        }
        return try results.values()
    }

    /// Writes a statement file, refusing to overwrite one.
    static func write(_ statement: Statement, to path: String) throws {
        try FileAccess.createNew(path, bytes: statement.fileBytes)
    }
}

/// One result per index, written from several threads.
///
/// `@unchecked Sendable` is safe because every slot is written under the
/// lock, by one thread each, and read only after every writer is done.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ index: Int, _ result: Result<Value, any Error>) {
        lock.withLock { slots[index] = result }
    }

    /// The values in order, or the first error in order.
    func values() throws -> [Value] {
        try lock.withLock { slots }.map { slot in
            guard let slot else { throw CommandFailure(message: "a statement file was not read", code: ExitStatus.ioError) }
            return try slot.get()
        }
    }
}
