import CryptoPrimitives
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// The format layer's rules as the built binary applies them: a hostile
/// number never crashes a command, a statement from the future and a name
/// with an invisible character are refused.
@Suite struct FormatRulesTests {
    /// Replaces the checkpoint with one the registrar signs, stating `size`.
    static func signCheckpoint(of fixture: RegistryFixture, size: UInt64) throws {
        let headerBytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.registry + "/registry.json")))
        let header = try RegistryHeader(json: CanonicalJSON.parseCanonical(headerBytes.dropLast()))
        let key = try KeyFile.readPrivateKey(at: fixture.registrarKey, passphrase: nil)
        let checkpoint = try RegistryCheckpoint(origin: header.origin, size: size, rootHash: MerkleTree.emptyRoot,
                                                chainHead: header.hash)
        try Data(try checkpoint.signedNote(with: key)).write(to: URL(fileURLWithPath: fixture.checkpoint))
    }

    @Test(arguments: [UInt64(1) << 63, UInt64.max])
    func aSignedCheckpointWithAHugeSizeIsRefusedByEveryCommand(size: UInt64) throws {
        let fixture = try RegistryFixture()
        try Self.signCheckpoint(of: fixture, size: size)
        for arguments in [["verify"], ["export", "--format", "csv"], ["repair"], ["list"]] {
            let result = try fixture.run(arguments)
            #expect(result.status == 1, "\(arguments): exit \(result.status), \(result.standardError)")
            #expect(result.standardError.contains("checkpoint"), "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("9007199254740991"), "\(arguments): \(result.standardError)")
        }
    }

    @Test func aStatementDatedInTheFutureIsRefusedOnAppend() throws {
        let fixture = try RegistryFixture()
        let key = fixture.keys + "/future"
        #expect(try DeclarationProcess.run(["keygen", "--out", key], directory: fixture.directory.url).status == 0)
        let statementFile = fixture.directory.path("future.statement.json")
        let sign = try fixture.run(["sign", "--key", key, "--lang", "en", "--kind", "government", "--name", "Futureville",
                                    "--jurisdiction", "FR", "--representative", "Office", "--title", "Mayor", "--yes",
                                    "--out", statementFile])
        #expect(sign.status == 0, "\(sign.standardError)")
        // Re-date and re-sign the statement far in the future, as a signer with a wrong clock would.
        let signatory = try KeyFile.readPrivateKey(at: key, passphrase: nil)
        let original = try Statement(fileBytes: Array(try Data(contentsOf: URL(fileURLWithPath: statementFile))))
        let future = try Statement.signed(original.content, registry: original.registry,
                                          declarationDigest: original.declarationDigest,
                                          signedAt: "9999-12-31T23:59:59Z", key: signatory)
        try Data(CanonicalJSON.encode(future.json)).write(to: URL(fileURLWithPath: statementFile))
        let append = try fixture.run(["append", "--registrar-key", fixture.registrarKey, statementFile])
        #expect(append.status == 1, "\(append.standardError)")
        #expect(append.standardError.contains("signed_at"), "\(append.standardError)")
        #expect(append.standardError.contains("9999-12-31T23:59:59Z"), "\(append.standardError)")
        #expect(try fixture.run(["verify"]).status == 0)
    }
}
