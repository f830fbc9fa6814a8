import DeclarationRegistry
import RegistryFormat
import RegistryStorage

/// Reading and writing the files users pass around: statements and
/// checkpoints.
enum StatementFile {
    /// The largest statement or checkpoint file read: far above any real
    /// one, small enough that a hostile file cannot exhaust memory.
    static let limit = 1 << 20

    /// Reads a file's bytes, with errors that name it.
    static func readBytes(_ path: String) throws(CommandError) -> [UInt8] {
        do {
            return try FileSystem.read(path, limit: limit)
        } catch {
            throw .storage(error)
        }
    }

    /// Reads and checks a statement file (form only; the registry checks
    /// the rest when appending).
    static func read(_ path: String) throws(CommandError) -> Statement {
        let bytes = try readBytes(path)
        // The parser's messages quote the file; never quote a private key
        // handed over by mistake.
        if KeyMaterial.appears(in: bytes) {
            throw .failure(message: "\(path): this file holds a private key, not a signed statement; nothing of it is shown. Pass the statement file written by `declaration sign --out`, and keep private keys to yourself",
                           code: ExitStatus.badInput)
        }
        do {
            return try Statement(fileBytes: bytes)
        } catch {
            throw .failure(message: "\(path): not a valid statement: \(error)", code: ExitStatus.badInput)
        }
    }

    /// Reads and checks every file of `paths`, on every core, and returns
    /// the statements in the same order; the error is the one reading them
    /// in order would meet first. A batch of a thousand statements spends
    /// more time parsing and checking their fields than anything else.
    static func readAll(_ paths: [String]) throws(CommandError) -> [Statement] {
        let results = Parallel.slices(of: paths.count) { range in
            range.map { index in Result { () throws(CommandError) -> Statement in try read(paths[index]) } }
        }
        var statements: [Statement] = []
        statements.reserveCapacity(paths.count)
        for result in results.joined() {
            statements.append(try result.get())
        }
        return statements
    }

    /// Writes a statement file, refusing to overwrite anything unless
    /// `replacing` (`--force`), and then only a regular file.
    static func write(_ statement: Statement, to path: String, replacing: Bool) throws(CommandError) {
        try OutputFile.write(statement.fileBytes, to: path, replacing: replacing)
    }
}
