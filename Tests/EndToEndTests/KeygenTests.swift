import CryptoPrimitives
import Foundation
import RegistryStorage
import Testing
import TestSupport

@Suite struct KeygenTests {
    @Test func writesAKeyPairAndPrintsTheKeyID() throws {
        let directory = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["keygen", "--out", "registrar"], directory: directory.url)
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)

        let privatePath = directory.path("registrar")
        let attributes = try FileManager.default.attributesOfItem(atPath: privatePath)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let key = try KeyFile.readPrivateKey(at: privatePath)
        #expect(try KeyFile.readPublicKey(at: privatePath + ".pub") == key.publicKey)
        #expect(result.standardOutput == "Key id: \(key.publicKey.keyID)\nPublic key: registrar.pub\n"
                + "Private key: registrar, not encrypted; keep it secret.\n")
        // The private key never reaches the terminal.
        let pem = try String(contentsOfFile: privatePath, encoding: .utf8)
        let body = pem.split(separator: "\n")[1]
        #expect(!result.standardOutput.contains(body))
    }

    @Test func encryptsWithAPassphraseFile() throws {
        let directory = try TemporaryDirectory()
        try Data("a long passphrase\n".utf8).write(to: directory.url.appendingPathComponent("pass"))
        let result = try DeclarationProcess.run(
            ["keygen", "--out", "k", "--passphrase-file", "pass"], directory: directory.url
        )
        #expect(result.status == 0)
        let pem = try String(contentsOfFile: directory.path("k"), encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let key = try KeyFile.readPrivateKey(at: directory.path("k"), passphrase: Array("a long passphrase".utf8))
        #expect(result.standardOutput.contains(key.publicKey.keyID))
    }

    @Test func refusesToOverwrite() throws {
        let directory = try TemporaryDirectory()
        let first = try DeclarationProcess.run(["keygen", "--out", "k"], directory: directory.url)
        #expect(first.status == 0)
        let before = try String(contentsOfFile: directory.path("k"), encoding: .utf8)

        try FileManager.default.removeItem(atPath: directory.path("k.pub"))
        let second = try DeclarationProcess.run(["keygen", "--out", "k"], directory: directory.url)
        #expect(second.status == 73)
        #expect(second.standardOutput.isEmpty)
        #expect(second.standardError.hasPrefix("error: k already exists and is never overwritten"))
        #expect(second.standardError.filter { $0 == "\n" }.count == 1)
        #expect(try String(contentsOfFile: directory.path("k"), encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.path("k.pub")))
    }

    @Test func missingPassphraseFileIsAOneLineError() throws {
        let directory = try TemporaryDirectory()
        let result = try DeclarationProcess.run(
            ["keygen", "--out", "k", "--passphrase-file", "absent"], directory: directory.url
        )
        #expect(result.status == 66)
        #expect(result.standardError.hasPrefix("error: absent does not exist: check the path."))
        #expect(result.standardError.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.path("k")))
    }

    @Test func missingOutIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        let result = try DeclarationProcess.run(["keygen"], directory: directory.url)
        #expect(result.status == 64)
        #expect(result.standardError.contains("--out"))
    }

    @Test func helpDocumentsTheOptionsNotEveryExitCode() throws {
        let result = try DeclarationProcess.run(["keygen", "--help"])
        #expect(result.status == 0)
        // The table is the root command's (`declaration --help`), once.
        #expect(!result.standardOutput.contains("EXIT CODES"))
        #expect(result.standardOutput.contains("--passphrase-file"))
    }
}
