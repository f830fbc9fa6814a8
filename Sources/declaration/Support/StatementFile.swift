import DeclarationRegistry

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

    /// Writes a statement file, refusing to overwrite one.
    static func write(_ statement: Statement, to path: String) throws {
        try FileAccess.createNew(path, bytes: statement.fileBytes)
    }
}
