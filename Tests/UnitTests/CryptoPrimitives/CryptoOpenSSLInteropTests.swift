import CryptoPrimitives
import Foundation
import RegistryStorage
import Testing
import TestSupport

/// The `openssl` command, for checking that keys and signatures made here
/// are the ones OpenSSL makes and accepts, and the other way round.
enum OpenSSLTool {
    /// The `openssl` executable on PATH, or nil.
    static let url: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("openssl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        // Said once, so a run without openssl shows why tests were skipped.
        print("note: the openssl command is not on PATH; OpenSSL interoperability tests are skipped")
        return nil
    }()

    static var isAvailable: Bool { url != nil }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs `openssl` with `arguments` in `directory`.
    @discardableResult
    static func run(_ arguments: [String], in directory: TemporaryDirectory) throws -> Result {
        let executable: URL = try #require(url)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory.url
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // openssl's outputs here are small, well under a pipe's buffer.
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            error: String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    /// Runs `openssl` and requires it to succeed.
    @discardableResult
    static func require(_ arguments: [String], in directory: TemporaryDirectory) throws -> Result {
        let result = try run(arguments, in: directory)
        #expect(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.error)")
        return result
    }
}

// Skipped (with the note above) only where the openssl command is missing.
@Suite(.enabled(if: OpenSSLTool.isAvailable, "needs the openssl command"))
struct CryptoOpenSSLInteropTests {
    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func signatureMadeHereVerifiesInOpenSSL() throws {
        let directory = try TemporaryDirectory()
        try OpenSSLTool.require(["genpkey", "-algorithm", "ed25519", "-out", "k"], in: directory)
        try OpenSSLTool.require(["pkey", "-in", "k", "-pubout", "-out", "k.pub"], in: directory)
        let key = try Ed25519PrivateKey(
            pemRepresentation: String(contentsOfFile: directory.path("k"), encoding: .utf8)
        )
        // The public key read here equals the one OpenSSL derives.
        #expect(key.publicKey == (try KeyFile.readPublicKey(at: directory.path("k.pub"))))
        let message = Array("Subnational Open Government Declaration\n".utf8)
        try write(message, to: directory.path("msg"))
        try write(try key.signature(for: message), to: directory.path("sig"))
        let result = try OpenSSLTool.run(
            ["pkeyutl", "-verify", "-pubin", "-inkey", "k.pub", "-rawin", "-in", "msg", "-sigfile", "sig"],
            in: directory
        )
        #expect(result.status == 0)
        #expect(result.output.contains("Signature Verified Successfully"))

        // And OpenSSL does say no to a signature of something else.
        try write(Array("something else".utf8), to: directory.path("other"))
        let refused = try OpenSSLTool.run(
            ["pkeyutl", "-verify", "-pubin", "-inkey", "k.pub", "-rawin", "-in", "other", "-sigfile", "sig"],
            in: directory
        )
        #expect(refused.status != 0)
    }

    @Test func signatureMadeByOpenSSLVerifiesHere() throws {
        let directory = try TemporaryDirectory()
        try OpenSSLTool.require(["genpkey", "-algorithm", "ed25519", "-out", "k"], in: directory)
        try OpenSSLTool.require(["pkey", "-in", "k", "-pubout", "-out", "k.pub"], in: directory)
        let message = Array("signed by openssl".utf8)
        try write(message, to: directory.path("msg"))
        try OpenSSLTool.require(
            ["pkeyutl", "-sign", "-rawin", "-inkey", "k", "-in", "msg", "-out", "sig"], in: directory
        )
        let signature = try [UInt8](Data(contentsOf: directory.url.appendingPathComponent("sig")))
        let publicKey = try KeyFile.readPublicKey(at: directory.path("k.pub"))
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(signature, for: message + [0x0a]))
    }

    @Test func keyMadeHereLoadsInOpenSSL() throws {
        let directory = try TemporaryDirectory()
        let key = try Ed25519PrivateKey()
        try KeyFile.write(key, to: directory.path("k"))
        let text = try OpenSSLTool.require(["pkey", "-in", "k", "-noout", "-text"], in: directory)
        #expect(text.output.contains("ED25519 Private-Key"))
        // OpenSSL derives the same public key file, byte for byte.
        let derived = try OpenSSLTool.require(["pkey", "-in", "k", "-pubout"], in: directory)
        #expect(derived.output == (try String(contentsOfFile: directory.path("k.pub"), encoding: .utf8)))
        // And rewrites the private key identically: same PKCS#8 encoding.
        let rewritten = try OpenSSLTool.require(["pkey", "-in", "k"], in: directory)
        #expect(rewritten.output == (try String(contentsOfFile: directory.path("k"), encoding: .utf8)))
    }

