import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryStorage

/// A fresh registry with key files for a number of signatories, for tests
/// that drive the `declaration` binary. Keys are made from fixed seeds and
/// written the way `declaration keygen` writes them.
public struct CommandLineRegistry: Sendable {
    /// The registry directory.
    public var registry: String
    /// The registrar's private key file.
    public var registrarKey: String
    /// One private key file per signatory.
    public var signerKeys: [String]

    /// Creates the registry and `signers` key files in `directory`.
    public init(in directory: TemporaryDirectory, signers: Int, seed: UInt64 = 1,
                origin: String = "robustness.declaration-registry.example/test") throws {
        var random = SeededGenerator(seed: seed)
        registry = directory.path("registry")
        registrarKey = directory.path("registrar")
        let registrar = try Ed25519PrivateKey(seed: random.bytes(32))
        _ = try KeyFile.write(registrar, to: registrarKey)
        try Registry.create(directory: registry, origin: origin, declaration: try Declaration.embedded, registrarKey: registrar)
        signerKeys = try (0..<signers).map { index in
            let path = directory.path("signer-\(index)")
            _ = try KeyFile.write(try Ed25519PrivateKey(seed: random.bytes(32)), to: path)
            return path
        }
    }

    /// The arguments of `declaration sign` recording signatory `index` at once.
    public func signArguments(_ index: Int, name: String? = nil) -> [String] {
        ["sign", "--yes", "--key", signerKeys[index], "--registry", registry, "--registrar-key", registrarKey,
         "--kind", "government", "--name", name ?? "Town \(index)", "--jurisdiction", "FR",
         "--representative", "Office of the Mayor", "--title", "Mayor"]
    }

    /// The ledger's bytes.
    public func ledger() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: registry + "/ledger.jsonl"))
    }

    /// The checkpoint's bytes.
    public func checkpoint() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: registry + "/checkpoint"))
    }
}
