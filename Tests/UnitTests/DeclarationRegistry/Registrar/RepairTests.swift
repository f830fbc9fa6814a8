@testable import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing

/// Repair, and the repair an append makes on its own, remove whatever is
/// past the registrar's checkpoint, whatever it is, keeping it in a backup.
@Suite struct RepairTests {
    typealias Setup = RegistryTests.Setup

    private func appendToLedger(_ setup: Setup, _ bytes: [UInt8]) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: setup.registry.layout.ledger))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    private func backups(_ setup: Setup) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: setup.registry.layout.directory)
            .filter { $0.hasPrefix("ledger.removed-") }
    }

    /// Tails no append could leave, each of which anyone who can write the
    /// ledger could.
    private static let tails: [(String, [UInt8])] = [
        ("an unparseable line", Array("not json\n".utf8)),
        ("a valid JSON line that is not an entry", Array("{\"a\":1}\n".utf8)),
        ("two bad lines and torn bytes", Array("{}\n[]\nxyz".utf8)),
        ("a long line with no line feed", [UInt8](repeating: UInt8(ascii: "z"), count: 200_000)),
        ("a long line with a line feed", [UInt8](repeating: UInt8(ascii: "z"), count: 100_000) + [0x0A]),
    ]

    @Test(arguments: 0..<tails.count)
    func repairRemovesAnyTailPastTheCheckpoint(_ index: Int) throws {
        let (label, tail) = Self.tails[index]
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        let ledger = try Data(contentsOf: URL(fileURLWithPath: setup.registry.layout.ledger))
        try appendToLedger(setup, tail)
        let result = try #require(try setup.registry.repair(), "\(label)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.registry.layout.ledger)) == ledger, "\(label)")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: result.backupPath))) == tail, "\(label)")
        #expect(try setup.verify().entryCount == 1)
    }

    @Test(arguments: 0..<tails.count)
    func appendWithoutStateRemovesAnyTailPastTheCheckpoint(_ index: Int) throws {
        let (label, tail) = Self.tails[index]
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        try appendToLedger(setup, tail)
        try FileManager.default.removeItem(atPath: setup.registry.layout.path("state"))
        let result = try setup.append(try setup.signature("Lyon", key: try RegistryTests.key(2)))
        #expect(result.repaired != nil, "\(label)")
        #expect(try backups(setup).count == 1, "\(label)")
        #expect(try setup.verify().entryCount == 2, "\(label)")
    }

    @Test func aLedgerCutBelowTheCheckpointIsStillRefused() throws {
        let setup = try Setup()
        try setup.append(try setup.signature("Paris", key: try RegistryTests.key(1)))
        try setup.append(try setup.signature("Lyon", key: try RegistryTests.key(2)))
        let lines = try String(contentsOfFile: setup.registry.layout.ledger, encoding: .utf8).split(separator: "\n")
        try Data((lines[0] + "\n").utf8).write(to: URL(fileURLWithPath: setup.registry.layout.ledger))
        #expect(throws: RegistryError.self) { try setup.registry.repair() }
        #expect(try backups(setup).isEmpty)
    }
}
