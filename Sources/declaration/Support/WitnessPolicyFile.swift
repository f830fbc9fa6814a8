import RegistryStorage
import TransparencyLog

/// A witness policy file the user names (`init --policy`, `witness policy --set`).
enum WitnessPolicyFile {
    /// The file's bytes, refused past the largest policy a parser reads.
    static func read(_ path: String) throws(CommandError) -> [UInt8] {
        do {
            return try FileSystem.read(path, limit: WitnessPolicy.maximumByteCount)
        } catch {
            throw .storage(error)
        }
    }
}
