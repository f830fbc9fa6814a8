import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
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
            _ = try unwrappingRegistryError { try RegistryVerifier(layout: layout).verify() }
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
