import DeclarationRegistry
import RegistryStorage

/// The files the commands write for their users (`--out`,
/// `--save-checkpoint`), through the storage layer's `writeOutput`: whole or
/// not at all, never over an existing file unless asked, and then only over
/// a regular file.
enum OutputFile {
    /// Writes `bytes` to `path`; with `replacing`, a regular file already
    /// there is replaced, and anything else there is refused (exit 73).
    /// `option` is how the user asks for a replacement (`--force`), named
    /// in the message when the file exists.
    static func write(_ bytes: [UInt8], to path: String, replacing: Bool, option: String = "--force") throws(CommandError) {
        do {
            try FileSystem.writeOutput(path, bytes: bytes, replacingExisting: replacing)
        } catch where error.isAlreadyExisting {
            let advice = replacing ? "something was created there meanwhile; try again" : "pass \(option) to replace it, or choose another file"
            throw .failure(message: "\(path) already exists; nothing was written: \(advice)", code: ExitStatus.cannotCreate)
        } catch {
            throw .storage(error)
        }
    }

    /// Writes an export's list to `path` and, for CSV, its provenance file
    /// beside it, as `write` does: refused whole (exit 73) when either exists
    /// and `replacing` is not given, and nothing new is left on a failure.
    static func write(_ exported: (list: [UInt8], provenance: [UInt8]?), to path: String, replacing: Bool) throws(CommandError) {
        do {
            try SignatoryExport.write(exported, to: path, replacingExisting: replacing)
        } catch where error.isAlreadyExisting {
            let advice = replacing ? "something was created there meanwhile; try again" : "pass --force to replace it, or choose another file"
            throw .failure(message: "\(error.path) already exists; nothing was written: \(advice)", code: ExitStatus.cannotCreate)
        } catch {
            throw .storage(error)
        }
    }
}
