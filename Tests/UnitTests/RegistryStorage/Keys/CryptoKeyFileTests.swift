import CryptoPrimitives
import Foundation
import RegistryStorage
import Testing
import TestSupport

@Suite struct CryptoKeyFileTests {
    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func writesAPairWithTheRightModes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registrar")
        let key = try Ed25519PrivateKey()
        let written = try KeyFile.write(key, to: path)
        #expect(written == KeyFile.WrittenPaths(privateKey: path, publicKey: path + ".pub"))
        #expect(try permissions(path) == 0o600)
        #expect(try permissions(path + ".pub") == 0o644)
        #expect(try KeyFile.readPrivateKey(at: path).publicKey == key.publicKey)
        #expect(try KeyFile.readPublicKey(at: path + ".pub") == key.publicKey)
    }

    @Test func encryptedPairRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("signatory")
        let key = try Ed25519PrivateKey()
        try KeyFile.write(key, to: path, passphrase: Array("a passphrase".utf8))
        #expect(throws: KeyFileError.invalidKey(path: path, .passphraseRequired)) {
            try KeyFile.readPrivateKey(at: path)
        }
        #expect(throws: KeyFileError.invalidKey(path: path, .wrongPassphrase)) {
            try KeyFile.readPrivateKey(at: path, passphrase: Array("another".utf8))
        }
        let loaded = try KeyFile.readPrivateKey(at: path, passphrase: Array("a passphrase".utf8))
        #expect(loaded.publicKey == key.publicKey)
    }

    @Test func refusesToOverwriteAPrivateKey() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("key")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: KeyFileError.alreadyExists(path: path)) {
            try KeyFile.write(try Ed25519PrivateKey(), to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        #expect(!FileManager.default.fileExists(atPath: path + ".pub"))
    }

    @Test func refusesToOverwriteAPublicKeyAndLeavesNoHalfPair() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("key")
        try Data("old public key".utf8).write(to: URL(fileURLWithPath: path + ".pub"))
        #expect(throws: KeyFileError.alreadyExists(path: path + ".pub")) {
            try KeyFile.write(try Ed25519PrivateKey(), to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try String(contentsOfFile: path + ".pub", encoding: .utf8) == "old public key")
    }

    @Test func refusesAnExistingSymbolicLink() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path("elsewhere")
        let path = directory.path("key")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        #expect(throws: KeyFileError.alreadyExists(path: path)) {
            try KeyFile.write(try Ed25519PrivateKey(), to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func missingDirectoryIsReportedWithThePath() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("no/such/dir/key")
        #expect {
            try KeyFile.write(try Ed25519PrivateKey(), to: path)
        } throws: { error in
            guard case .cannotWrite(let failure) = error as? KeyFileError else { return false }
            return failure.path == path
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o620, 0o602])
    func refusesAPrivateKeyOthersCanReach(mode: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("key")
        try KeyFile.write(try Ed25519PrivateKey(), to: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let expected = KeyFileError.permissionsTooOpen(path: path, mode: UInt32(mode))
        #expect(throws: expected) {
            try KeyFile.readPrivateKey(at: path)
        }
        #expect(expected.description.contains("run `chmod 600 \(path)`"))
        #expect(expected.description.contains("(mode 0\(String(mode, radix: 8)))"))
    }

    @Test func permissionMessageSaysWhoCanRead() {
        #expect(KeyFileError.permissionsTooOpen(path: "keys/k", mode: 0o644).description
            == "keys/k is readable by others (mode 0644); run `chmod 600 keys/k`")
        #expect(KeyFileError.permissionsTooOpen(path: "keys/k", mode: 0o640).description
            == "keys/k is readable by its group (mode 0640); run `chmod 600 keys/k`")
    }

    @Test func acceptsAReadOnlyPrivateKey() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("key")
        let key = try Ed25519PrivateKey()
        try KeyFile.write(key, to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        #expect(try KeyFile.readPrivateKey(at: path).publicKey == key.publicKey)
    }

    @Test func missingFileIsReportedWithThePath() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("absent")
        #expect {
            try KeyFile.readPublicKey(at: path)
        } throws: { error in
            guard case .cannotRead(let failure) = error as? KeyFileError else { return false }
            return failure.path == path && failure.reason.contains("No such file")
        }
    }

    @Test func wrongContentsCarryThePath() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("key.pub")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        let expected = KeyFileError.invalidKey(path: path, .notPEMKey(expected: "PUBLIC KEY", found: nil))
        #expect(throws: expected) { try KeyFile.readPublicKey(at: path) }
        #expect(expected.description.hasPrefix(path + ": "))
    }

    @Test(arguments: [
        ("secret\n", "secret"),
        ("secret", "secret"),
        ("two words\nsecond line\n", "two words"),
        ("ends with cr\r\n", "ends with cr\r"),
    ])
    func passphraseIsTheFirstLine(contents: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("passphrase")
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try KeyFile.readPassphrase(at: path) == Array(expected.utf8))
    }

    @Test(arguments: ["", "\n", "\nsecond line"])
    func emptyPassphraseIsRefused(contents: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("passphrase")
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: KeyFileError.emptyPassphrase(path: path)) {
            try KeyFile.readPassphrase(at: path)
        }
    }
}
