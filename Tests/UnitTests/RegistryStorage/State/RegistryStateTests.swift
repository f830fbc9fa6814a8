import CryptoPrimitives
@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TransparencyLog

/// The derived state beside the ledger: used when it matches, rebuilt when
/// it does not, and never the reason a rule is missed.
@Suite struct RegistryStateTests {
    typealias Setup = RegistryTests.Setup

    private func tipPath(_ setup: Setup) -> String {
        setup.registry.layout.path("state/tip")
    }

    @Test func appendKeepsTheStateInStepWithTheCheckpoint() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        try setup.append(try setup.signature("Lyon", key: try RegistryTests.key(2)))
        let checkpoint = try setup.verify().checkpoint
        let (state, _) = try #require(RegistryState.load(setup.registry.layout, checkpoint: checkpoint,
                                                               registrarKey: setup.registrarKey.publicKey))
        #expect(state.size == 2)
        #expect(state.chainHead == checkpoint.chainHead)
        #expect(state.tree.root == checkpoint.rootHash)
    }

    @Test func rulesHoldAcrossMergesOfTheIndex() throws {
        var setup = try Setup()
        var registry = setup.registry
        registry.indexMergeThreshold = 2
        setup = Setup(copying: setup, registry: registry)
        let keys = try (1...6).map { try RegistryTests.key(UInt8($0)) }
        for (index, key) in keys.enumerated() {
            try setup.append(try setup.signature("City \(index)", key: key))
        }
        // Each rule, answered from the merged files and from the log.
        for (index, key) in keys.enumerated() {
            #expect(throws: RegistryError.self) { try setup.append(try setup.signature("Other \(index)", key: key)) }
            #expect(throws: RegistryError.self) {
                try setup.append(try setup.signature("CITY \(index)", key: try RegistryTests.key(UInt8(100 + index))))
            }
        }
        try setup.append(try setup.withdrawal(key: keys[0]))
        try setup.append(try setup.withdrawal(key: keys[4]))
        #expect(throws: RegistryError.self) { try setup.append(try setup.withdrawal(key: keys[0])) }
        try setup.append(try setup.signature("City 0", key: try RegistryTests.key(50)))
        // The same key signs again, later than its withdrawal; its old
        // signature, replayed, is refused even from the merged files.
        #expect(throws: RegistryError.self) { try setup.append(try setup.signature("City 4", key: keys[4])) }
        try setup.append(try setup.signature("City 4", key: keys[4], signedAt: "2016-12-09T12:00:00Z"))
        let report = try setup.verify()
        #expect(report.entryCount == 10)
        #expect(report.roll.active.count == 6)
    }

    @Test func missingStateIsRebuilt() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        try FileManager.default.removeItem(atPath: setup.registry.layout.path("state"))
        #expect(throws: RegistryError.self) { try setup.append(try setup.signature("paris", key: try RegistryTests.key(2))) }
        try setup.append(try setup.signature("Lyon", key: try RegistryTests.key(3)))
        #expect(try setup.verify().entryCount == 2)
    }

    @Test func aStateThatDisagreesWithTheLedgerIsNotTrusted() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        // An index that forgot Paris would let a duplicate through; the
        // tip still matches, so only the rebuild on mismatch can save us
        // when the tip is stale. Make the tip stale by rewinding it.
        let tip = tipPath(setup)
        let text = try String(contentsOfFile: tip, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"size\":1", with: "\"size\":0").utf8).write(to: URL(fileURLWithPath: tip))
        #expect(throws: RegistryError.self) { try setup.append(try setup.signature("PARIS", key: try RegistryTests.key(2))) }
        try setup.append(try setup.signature("Lyon", key: try RegistryTests.key(3)))
        #expect(try setup.verify().entryCount == 2)
    }

    @Test func stateOfAnotherLedgerIsNotTrusted() throws {
        let first = try Setup()
        try first.append(try first.signature("Paris", key: try RegistryTests.key(1)))
        let second = try Setup()
        try second.append(try second.signature("Lyon", key: try RegistryTests.key(2)))
        // Swap the state folders: sizes agree, but chain heads do not.
        try FileManager.default.removeItem(atPath: second.registry.layout.path("state"))
        try FileManager.default.copyItem(atPath: first.registry.layout.path("state"), toPath: second.registry.layout.path("state"))
        #expect(throws: RegistryError.self) { try second.append(try second.signature("LYON", key: try RegistryTests.key(3))) }
        try second.append(try second.signature("Paris", key: try RegistryTests.key(4)))
        #expect(try second.verify().entryCount == 2)
    }
}

extension RegistryTests.Setup {
    /// The same registry, reached through `registry` (to change its settings).
    init(copying other: RegistryTests.Setup, registry: Registry) {
        self.init(directory: other.directory, registry: registry, registrarKey: other.registrarKey, declaration: other.declaration)
    }
}
