import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport

/// An id and version the library knows (the built-in declaration's) have
/// one text: a declaration that claims them with another digest is refused
/// wherever it is met, so nobody signs an altered text under the official name.
@Suite struct KnownDeclarationTests {
    /// The built-in declaration with clause 3 of the French text changed,
    /// still claiming to be version 1.0.0.
    static let counterfeitFiles = DeclarationForgery.files(
        changingClause: 3, of: "fr", to: "Nous nous engageons à ne rien publier.")

    /// A registry whose declaration copy is `files`, consistent on its own
    /// (header and checkpoint made for it with the registrar's key).
    static func registry(with files: [String: [UInt8]], in directory: TemporaryDirectory) throws -> CommandLineRegistry {
        let registry = try CommandLineRegistry(in: directory, signers: 1)
        try DeclarationForgery.replaceDeclaration(in: registry.registry, with: files, registrarKeyFile: registry.registrarKey)
        return registry
    }

    @Test func counterfeitParsesAsADeclarationOnItsOwn() throws {
        // The value alone is well formed: only knowing the official digest catches it.
        let declaration = try Declaration(files: Self.counterfeitFiles, source: "t")
        #expect(declaration.id == "subnational-open-government-declaration")
        #expect(declaration.version == "1.0.0")
        #expect(declaration.digest != (try Declaration.embedded).digest)
    }

    @Test func loadingACounterfeitDirectoryIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let directory = try DeclarationFixtures.write(Self.counterfeitFiles, into: temporary.url)
        let error = #expect(throws: DeclarationError.self) { try Declaration.load(from: directory) }
        let counterfeit = try Declaration(files: Self.counterfeitFiles, source: "t")
        #expect(error == .unofficialText(
            file: directory.path + "/manifest.json", id: counterfeit.id, version: counterfeit.version,
            digest: counterfeit.digest.hex, knownDigest: try Declaration.embedded.digest.hex))
        #expect(error?.description.contains("version") == true)
    }

    @Test func anotherVersionOfTheSameDeclarationIsNotRefused() throws {
        let files = DeclarationForgery.files(changingClause: 3, of: "fr", to: "Nouveau texte.", version: "1.1.0")
        let temporary = try TemporaryDirectory()
        let directory = try DeclarationFixtures.write(files, into: temporary.url)
        #expect(try Declaration.load(from: directory).version == "1.1.0")
    }

    @Test func creatingARegistryForACounterfeitIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let counterfeit = try Declaration(files: Self.counterfeitFiles, source: "t")
        let error = #expect(throws: RegistryError.self) {
            try Registry.create(directory: temporary.path("registry"), origin: "registry.example.org/t",
                                declaration: counterfeit, registrarKey: key)
        }
        guard case .declaration(.unofficialText) = error else {
            Issue.record("expected .declaration(.unofficialText), got \(String(describing: error))")
            return
        }
        #expect(!FileSystem.exists(temporary.path("registry")))
    }

    @Test func verifyReportsARegistryNotCarryingTheOfficialText() throws {
        let temporary = try TemporaryDirectory()
        let registry = try Self.registry(with: Self.counterfeitFiles, in: temporary)
        let layout = RegistryLayout(directory: registry.registry)
        let counterfeit = try Declaration(files: Self.counterfeitFiles, source: "t")
        do {
            _ = try unwrappingRegistryError { try RegistryVerifier(layout: layout).verify() }
            Issue.record("a registry with an altered official text verified")
        } catch let failure as VerificationFailure {
            #expect(failure.severity == .invalid)
            #expect(failure.file == layout.declaration)
            #expect(failure.expected == (try Declaration.embedded).digest.hex)
            #expect(failure.found == counterfeit.digest.hex)
            #expect(failure.description.contains("subnational-open-government-declaration"))
        }
    }

    @Test func readingTheDeclarationToSignIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let registry = try Self.registry(with: Self.counterfeitFiles, in: temporary)
        let error = #expect(throws: RegistryError.self) { try Registry(directory: registry.registry).declaration() }
        guard case .verificationFailed(let failure) = error else {
            Issue.record("expected .verificationFailed, got \(String(describing: error))")
            return
        }
        #expect(failure.file == RegistryLayout(directory: registry.registry).declaration)
    }

    @Test func appendingToACounterfeitRegistryIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let registry = try Self.registry(with: Self.counterfeitFiles, in: temporary)
        let header = try Registry(directory: registry.registry).header()
        let signer = try KeyFile.readPrivateKey(at: registry.signerKeys[0], passphrase: nil)
        let signatory = Signatory(kind: .government, name: "Paris", jurisdiction: try Jurisdiction(code: "FR"),
                                  representative: "Office of the Mayor", title: "Mayor", website: nil)
        let statement = try Statement.signed(
            .signature(language: .fr, signatory: signatory), registry: header.origin,
            declarationDigest: header.declarationDigest, signedAt: "2016-12-09T10:00:00Z", key: signer)
        let registrar = try KeyFile.readPrivateKey(at: registry.registrarKey, passphrase: nil)
        let error = #expect(throws: RegistryError.self) {
            try Registry(directory: registry.registry).append([.init(statement, source: "s")], registrarKey: registrar)
        }
        guard case .registryInvalid(let failure) = error else {
            Issue.record("expected .registryInvalid, got \(String(describing: error))")
            return
        }
        #expect(failure.file == RegistryLayout(directory: registry.registry).declaration)
        #expect(try registry.ledger().isEmpty)
    }

    @Test func repairingACounterfeitRegistryIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let registry = try Self.registry(with: Self.counterfeitFiles, in: temporary)
        let error = #expect(throws: RegistryError.self) { try Registry(directory: registry.registry).repair() }
        guard case .registryInvalid = error else {
            Issue.record("expected .registryInvalid, got \(String(describing: error))")
            return
        }
    }

    @Test func formatDocumentPublishesTheKnownDigest() throws {
        // FORMAT.md section 1 gives the digest so that a second verifier
        // can apply the rule; it must be the one the library knows.
        let format = DeclarationFixtures.directory
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/FORMAT.md")
        let text = try String(contentsOf: format, encoding: .utf8)
        #expect(text.contains("\n" + (try Declaration.embedded).digest.hex + "\n"))
    }

    @Test func aRegistrysDeclarationFolderOpensAsADeclarationDirectory() throws {
        let temporary = try TemporaryDirectory()
        let registry = try CommandLineRegistry(in: temporary, signers: 0)
        let folder = URL(fileURLWithPath: RegistryLayout(directory: registry.registry).declaration)
        #expect(try Declaration.load(from: folder).digest == (try Declaration.embedded).digest)
    }
}
