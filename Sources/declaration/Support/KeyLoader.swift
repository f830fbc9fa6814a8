import CryptoPrimitives
import DeclarationRegistry
import RegistryFormat
import RegistryStorage

/// Loads private keys for the commands, asking for a passphrase on the
/// terminal when the key is encrypted and no passphrase file was given.
enum KeyLoader {
    /// Loads the private key at `path`.
    static func loadPrivateKey(at path: String, passphraseFile: String?, language: Language = .en) throws(CommandError) -> Ed25519PrivateKey {
        do {
            return try readPrivateKey(at: path, passphraseFile: passphraseFile, language: language)
        } catch {
            throw .keyFile(error)
        }
    }

    /// How often a mistyped passphrase is asked for again.
    private static let passphraseAttempts = 3

    private static func readPrivateKey(at path: String, passphraseFile: String?, language: Language) throws(KeyFileError) -> Ed25519PrivateKey {
        if let passphraseFile {
            return try KeyFile.readPrivateKey(at: path, passphrase: try KeyFile.readPassphrase(at: passphraseFile))
        }
        let result = Result { () throws(KeyFileError) -> Ed25519PrivateKey in try KeyFile.readPrivateKey(at: path) }
        guard case .failure(let error) = result, error == .invalidKey(path: path, .passphraseRequired) else {
            return try result.get()
        }
        var attempt = 1
        while true {
            let prompt = Message.promptPassphrase.text(in: language, ["path": path])
            guard var typed = Terminal.readPassphrase(prompt: prompt) else { throw error }
            // Do not leave the passphrase in freed memory.
            defer { for index in typed.indices { typed[index] = 0 } }
            do {
                return try KeyFile.readPrivateKey(at: path, passphrase: typed)
            } catch {
                guard error == .invalidKey(path: path, .wrongPassphrase), attempt < passphraseAttempts else { throw error }
                Terminal.standardError(Message.passphraseWrong.text(in: language, ["path": path]))
                attempt += 1
            }
        }
    }

    /// Loads the registrar key at `path`, or makes one there (with
    /// `path.pub`) when no file exists yet.
    static func loadOrCreateRegistrarKey(at path: String, passphraseFile: String?) throws(CommandError) -> (key: Ed25519PrivateKey, created: Bool) {
        if FileSystem.exists(path) {
            return (try loadPrivateKey(at: path, passphraseFile: passphraseFile), false)
        }
        var passphrase: [UInt8]?
        do {
            if let passphraseFile { passphrase = try KeyFile.readPassphrase(at: passphraseFile) }
        } catch {
            throw .keyFile(error)
        }
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey()
        } catch {
            throw .crypto(error)
        }
        do {
            try KeyFile.write(key, to: path, passphrase: passphrase)
        } catch {
            throw .keyFile(error)
        }
        return (key, true)
    }
}
