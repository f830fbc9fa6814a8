import DeclarationRegistry
import Foundation

/// A demonstration registry built in a test's own temporary directory,
/// with helpers to change its files the way an attacker or an accident
/// would.
public final class RegistryFixture: Sendable {
    /// The test's directory; removed with the fixture.
    public let directory: TemporaryDirectory
    /// The registry directory.
    public let registry: String
    /// The registrar's private key file.
    public let registrarKey: String
    /// The folder with every signatory's private key, by slug.
    public let keys: String

    /// Builds the demo registry (18 signatures) in a new temporary directory.
    public init() throws {
        directory = try TemporaryDirectory()
        let result = try DemoRegistry.build(in: directory.path("demo"))
        registry = result.registry
        keys = result.keys
        registrarKey = result.keys + "/registrar"
    }

    /// The ledger's path.
    public var ledger: String { registry + "/ledger.jsonl" }
    /// The checkpoint's path.
    public var checkpoint: String { registry + "/checkpoint" }

    /// The ledger's lines, each with its line feed.
    public func ledgerLines() throws -> [String] {
        let text = try String(contentsOfFile: ledger, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0 + "\n" }
    }

    /// Replaces the ledger's content.
    public func writeLedger(_ lines: [String]) throws {
        try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: ledger))
    }

    /// Runs the binary with `--registry` pointing at this registry.
    public func run(_ arguments: [String], input: String? = nil) throws -> DeclarationProcess.Result {
        try DeclarationProcess.run(arguments + ["--registry", registry], input: input, directory: directory.url)
    }
}
