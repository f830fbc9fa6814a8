import ArgumentParser
import DeclarationRegistry
import Foundation

/// `declaration keygen`: creates an Ed25519 key pair in two new files.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create an Ed25519 key pair: FILE (private, mode 0600) and FILE.pub (public).",
        discussion: """
        The private key is written in PKCS#8 PEM, encrypted with AES-256-CBC \
        (PBKDF2-HMAC-SHA256) when --passphrase-file is given; the public key in \
        SPKI PEM. Both open with the openssl command. Existing files are never \
        overwritten. On success the key id and the public key's path are printed.

        Exit codes:
          0   both files were written
          1   nothing written: a file exists or cannot be read or written
          64  the command line is invalid
          70  nothing written: OpenSSL could not make the key
        """
    )

    @Option(name: .long, help: ArgumentHelp("Where to write the private key; the public key goes to FILE.pub.", valueName: "FILE"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Encrypt the private key with the passphrase on the first line of this file.", valueName: "FILE"))
    var passphraseFile: String?

    func validate() throws {
        guard !out.isEmpty else {
            throw ValidationError("--out needs a file name")
        }
    }

    func run() throws {
        do throws(KeygenFailure) {
            try generate()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw error.exitCode
        }
    }

    private func generate() throws(KeygenFailure) {
        var passphrase: [UInt8]?
        defer {
            // Do not leave the passphrase in freed memory.
            // (Optional chaining writes in place; a copy would be wiped instead.)
            for index in 0..<(passphrase?.count ?? 0) { passphrase?[index] = 0 }
        }
        do {
            if let passphraseFile {
                passphrase = try KeyFile.readPassphrase(at: passphraseFile)
            }
        } catch {
            throw .file(error)
        }
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey()
        } catch {
            throw .crypto(error)
        }
        let paths: KeyFile.WrittenPaths
        do {
            paths = try KeyFile.write(key, to: out, passphrase: passphrase)
        } catch {
            throw .file(error)
        }
        print("key id: \(key.publicKey.keyID)")
        print("public key: \(paths.publicKey)")
    }
}

/// Why `keygen` failed, and the exit code for it (documented in the help).
enum KeygenFailure: Error, CustomStringConvertible {
    /// A file could not be read or written, or already exists.
    case file(KeyFileError)
    /// OpenSSL could not make a key.
    case crypto(CryptoError)

    var description: String {
        switch self {
        case .file(let error): return error.description
        case .crypto(let error): return error.description
        }
    }

    /// ArgumentParser itself exits with 64 for a bad command line.
    var exitCode: ExitCode {
        switch self {
        case .file: return ExitCode(1)
        case .crypto: return ExitCode(70)
        }
    }
}
