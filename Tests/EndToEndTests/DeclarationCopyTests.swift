import CryptoPrimitives
import DeclarationRegistry
import Foundation
import Testing
import TestSupport

/// The registry's `declaration/` copy as the tool meets it: what `sign`
/// shows and signs, what `show --registry` prints, and how `verify`,
/// `export` and `sign` refuse a copy that is not what it claims to be.
@Suite struct DeclarationCopyTests {
    static let counterfeitClause = "Nous nous engageons à ne rien publier."

    /// A registry (one signer key) whose declaration copy is `files`,
    /// consistent on its own.
    static func registry(with files: [String: [UInt8]], in directory: TemporaryDirectory) throws -> CommandLineRegistry {
        let registry = try CommandLineRegistry(in: directory, signers: 1)
        try DeclarationForgery.replaceDeclaration(in: registry.registry, with: files, registrarKeyFile: registry.registrarKey)
        return registry
    }

    static func signArguments(_ registry: CommandLineRegistry, out: String) -> [String] {
        ["sign", "--yes", "--lang", "fr", "--key", registry.signerKeys[0], "--registry", registry.registry,
         "--out", out, "--kind", "government", "--name", "Paris", "--jurisdiction", "FR",
         "--representative", "Cabinet de la Maire", "--title", "Maire"]
    }

    // MARK: An altered text under the official id and version

    @Test func verifyAndExportSayTheTextIsNotTheOfficialOne() throws {
        let temporary = try TemporaryDirectory()
        let files = DeclarationForgery.files(changingClause: 3, of: "fr", to: Self.counterfeitClause)
        let registry = try Self.registry(with: files, in: temporary)
        let official = try DeclarationForgery.digest(of: Declaration.embeddedFiles)
        let counterfeit = try DeclarationForgery.digest(of: files)

        let verify = try DeclarationProcess.run(["verify", "--registry", registry.registry], directory: temporary.url)
        #expect(verify.status == 1, "\(verify.standardError)")
        #expect(verify.standardError.contains(registry.registry + "/declaration"))
        #expect(verify.standardError.contains(official))
        #expect(verify.standardError.contains(counterfeit))
        #expect(!verify.standardOutput.contains("verified"))

        let export = try DeclarationProcess.run(
            ["export", "--registry", registry.registry, "--format", "csv"], directory: temporary.url)
        #expect(export.status == 1, "\(export.standardError)")
        #expect(export.standardOutput.isEmpty)
        #expect(export.standardError.contains(official))

        let list = try DeclarationProcess.run(["list", "--registry", registry.registry], directory: temporary.url)
        #expect(list.status == 1, "\(list.standardError)")
        #expect(list.standardError.contains(official))
    }

    @Test func signRefusesAnAlteredOfficialText() throws {
        let temporary = try TemporaryDirectory()
        let files = DeclarationForgery.files(changingClause: 3, of: "fr", to: Self.counterfeitClause)
        let registry = try Self.registry(with: files, in: temporary)
        let out = temporary.path("paris.statement.json")
        let result = try DeclarationProcess.run(Self.signArguments(registry, out: out), directory: temporary.url)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains(try DeclarationForgery.digest(of: Declaration.embeddedFiles)))
        #expect(!result.standardError.contains(Self.counterfeitClause))
        #expect(!FileManager.default.fileExists(atPath: out))

        let withdraw = try DeclarationProcess.run(
            ["withdraw", "--key", registry.signerKeys[0], "--registry", registry.registry, "--out", out],
            directory: temporary.url)
        #expect(withdraw.status == 1, "\(withdraw.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    // MARK: Another version: shown and signed as the registry has it

    @Test func signShowsAndSignsTheRegistrysOwnText() throws {
        let temporary = try TemporaryDirectory()
        let files = DeclarationForgery.files(changingClause: 3, of: "fr", to: Self.counterfeitClause, version: "1.1.0")
        let registry = try Self.registry(with: files, in: temporary)
        let digest = try DeclarationForgery.digest(of: files)
        let out = temporary.path("paris.statement.json")
        let result = try DeclarationProcess.run(Self.signArguments(registry, out: out), directory: temporary.url)
        #expect(result.status == 0, "\(result.standardError)")
        // What the signer reads is the registry's text, clause for clause.
        #expect(result.standardError.contains("3. " + Self.counterfeitClause))
        #expect(result.standardError.contains(digest))
        #expect(result.standardError.contains(DeclarationForgery.textDigest(of: files, language: "fr")))
        #expect(result.standardError.contains("declaration show --registry \(registry.registry) --lang fr"))
        let statement = try String(contentsOfFile: out, encoding: .utf8)
        #expect(statement.contains(digest))
    }

