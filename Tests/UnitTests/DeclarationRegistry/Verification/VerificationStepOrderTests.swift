import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// FORMAT.md section 10's order: what proves a registry altered is
/// reported before "interrupted", a registry's own oversized files do not
/// verify, a saved checkpoint that is no checkpoint is a bad input, and no
/// failure names line 0.
@Suite struct VerificationStepOrderTests {
    /// A registry of three entries, the checkpoint saved after each append
    /// and the registrar's key in a file.
    private struct Scene {
        let directory: TemporaryDirectory
        let registry: SyntheticRegistry
        let layout: RegistryLayout
        let registrarKeyFile: String

        init(entries: Int = 3) throws {
            directory = try TemporaryDirectory()
            registry = try SyntheticRegistry.build(in: directory.path("registry"), entries: entries, seed: 23)
            layout = RegistryLayout(directory: registry.directory)
            registrarKeyFile = directory.path("registrar")
            _ = try KeyFile.write(registry.registrarKey, to: registrarKeyFile)
        }

        func write(_ bytes: [UInt8], to path: String) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        func ledgerLines() throws -> [[UInt8]] {
            Array(try Data(contentsOf: URL(fileURLWithPath: layout.ledger)))
                .split(separator: 0x0A).map(Array.init)
        }

        /// The verdict, or nil when the registry verifies.
        func verify(saved: [UInt8]? = nil) throws -> RegistryError? {
            do {
                _ = try RegistryVerifier(layout: layout).verify(savedCheckpoint: saved.map { (path: "saved", bytes: $0) })
                return nil
            } catch {
                return error
            }
        }

        func failure(saved: [UInt8]? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> VerificationFailure? {
            let error = try verify(saved: saved)
            guard case .verificationFailed(let failure) = error else {
                Issue.record("expected a verdict, got \(String(describing: error))", sourceLocation: sourceLocation)
                return nil
            }
            return failure
        }
    }

    /// Entries 2 and 3 replaced by another history left as an
    /// uncheckpointed tail (the checkpoint rolled back to size 1): the
    /// tool said "interrupted, run repair" (exit 2), though the saved
    /// checkpoint of size 3 proves the history was rewritten.
    @Test func aSavedCheckpointOfAnotherHistoryBeatsAnUncheckpointedTail() throws {
        let scene = try Scene()
        let lines = try scene.ledgerLines()
        try scene.write(lines[0] + [0x0A], to: scene.layout.ledger)
        // The same statements in the other order: valid, chained, signed.
        for statement in [scene.registry.statements[2], scene.registry.statements[1]] {
            try RegistryForgery.appendUnchecked(statement: statement.json, registry: scene.registry.directory,
                                                registrarKeyFile: scene.registrarKeyFile)
        }
        try scene.write(scene.registry.checkpoints[1], to: scene.layout.checkpoint)
        guard case .verificationFailed(let alone) = try scene.verify() else {
            Issue.record("the tail alone must be reported")
            return
        }
        #expect(alone.severity == .interrupted, "\(alone)")

        let failure = try scene.failure(saved: scene.registry.checkpoints[3])
        #expect(failure?.severity == .invalid, "\(String(describing: failure))")
        #expect(failure?.message.contains("the history was rewritten") == true, "\(String(describing: failure))")
    }

    /// The registrar's checkpoint rolled back behind a saved one while the
    /// ledger still holds the entries: "run repair" would remove entries
    /// the saved checkpoint proves were recorded.
    @Test func aCheckpointRolledBackBehindTheSavedOneIsInvalid() throws {
        let scene = try Scene()
        try scene.write(scene.registry.checkpoints[1], to: scene.layout.checkpoint)
        let failure = try scene.failure(saved: scene.registry.checkpoints[3])
        #expect(failure?.severity == .invalid, "\(String(describing: failure))")
        #expect(failure?.file == scene.layout.checkpoint)
        #expect(failure?.message.contains("rolled back") == true, "\(String(describing: failure))")
        #expect(failure?.message.contains("Do not run `declaration repair`") == true)
    }

