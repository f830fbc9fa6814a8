import CryptoPrimitives

/// Reads and writes Ed25519 keys as files: the private key in PKCS#8 PEM
/// with mode 0600, the public key beside it as `NAME.pub` in SPKI PEM.
///
/// Writing never replaces a file, and reading a private key refuses one
/// that others can read, as ssh does: a key that may have been copied
/// cannot be trusted to sign a public registry.
public enum KeyFile {
    /// Where `write(_:to:passphrase:)` put the two halves of a key.
    public struct WrittenPaths: Sendable, Equatable {
        /// The private key file, mode 0600.
        public var privateKey: String
        /// The public key file, `privateKey` + ".pub", mode 0644.
        public var publicKey: String

        /// Pairs a private key path with its public key path.
        public init(privateKey: String, publicKey: String) {
            self.privateKey = privateKey
            self.publicKey = publicKey
        }
    }

    /// Key files are a few hundred bytes; anything this big is a mistake.
    static let sizeLimit = 64 * 1024

    /// The public key path that goes with a private key path.
    public static func publicKeyPath(forPrivateKeyAt path: String) -> String {
        path + ".pub"
    }

    /// Writes `key` to `path` (mode 0600, encrypted when `passphrase` is
    /// given) and its public key to `path.pub`; refuses if either exists.
    ///
    /// If the public key cannot be written, the private key just created is
    /// removed again, so a failure leaves no half of a pair behind.
    @discardableResult
    public static func write(
        _ key: Ed25519PrivateKey, to path: String, passphrase: [UInt8]? = nil
    ) throws(KeyFileError) -> WrittenPaths {
        let publicPath = publicKeyPath(forPrivateKeyAt: path)
        // Checked first only to fail before creating anything; O_EXCL below
        // is what actually prevents overwriting.
        if FileSystem.exists(publicPath) {
            throw .alreadyExists(path: publicPath)
        }
        let privatePEM: String
        do {
            privatePEM = try key.pemRepresentation(passphrase: passphrase)
        } catch {
            throw .invalidKey(path: path, error)
        }
        try createFile(at: path, contents: Array(privatePEM.utf8), mode: 0o600)
        do {
            try createFile(at: publicPath, contents: Array(key.publicKey.pemRepresentation.utf8), mode: 0o644)
        } catch {
            FileSystem.remove(path)
            throw error
        }
        return WrittenPaths(privateKey: path, publicKey: publicPath)
    }

    /// Writes `key` in SPKI PEM to a new file at `path` (mode 0644).
    public static func write(_ key: Ed25519PublicKey, to path: String) throws(KeyFileError) {
        try createFile(at: path, contents: Array(key.pemRepresentation.utf8), mode: 0o644)
    }

    /// Reads a private key, refusing a file its group or others can access.
    public static func readPrivateKey(
        at path: String, passphrase: [UInt8]? = nil
    ) throws(KeyFileError) -> Ed25519PrivateKey {
        var bytes = try readFile(at: path, requirePrivate: true)
        defer { wipe(&bytes) }
        do {
            return try Ed25519PrivateKey(
                pemRepresentation: String(decoding: bytes, as: UTF8.self), passphrase: passphrase
            )
        } catch {
            throw .invalidKey(path: path, error)
        }
    }

    /// Reads a public key in SPKI PEM.
    public static func readPublicKey(at path: String) throws(KeyFileError) -> Ed25519PublicKey {
        let bytes = try readFile(at: path, requirePrivate: false)
        do {
            return try Ed25519PublicKey(pemRepresentation: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw .invalidKey(path: path, error)
        }
    }

    /// Reads a passphrase: the first line of the file without its "\n".
    ///
    /// Like `openssl … -pass file:PATH`, only the "\n" is removed (a "\r"
    /// before it stays), so the same file opens the key in both tools. The
    /// file may be a pipe, such as `<(pass show registry)`.
    public static func readPassphrase(at path: String) throws(KeyFileError) -> [UInt8] {
        var bytes = try readFile(at: path, requirePrivate: false)
        defer { wipe(&bytes) }
        let line = bytes.firstIndex(of: UInt8(ascii: "\n")).map { bytes[..<$0] } ?? bytes[...]
        guard !line.isEmpty else { throw .emptyPassphrase(path: path) }
        return Array(line)
    }

    // MARK: - Files

    /// Creates the file with exactly `mode`, whatever the umask; never
    /// replaces anything at `path`.
    private static func createFile(at path: String, contents: [UInt8], mode: UInt32) throws(KeyFileError) {
        do {
            try FileSystem.createNew(path, bytes: contents, mode: mode, exactMode: true)
        } catch {
            throw error.isAlreadyExisting ? .alreadyExists(path: path) : .cannotWrite(error)
        }
    }

    /// Reads the file through the one reading loop, with the buffers wiped
    /// (its bytes are a secret) and a private key's kind and permissions
    /// checked before a byte is read. A passphrase file may be a pipe.
    private static func readFile(at path: String, requirePrivate: Bool) throws(KeyFileError) -> [UInt8] {
        let file: FileDescriptor
        do {
            file = try FileDescriptor(path: path, access: .reading)
        } catch {
            throw .cannotRead(error)
        }
        if requirePrivate {
            let status: FileStatus
            do {
                status = try file.status()
            } catch {
                throw .cannotRead(error)
            }
            guard status.isRegularFile else { throw .notRegularFile(path: path) }
            guard status.permissions & 0o077 == 0 else {
                throw .permissionsTooOpen(path: path, mode: status.permissions)
            }
        }
        do {
            return try file.readToEnd(limit: sizeLimit, wiping: true)
        } catch {
            if let limit = error.readLimit { throw .tooLarge(path: path, limit: limit) }
            throw .cannotRead(error)
        }
    }

    /// Overwrites secret bytes before their memory is released.
    private static func wipe(_ bytes: inout [UInt8]) {
        FileDescriptor.wipe(&bytes)
    }
}
