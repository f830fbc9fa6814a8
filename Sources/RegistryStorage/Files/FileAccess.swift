/// Reading and creating the files users hand to the tool (statements,
/// checkpoints, exports), with errors that name the file.
public enum FileAccess {
    /// Reads a regular file, refusing one larger than `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(StorageError) -> [UInt8] {
        try FileSystem.read(path, limit: limit)
    }

    /// Creates a new file holding `bytes`, synced to disk; refuses to
    /// overwrite an existing file.
    public static func createNew(_ path: String, bytes: [UInt8], mode: UInt32 = 0o644) throws(StorageError) {
        try FileSystem.createNew(path, bytes: bytes, mode: mode)
    }

    /// Replaces (or creates) a file atomically: readers see the old or the
    /// new content, never a part.
    public static func replace(_ path: String, bytes: [UInt8], mode: UInt32 = 0o644) throws(StorageError) {
        try FileSystem.replaceAtomically(path, bytes: bytes, mode: mode)
    }

    /// Whether anything exists at `path`.
    public static func exists(_ path: String) -> Bool {
        FileSystem.exists(path)
    }
}
