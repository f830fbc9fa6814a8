import Foundation
import RegistryFormat
import Testing
import TestSupport

/// Every change to a registry is caught at the right place. The suite runs a
/// small matrix; `scripts/tamper-matrix.sh` runs the full one by setting
/// `TAMPER_MATRIX_ENTRIES`, `TAMPER_MATRIX_CHANGES`, `TAMPER_MATRIX_SEED` and
/// `TAMPER_MATRIX_LINE_STRIDE` (1: every line).
@Suite struct TamperMatrixTests {
    private static func setting(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? value
    }

    @Test func everyChangeIsDetectedAtTheRightPlace() throws {
        let directory = try TemporaryDirectory()
        let configuration = TamperMatrix.Configuration(
            entries: Self.setting("TAMPER_MATRIX_ENTRIES", default: 30),
            byteChanges: Self.setting("TAMPER_MATRIX_CHANGES", default: 150),
            seed: UInt64(Self.setting("TAMPER_MATRIX_SEED", default: 2016)),
            lineStride: Self.setting("TAMPER_MATRIX_LINE_STRIDE", default: 3))
        let figures = try TamperMatrix.run(configuration, in: directory.path("matrix"))
        if let report = ProcessInfo.processInfo.environment["TAMPER_MATRIX_REPORT"] {
            let text = "entries \(configuration.entries), byte changes \(configuration.byteChanges), seed \(configuration.seed)\n"
                + figures.description + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: report))
        }
        let total = figures.total
        #expect(total.tried >= configuration.byteChanges + 4 * configuration.entries / configuration.lineStride)
        #expect(total.detected == total.tried, "\(figures)")
        #expect(total.misplaced == 0, "\(figures)")
        #expect(total.interrupted == 0, "\(figures)")
        #expect(total.wrongKind == 0, "\(figures)")
        #expect(figures.falseAlarms.isEmpty, "\(figures)")
    }

    @Test func syntheticRegistryIsReproducible() throws {
        let directory = try TemporaryDirectory()
        let first = try SyntheticRegistry.build(in: directory.path("a"), entries: 15, seed: 7)
        let second = try SyntheticRegistry.build(in: directory.path("b"), entries: 15, seed: 7)
        let ledgerA = try Data(contentsOf: URL(fileURLWithPath: first.directory + "/ledger.jsonl"))
        let ledgerB = try Data(contentsOf: URL(fileURLWithPath: second.directory + "/ledger.jsonl"))
        #expect(ledgerA == ledgerB)
        #expect(first.checkpoints == second.checkpoints)
        #expect(first.statements.contains { if case .withdrawal = $0.content { true } else { false } })
    }
}
