import CryptoPrimitives
import DeclarationRegistry
import RegistryStorage
import Testing
import TestSupport

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
            _ = try unwrappingRegistryError {
                try RegistryVerifier(layout: layout).verify(savedCheckpoint: (path: "key.pem", bytes: Array(pem.utf8)))
            }
            Issue.record("a private key verified as a checkpoint")
        } catch let error as RegistryError {
            // Not a checkpoint at all: a wrong input file (exit 65), not a
            // verdict on the registry.
            guard case .notACheckpoint(let path, _, _) = error else {
                Issue.record("expected notACheckpoint, got \(error)")
                return
            }
            #expect(path == "key.pem")
            #expect(!error.description.contains("PRIVATE KEY"))
            for line in body { #expect(!error.description.contains(line)) }
        }
    }
}