    @Test func encryptedKeyMadeHereOpensInOpenSSL() throws {
        let directory = try TemporaryDirectory()
        try write("open sesame\n", to: directory.path("pass"))
        let key = try Ed25519PrivateKey()
        try KeyFile.write(key, to: directory.path("k"), passphrase: KeyFile.readPassphrase(at: directory.path("pass")))
        let derived = try OpenSSLTool.require(
            ["pkey", "-in", "k", "-passin", "file:pass", "-pubout"], in: directory
        )
        #expect(derived.output == key.publicKey.pemRepresentation)
        // The scheme is the one `openssl genpkey -aes256` uses.
        let structure = try OpenSSLTool.require(["asn1parse", "-in", "k"], in: directory)
        for name in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] {
            #expect(structure.output.contains(name))
        }
        try write("not it\n", to: directory.path("wrong"))
        let refused = try OpenSSLTool.run(["pkey", "-in", "k", "-passin", "file:wrong", "-noout"], in: directory)
        #expect(refused.status != 0)
    }

    @Test func encryptedKeyMadeByOpenSSLOpensHere() throws {
        let directory = try TemporaryDirectory()
        try write("open sesame\n", to: directory.path("pass"))
        try OpenSSLTool.require(
            ["genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "file:pass", "-out", "k"], in: directory
        )
        try OpenSSLTool.require(["pkey", "-in", "k", "-passin", "file:pass", "-pubout", "-out", "k.pub"], in: directory)
        let passphrase = try KeyFile.readPassphrase(at: directory.path("pass"))
        let key = try KeyFile.readPrivateKey(at: directory.path("k"), passphrase: passphrase)
        #expect(key.publicKey == (try KeyFile.readPublicKey(at: directory.path("k.pub"))))
        #expect(throws: KeyFileError.invalidKey(path: directory.path("k"), .wrongPassphrase)) {
            try KeyFile.readPrivateKey(at: directory.path("k"), passphrase: Array("nope".utf8))
        }
    }

    @Test func scryptEncryptedKeyOpensHere() throws {
        let directory = try TemporaryDirectory()
        try write("scrypt pass\n", to: directory.path("pass"))
        try OpenSSLTool.require(["genpkey", "-algorithm", "ed25519", "-out", "plain"], in: directory)
        try OpenSSLTool.require(
            ["pkcs8", "-topk8", "-scrypt", "-v2", "aes-256-cbc", "-in", "plain", "-passout", "file:pass", "-out", "k"],
            in: directory
        )
        let plain = try Ed25519PrivateKey(
            pemRepresentation: String(contentsOfFile: directory.path("plain"), encoding: .utf8)
        )
        let opened = try Ed25519PrivateKey(
            pemRepresentation: String(contentsOfFile: directory.path("k"), encoding: .utf8),
            passphrase: Array("scrypt pass".utf8)
        )
        #expect(opened.publicKey == plain.publicKey)
    }

    @Test(arguments: [
        (["genpkey", "-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "k"], "RSA"),
        (["genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k"], "EC (prime256v1)"),
        (["genpkey", "-algorithm", "ed448", "-out", "k"], "ED448"),
    ])
    func otherKeyTypesAreNamed(arguments: [String], found: String) throws {
        let directory = try TemporaryDirectory()
        try OpenSSLTool.require(arguments, in: directory)
        try OpenSSLTool.require(["pkey", "-in", "k", "-pubout", "-out", "k.pub"], in: directory)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.path("k"))
        let expected = CryptoError.wrongKeyType(expected: "Ed25519", found: found)
        #expect(throws: KeyFileError.invalidKey(path: directory.path("k"), expected)) {
            try KeyFile.readPrivateKey(at: directory.path("k"))
        }
        #expect(throws: KeyFileError.invalidKey(path: directory.path("k.pub"), expected)) {
            try KeyFile.readPublicKey(at: directory.path("k.pub"))
        }
    }
}
