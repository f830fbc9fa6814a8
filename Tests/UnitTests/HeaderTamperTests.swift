import DeclarationRegistry
import Foundation
import Testing
import TestSupport

/// A header changed to other well-formed values is blamed on the header,
/// not on the texts or the checkpoint its new fields no longer match.
@Suite struct HeaderTamperTests {
    private func verifyWithHeader(_ change: (inout RegistryHeader) throws -> Void, entries: Int = 3) throws -> VerificationFailure? {
        let directory = try TemporaryDirectory()
        let registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: entries, seed: 11)
        let layout = RegistryLayout(directory: registry.directory)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: layout.header))
        var header = try RegistryHeader(json: CanonicalJSON.parseCanonical(Array(bytes).dropLast()))
        try change(&header)
        try Data(header.fileBytes).write(to: URL(fileURLWithPath: layout.header))
        do {
            _ = try RegistryVerifier(layout: layout).verify()
            return nil
        } catch let failure as VerificationFailure {
            return failure
        }
    }

    @Test func anotherRegistrarKeyIsBlamedOnTheHeader() throws {
        let failure = try verifyWithHeader { $0.registrarKey = try Ed25519PrivateKey(seed: Array(repeating: 9, count: 32)).publicKey }
        #expect(failure?.file.hasSuffix("/registry.json") == true, "\(String(describing: failure))")
        #expect(failure?.line == 1)
        #expect(failure?.message.contains("the header was changed") == true)
    }

    @Test func anotherDeclarationDigestIsBlamedOnTheHeader() throws {
        let failure = try verifyWithHeader { $0.declarationDigest = SHA256.hash(Array("other".utf8)) }
        #expect(failure?.file.hasSuffix("/registry.json") == true, "\(String(describing: failure))")
    }

    @Test func oneEntryLedgerUsesTheCheckpointAsWitness() throws {
        let failure = try verifyWithHeader({ $0.origin = "other.declaration-registry.example/x" }, entries: 1)
        #expect(failure?.file.hasSuffix("/registry.json") == true, "\(String(describing: failure))")
    }
}

/// A private key handed to verify as a checkpoint is refused without
/// quoting any of it.
@Suite struct CheckpointKeyLeakTests {
    @Test(arguments: [nil, "a passphrase"])
    func privateKeyGivenAsCheckpointIsNotQuoted(passphrase: String?) throws {
        let directory = try TemporaryDirectory()
        let registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: 2, seed: 3)
        let key = try Ed25519PrivateKey(seed: Array(repeating: 5, count: 32))
        let pem = try key.pemRepresentation(passphrase: passphrase.map { Array($0.utf8) })
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        #expect(!body.isEmpty)
        let layout = RegistryLayout(directory: registry.directory)
        do {
            _ = try RegistryVerifier(layout: layout).verify(savedCheckpoint: (path: "key.pem", bytes: Array(pem.utf8)))
            Issue.record("a private key verified as a checkpoint")
        } catch let failure as VerificationFailure {
            #expect(failure.file == "key.pem")
            #expect(!failure.description.contains("PRIVATE KEY"))
            for line in body { #expect(!failure.description.contains(line)) }
        }
    }
}
