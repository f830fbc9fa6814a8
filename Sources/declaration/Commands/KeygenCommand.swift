import ArgumentParser
import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// `declaration keygen`: creates an Ed25519 key pair in two new files.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create an Ed25519 key pair: FILE (private, mode 0600) and FILE.pub (public).",
        discussion: """
            The private key is written in PKCS#8 PEM, encrypted with AES-256-CBC (PBKDF2-HMAC-SHA256) when \
            it has a passphrase; the public key in SPKI PEM. Both open with the openssl command. On a \
            terminal the passphrase is asked for twice, without echo (Enter for none); elsewhere it comes \
            from --passphrase-file, and without one the key is not encrypted. Existing files are never \
            overwritten. On success the key id and both paths are printed, in --lang, else the locale's \
            language (LC_ALL, LC_MESSAGES, LANG), else English.
            """)

    @Option(help: ArgumentHelp("Where to write the private key; the public key goes to FILE.pub.", valueName: "file"))
    var out: String

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "Encrypt the private key with the passphrase on the first line of this file.", valueName: "file"))
    var passphraseFile: String?

    @Flag(name: .customLong("no-passphrase"), help: "Do not encrypt the private key, and do not ask for a passphrase.")
    var noPassphrase = false

    @Option(help: "The language of the prompts and messages (default: the locale's, else en).")
    var lang: Language?

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a file name") }
        if noPassphrase && passphraseFile != nil {
            throw ValidationError("Use either --passphrase-file or --no-passphrase, not both.")
        }
    }

    func run() throws {
        let language = InterfaceLanguage.resolve(lang, environment: ProcessInfo.processInfo.environment)
        try runReportingFailures(in: language) { () throws(CommandError) in
            // Refused before a passphrase is typed for nothing; the write
            // itself refuses it again, atomically.
            for path in [out, out + ".pub"] where FileSystem.exists(path) {
                throw .keyFile(.alreadyExists(path: path))
            }
            var passphrase: [UInt8]?
            do throws(KeyFileError) {
                if let passphraseFile { passphrase = try KeyFile.readPassphrase(at: passphraseFile) }
            } catch {
                throw .keyFile(error)
            }
            if passphraseFile == nil && !noPassphrase && Terminal.isInteractive {
                passphrase = try Self.askNewPassphrase(in: language)
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
            let done = Message.keygenDone.text(in: language, ["path": out, "publicPath": paths.publicKey])
            try Terminal.reporting(done) { () throws(CommandError) in
                try Terminal.print(Message.keygenKeyID.text(in: language, ["keyID": key.publicKey.keyID]))
                try Terminal.print(Message.keygenPublicKey.text(in: language, ["path": paths.publicKey]))
                try Terminal.print((passphrase == nil ? Message.keygenPrivateKeyPlain : Message.keygenPrivateKeyEncrypted)
                    .text(in: language, ["path": out]))
            }
        }
    }

    /// Asks for the passphrase twice without echo, until both agree (three
    /// tries); nil when the signatory pressed Enter for none.
    private static func askNewPassphrase(in language: Language) throws(CommandError) -> [UInt8]? {
        for _ in 0..<3 {
            guard var first = Terminal.readPassphrase(prompt: Message.promptNewPassphrase.text(in: language)) else {
                return nil
            }
            if first.isEmpty { return nil }
            guard var second = Terminal.readPassphrase(prompt: Message.promptNewPassphraseAgain.text(in: language)) else {
                throw .failure(message: Message.inputEnded.text(in: language), code: ExitStatus.usage)
            }
            defer { for index in second.indices { second[index] = 0 } }
            if first == second { return first }
            for index in first.indices { first[index] = 0 }
            Terminal.standardError(Message.passphrasesDiffer.text(in: language))
        }
        throw .failure(message: Message.passphraseGivenUp.text(in: language), code: ExitStatus.usage)
    }
}
