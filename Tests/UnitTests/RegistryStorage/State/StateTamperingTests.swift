import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing

/// Whatever `state/` holds (flipped bytes, a truncated or missing file, a
/// file written by someone else), an append records only entries that
/// verify: the derived state is authenticated before it is trusted, and
/// rebuilt from the ledger when it is not.
@Suite struct StateTamperingTests {
    typealias Setup = RegistryTests.Setup

    /// A registry whose state has sorted files and a change log: Paris and
    /// Lyon in the merged files, Nice signed then withdrawn in the log.
    private func scene() throws -> Setup {
        var setup = try Setup()
        var registry = setup.registry
        registry.indexMergeThreshold = 2
        setup = Setup(copying: setup, registry: registry)
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        try setup.append(try setup.signature("Lyon", key: try RegistryTests.key(2)))
        try setup.append(try setup.signature("Nice", key: try RegistryTests.key(3)))
        try setup.append(try setup.withdrawal(key: try RegistryTests.key(3)))
        return setup
    }

    private static let stateFiles = ["tip", "signatories-by-key", "signatories-by-identity", "signatory-changes"]

    /// Every way `bytes` of a state file can be damaged, sampled: each byte
    /// flipped (every `stride`-th), the file cut short, emptied, removed.
    private func damages(of bytes: [UInt8], stride step: Int) -> [(label: String, bytes: [UInt8]?)] {
        var result: [(String, [UInt8]?)] = []
        for offset in Swift.stride(from: 0, to: bytes.count, by: step) {
            for mask: UInt8 in [0x01, 0x20] {
                var changed = bytes
                changed[offset] ^= mask
                result.append(("byte \(offset) xor \(mask)", changed))
            }
        }
        if !bytes.isEmpty {
            result.append(("cut to half", Array(bytes.prefix(bytes.count / 2))))
            result.append(("cut by one byte", Array(bytes.dropLast())))
        }
        result.append(("emptied", []))
        result.append(("removed", nil))
        return result
    }

    /// Appends a duplicate of an active signatory (to be refused), a
    /// withdrawal of a withdrawn key (to be refused) and a new signatory
    /// (to be recorded); the registry must verify after each.
    private func appendAfterDamage(_ setup: Setup, label: String, serial: inout Int) throws {
        #expect(throws: RegistryError.self, "\(label): a second Paris") {
            try setup.append(try setup.signature("PARIS", key: try RegistryTests.key(200)))
        }
        #expect(throws: RegistryError.self, "\(label): a second Lyon") {
            try setup.append(try setup.signature("Lyon", key: try RegistryTests.key(201)))
        }
        #expect(throws: RegistryError.self, "\(label): Paris's key signing again") {
            try setup.append(try setup.signature("Marseille", key: try RegistryTests.key(1)))
        }
        serial += 1
        // Keys of their own, never one of the scene's.
        var seed = [UInt8](repeating: 0xA5, count: 32)
        seed[0] = UInt8(truncatingIfNeeded: serial)
        seed[1] = UInt8(truncatingIfNeeded: serial >> 8)
        let key = try Ed25519PrivateKey(seed: seed)
        do {
            try setup.append(try setup.signature("City \(serial)", key: key))
        } catch {
            Issue.record("\(label): a valid statement was refused: \(error)")
        }
        do {
            _ = try setup.verify()
        } catch {
            Issue.record("\(label): the registry no longer verifies: \(error)")
        }
    }

    @Test(arguments: stateFiles)
    func damagedCurrentStateNeverLetsABadEntryIn(_ name: String) throws {
        let setup = try scene()
        let path = setup.registry.layout.path("state/" + name)
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var serial = 0
        for (label, bytes) in damages(of: original, stride: name == "tip" ? 13 : 29) {
            // The state an append reads is the one the last append wrote:
            // damage that one, at the same offset.
            guard FileManager.default.fileExists(atPath: path) || bytes == nil else { continue }
            let current = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            if let bytes, var current, !current.isEmpty {
                if bytes.count == original.count, let offset = bytes.indices.first(where: { bytes[$0] != original[$0] }) {
                    if offset < current.count { current[offset] ^= bytes[offset] ^ original[offset] }
                } else {
                    current = Array(current.prefix(bytes.count))
                }
                try Data(current).write(to: URL(fileURLWithPath: path))
            } else if bytes == nil {
                try? FileManager.default.removeItem(atPath: path)
            }
            try appendAfterDamage(setup, label: "\(name) \(label)", serial: &serial)
        }
    }

    @Test func theStateRemovedAfterItIsLoadedStillAnswersTheRules() throws {
        // Loaded and checked, the index is in memory: removing or rewriting
        // state/ during the append changes nothing the rules see.
        let setup = try scene()
        let layout = setup.registry.layout
        let checkpoint = try setup.verify().checkpoint
        let (_, index) = try #require(RegistryState.load(layout, checkpoint: checkpoint,
                                                         registrarKey: setup.registrarKey.publicKey))
        try FileManager.default.removeItem(atPath: layout.path("state"))
        let duplicate = try setup.signature("PARIS", key: try RegistryTests.key(200))
        var roll = IndexedRoll(index: index, statements: [duplicate])
        #expect(throws: FieldError.self) { try roll.apply(duplicate, sequence: 5) }
    }

    @Test func aForgedButConsistentIndexIsNotTrusted() throws {
        // Someone who can write state/ rewrites the index without Paris and
        // fixes every size the tip records: only an authenticated state
        // refuses it.
        let setup = try scene()
        let layout = setup.registry.layout
        for name in ["signatories-by-key", "signatories-by-identity", "signatory-changes"] {
            try Data().write(to: URL(fileURLWithPath: layout.path("state/" + name)))
        }
        let tip = layout.path("state/tip")
        var text = try String(contentsOfFile: tip, encoding: .utf8)
        for field in ["index_count", "identity_count", "changes_length"] {
            text = text.replacing(try Regex("\"\(field)\":[0-9]+"), with: "\"\(field)\":0")
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: tip))
        #expect(throws: RegistryError.self) {
            try setup.append(try setup.signature("PARIS", key: try RegistryTests.key(200)))
        }
        #expect(try setup.verify().entryCount == 4)
    }

    @Test func aTipWithAnotherAppendedAtIsNotTrusted() throws {
        let setup = try scene()
        let tip = setup.registry.layout.path("state/tip")
        let text = try String(contentsOfFile: tip, encoding: .utf8)
        let changed = text.replacing(try Regex("\"appended_at\":\"[^\"]*\""), with: "\"appended_at\":\"9999-99-99T99:99:99Z\"")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: tip))
        try setup.append(try setup.signature("Bordeaux", key: try RegistryTests.key(77)))
        #expect(try setup.verify().entryCount == 5)
    }
}
