import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import RegistryStorage

/// `declaration keygen`: creates an Ed25519 key pair in two new files.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create an Ed25519 key pair: FILE (private, mode 0600) and FILE.pub (public).",
        discussion: """
            The private key is written in PKCS#8 PEM, encrypted with AES-256-CBC (PBKDF2-HMAC-SHA256) when \
            --passphrase-file is given; the public key in SPKI PEM. Both open with the openssl command. \
            Existing files are never overwritten. On success the key id and the public key's path are printed.
            """)

    @Option(help: ArgumentHelp("Where to write the private key; the public key goes to FILE.pub.", valueName: "file"))
    var out: String

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "Encrypt the private key with the passphrase on the first line of this file.", valueName: "file"))
    var passphraseFile: String?

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a file name") }
    }

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            var passphrase: [UInt8]?
            do throws(KeyFileError) {
                if let passphraseFile { passphrase = try KeyFile.readPassphrase(at: passphraseFile) }
            } catch {
                throw .keyFile(error)
            }
            // Do not leave the passphrase in freed memory.
            defer { for index in 0..<(passphrase?.count ?? 0) { passphrase?[index] = 0 } }
            let key: Ed25519PrivateKey
            do throws(CryptoError) {
                key = try Ed25519PrivateKey()
            } catch {
                throw .crypto(error)
            }
            let paths: KeyFile.WrittenPaths
            do throws(KeyFileError) {
                paths = try KeyFile.write(key, to: out, passphrase: passphrase)
            } catch {
                throw .keyFile(error)
            }
            try Terminal.reporting("the key pair is written to \(out) and \(paths.publicKey)") { () throws(CommandError) in
                try Terminal.print("key id: \(key.publicKey.keyID)")
                try Terminal.print("public key: \(paths.publicKey)")
            }
        }
    }
}