    @Test func showPrintsTheRegistrysCopy() throws {
        let temporary = try TemporaryDirectory()
        let files = DeclarationForgery.files(changingClause: 3, of: "fr", to: Self.counterfeitClause, version: "1.1.0")
        let registry = try Self.registry(with: files, in: temporary)
        let rendered = try DeclarationForgery.rendered(files, language: "fr")
        let result = try DeclarationProcess.run(
            ["show", "--lang", "fr", "--registry", registry.registry], directory: temporary.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == rendered)

        let folder = try DeclarationProcess.run(
            ["show", "--lang", "fr", "--declaration", registry.registry + "/declaration"], directory: temporary.url)
        #expect(folder.status == 0, "\(folder.standardError)")
        #expect(folder.standardOutput == rendered)
    }

    @Test func showRefusesARegistryWithAnAlteredOfficialText() throws {
        let temporary = try TemporaryDirectory()
        let files = DeclarationForgery.files(changingClause: 3, of: "fr", to: Self.counterfeitClause)
        let registry = try Self.registry(with: files, in: temporary)
        let result = try DeclarationProcess.run(["show", "--registry", registry.registry], directory: temporary.url)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        let folder = try DeclarationProcess.run(
            ["show", "--declaration", registry.registry + "/declaration"], directory: temporary.url)
        #expect(folder.status == 65, "\(folder.standardError)")
        #expect(folder.standardOutput.isEmpty)
        #expect(folder.standardError.contains("1.0.0"))
    }

    // MARK: What is in the folder

    @Test(arguments: ["extra", "en.txt"])
    func aDirectoryInTheCopyIsAVerificationFailure(name: String) throws {
        let temporary = try TemporaryDirectory()
        let registry = try CommandLineRegistry(in: temporary, signers: 0)
        let path = registry.registry + "/declaration/" + name
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let result = try DeclarationProcess.run(["verify", "--registry", registry.registry], directory: temporary.url)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains(path))
        #expect(result.standardError.contains("directory"))
    }

    @Test func aNamedPipeInTheCopyIsAVerificationFailure() throws {
        let temporary = try TemporaryDirectory()
        let registry = try CommandLineRegistry(in: temporary, signers: 0)
        let path = registry.registry + "/declaration/es.txt"
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        let result = try DeclarationProcess.run(["verify", "--registry", registry.registry], directory: temporary.url)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains(path))
        #expect(result.standardError.contains("named pipe"))
    }

    @Test func aSymbolicLinkInTheCopyIsRefusedAndNamed() throws {
        let temporary = try TemporaryDirectory()
        let registry = try CommandLineRegistry(in: temporary, signers: 0)
        let path = registry.registry + "/declaration/en.txt"
        let elsewhere = temporary.path("en.txt")
        try FileManager.default.moveItem(atPath: path, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
        let result = try DeclarationProcess.run(["verify", "--registry", registry.registry], directory: temporary.url)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains(path))
        #expect(result.standardError.contains("symbolic link"))
    }

    @Test func aPrivateKeyInPlaceOfATextIsNeverQuoted() throws {
        let temporary = try TemporaryDirectory()
        let registry = try CommandLineRegistry(in: temporary, signers: 1)
        let pem = try String(contentsOfFile: registry.signerKeys[0], encoding: .utf8)
        try Data(pem.utf8).write(to: URL(fileURLWithPath: registry.registry + "/declaration/fr.txt"))
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(body.count > 40)
        let verify = try DeclarationProcess.run(["verify", "--registry", registry.registry], directory: temporary.url)
        let sign = try DeclarationProcess.run(
            Self.signArguments(registry, out: temporary.path("s.json")), directory: temporary.url)
        for result in [verify, sign] {
            #expect(result.status == 1, "\(result.standardError)")
            #expect(result.standardError.contains("fr.txt"))
            let output = result.standardOutput + result.standardError
            // Not even a few characters of the key's base64 may appear.
            for start in stride(from: 0, to: body.count - 8, by: 4) {
                let window = String(body.dropFirst(start).prefix(8))
                #expect(!output.contains(window), "quoted \(window)")
            }
        }
    }
}