    /// A header or checkpoint beyond the format's 64 KiB, or a declaration
    /// file beyond its 1 MiB, is a registry that does not verify, not a bad
    /// input file.
    @Test(arguments: [("checkpoint", 64 * 1024), ("registry.json", 64 * 1024), ("declaration/en.txt", 1 << 20)])
    func anOversizedRegistryFileDoesNotVerify(name: String, limit: Int) throws {
        let scene = try Scene()
        let path = scene.layout.path(name)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes += Array(repeating: 0x20, count: limit + 16 * 1024)
        try scene.write(bytes, to: path)
        let failure = try scene.failure()
        #expect(failure?.severity == .invalid)
        #expect(failure?.file == path)
        #expect(failure?.message.contains("larger than \(limit) bytes") == true, "\(String(describing: failure))")
    }

    /// A saved checkpoint that is not a checkpoint at all is a wrong input
    /// file; one that is, but not this registry's, is a verdict.
    @Test func aSavedCheckpointThatIsNoCheckpointIsABadInput() throws {
        let scene = try Scene()
        for bytes in [Array("hello\n".utf8), [0xFF, 0xFE, 0x0A], Array(scene.registry.checkpoints[2].dropLast(20))] {
            let error = try scene.verify(saved: bytes)
            guard case .notACheckpoint(let path, _, _) = error else {
                Issue.record("expected notACheckpoint, got \(String(describing: error))")
                continue
            }
            #expect(path == "saved")
        }
        let other = try Scene()
        var foreign = try SyntheticRegistry.build(in: other.directory.path("other"), entries: 1, seed: 99,
                                                  origin: scene.registry.origin).checkpoints[1]
        #expect(try scene.failure(saved: foreign)?.severity == .invalid)
        foreign = scene.registry.checkpoints[2]
        #expect(try scene.verify(saved: foreign) == nil)
    }

    /// An empty registry whose registrar-signed checkpoint has another
    /// chain head was reported at `ledger.jsonl:0`, entry 0: the checkpoint
    /// is at fault, and no place is ever line 0.
    @Test func anEmptyLedgerIsNeverLineZero() throws {
        let directory = try TemporaryDirectory()
        let key = try Ed25519PrivateKey(seed: Array(repeating: 5, count: 32))
        let path = directory.path("registry")
        let origin = "empty.declaration-registry.example/test"
        try Registry.create(directory: path, origin: origin, declaration: try Declaration.embedded, registrarKey: key)
        let layout = RegistryLayout(directory: path)
        let forged = try RegistryCheckpoint(origin: origin, size: 0, rootHash: SHA256.hash([]),
                                            chainHead: SHA256.hash(Array("another header".utf8)))
        try Data(try forged.signedNote(with: key)).write(to: URL(fileURLWithPath: layout.checkpoint))
        do {
            _ = try RegistryVerifier(layout: layout).verify()
            Issue.record("verified")
        } catch {
            guard case .verificationFailed(let failure) = error else {
                Issue.record("expected a verdict, got \(error)")
                return
            }
            #expect(failure.file == layout.checkpoint, "\(failure)")
            #expect(failure.field == "chain-head")
            #expect(!failure.description.contains(":0:"), "\(failure)")
            #expect(!failure.description.contains("entry 0"), "\(failure)")
        }
        #expect(VerificationFailure(file: "f", line: 0, sequence: 0, message: "m").description == "f: m")
        var changed = VerificationFailure(file: "f", line: 3, sequence: 3, message: "m")
        changed.line = 0
        changed.sequence = 0
        #expect(changed.description == "f: m")
    }

    /// A broken link at entry 1 (FORMAT.md section 10): when line 1 is
    /// intact (line 2 records its hash), the header was changed and is
    /// blamed, at `registry.json` line 1; when line 1 itself was changed,
    /// it is blamed, at `ledger.jsonl` line 1, field `previous`.
    @Test func aBrokenLinkAtEntryOneBlamesWhatChanged() throws {
        let scene = try Scene()
        let lines = try scene.ledgerLines()
        var first = String(decoding: lines[0], as: UTF8.self)
        let previous = try #require(first.range(of: "\"previous\":\""))
        let digit = first.index(previous.upperBound, offsetBy: 0)
        first.replaceSubrange(digit...digit, with: first[digit] == "0" ? "1" : "0")
        try scene.write(Array(first.utf8) + [0x0A] + lines.dropFirst().flatMap { $0 + [0x0A] }, to: scene.layout.ledger)
        let failure = try scene.failure()
        #expect(failure?.file == scene.layout.ledger, "\(String(describing: failure))")
        #expect(failure?.line == 1)
        #expect(failure?.field == "previous")
    }
}
