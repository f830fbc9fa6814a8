import Foundation
import Testing
import TestSupport

/// Private keys stay private (never printed, kept 0600, refused when
/// readable by others), passphrases are checked, and Ed25519's edge cases
/// are refused the same way on every path.
@Suite struct KeyHandlingTests {
    /// The secrets of a key file: the PEM body lines of the private key.
    private static func secrets(ofKeyFile path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("-----") && $0.count >= 16 }.map(String.init)
    }

    @Test func noCommandPrintsPrivateKeyMaterial() throws {
        let directory = try TemporaryDirectory()
        let setup = try CommandLineRegistry(in: directory, signers: 4)
        var secrets: [String] = []
        // The seeds CommandLineRegistry made the keys from, in base64 and hex.
        var random = SeededGenerator(seed: 1)
        for _ in 0...setup.signerKeys.count {
            let seed = random.bytes(32)
            secrets.append(Data(seed).base64EncodedString())
            secrets.append(seed.map { String(format: "%02x", $0) }.joined())
        }
        for path in [setup.registrarKey] + setup.signerKeys {
            secrets += try Self.secrets(ofKeyFile: path)
        }
        let registry = ["--registry", setup.registry]
        let fields = ["--kind", "government", "--jurisdiction", "FR", "--representative", "Office", "--title", "Mayor"]
        let statement = directory.path("statement.json")
        let runs: [[String]] = [
            ["keygen", "--out", directory.path("fresh")],
            ["keygen", "--out", directory.path("fresh")], // refuses to overwrite
            ["show", "--lang", "fr"],
            setup.signArguments(0),
            ["sign", "--yes", "--key", setup.signerKeys[1], "--out", statement, "--name", "Lyon"] + registry + fields,
            ["append", "--registrar-key", setup.registrarKey, statement] + registry,
            ["withdraw", "--key", setup.signerKeys[0], "--registrar-key", setup.registrarKey, "--reason", "test"] + registry,
            ["verify"] + registry,
            ["verify", "--format", "json"] + registry,
            ["list", "--all"] + registry,
            ["repair"] + registry,
            // Failures that read a private key where something else belongs.
            ["append", "--registrar-key", setup.registrarKey, setup.signerKeys[2]] + registry,
            ["verify", "--checkpoint", setup.signerKeys[2]] + registry,
            ["sign", "--yes", "--key", setup.signerKeys[2] + ".pub", "--out", directory.path("x.json"), "--name", "Nice"]
                + registry + fields,
            ["sign", "--yes", "--key", setup.signerKeys[2], "--registrar-key", setup.signerKeys[3], "--name", "Nice"]
                + registry + fields,
            ["init", "--origin", "x.example/y", "--registrar-key", setup.signerKeys[3], "--registry", directory.path("second")],
        ]
        for arguments in runs {
            let result = try DeclarationProcess.run(arguments, directory: directory.url)
            let output = result.standardOutput + result.standardError
            #expect(!output.contains("PRIVATE KEY"), "\(arguments): \(output)")
            for secret in secrets {
                #expect(!output.contains(secret), "\(arguments) printed key material")
            }
        }
        let fresh = try Self.secrets(ofKeyFile: directory.path("fresh"))
        #expect(!fresh.isEmpty)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func keysReadableByOthersAreRefused(mode: Int) throws {
        let directory = try TemporaryDirectory()
        let setup = try CommandLineRegistry(in: directory, signers: 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: setup.signerKeys[0])
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: setup.signerKeys[0])
        let ledger = try setup.ledger()
        let result = try DeclarationProcess.run(setup.signArguments(0))
        #expect(result.status == 77, "\(result.standardError)")
        #expect(result.standardError.contains(setup.signerKeys[0]))
        #expect(try setup.ledger() == ledger)
    }

    @Test func wrongPassphraseIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let setup = try CommandLineRegistry(in: directory, signers: 0)
        try Data("the right passphrase\n".utf8).write(to: directory.url.appendingPathComponent("right"))
        try Data("the wrong passphrase\n".utf8).write(to: directory.url.appendingPathComponent("wrong"))
        let made = try DeclarationProcess.run(["keygen", "--out", "k", "--passphrase-file", "right"], directory: directory.url)
        #expect(made.status == 0, "\(made.standardError)")
        let arguments = ["sign", "--yes", "--key", "k", "--registry", setup.registry, "--registrar-key", setup.registrarKey,
                         "--kind", "government", "--name", "Lyon", "--jurisdiction", "FR",
                         "--representative", "Office", "--title", "Mayor"]
        let wrong = try DeclarationProcess.run(arguments + ["--passphrase-file", "wrong"], directory: directory.url)
        #expect(wrong.status == 65, "\(wrong.standardError)")
        #expect(wrong.standardError.lowercased().contains("passphrase"))
        #expect(!wrong.standardError.contains("the wrong passphrase"))
        #expect(!wrong.standardError.contains("the right passphrase"))
        let right = try DeclarationProcess.run(arguments + ["--passphrase-file", "right"], directory: directory.url)
        #expect(right.status == 0, "\(right.standardError)")
    }

    @Test(arguments: Ed25519EdgeCase.allCases)
    func edgeCasesAreRefusedOnAppendAndVerify(edgeCase: Ed25519EdgeCase) throws {
        let directory = try TemporaryDirectory()
        let setup = try CommandLineRegistry(in: directory, signers: 2)
        #expect(try DeclarationProcess.run(setup.signArguments(0)).status == 0)
        let statement = directory.path("statement.json")
        let signed = try DeclarationProcess.run(
            ["sign", "--yes", "--key", setup.signerKeys[1], "--registry", setup.registry, "--out", statement,
             "--kind", "government", "--name", "Lyon", "--jurisdiction", "FR", "--representative", "Office", "--title", "Mayor"])
        #expect(signed.status == 0, "\(signed.standardError)")
        let forged = try edgeCase.statement(fromFile: statement)
        try edgeCase.rewrite(statementFile: statement)
        let ledger = try setup.ledger()

        // Append: refused, nothing written.
        let appended = try DeclarationProcess.run(["append", "--registrar-key", setup.registrarKey,
                                                   "--registry", setup.registry, statement])
        #expect(appended.status == (edgeCase.field == "public_key" ? 65 : 1), "\(appended.standardError)")
        #expect(appended.standardError.contains(edgeCase.field), "\(appended.standardError)")
        #expect(try setup.ledger() == ledger)

        // Verify: a registrar that records it anyway is caught at the line.
        let line = try RegistryForgery.appendUnchecked(statement: forged, registry: setup.registry,
                                                       registrarKeyFile: setup.registrarKey)
        let verified = try DeclarationProcess.run(["verify", "--registry", setup.registry])
        #expect(verified.status == 1, "\(verified.standardError)")
        #expect(verified.standardError.contains("ledger.jsonl:\(line)"), "\(verified.standardError)")
        #expect(verified.standardError.contains("statement.\(edgeCase.field)"), "\(verified.standardError)")
    }
}
