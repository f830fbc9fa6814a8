import Dispatch
import Foundation

/// Checks what can be checked of each statement of a batch on its own (the
/// form of every field, and the signature) at once on every core, for an
/// append to report in order.
enum StatementBatch {
    /// What was found of one statement.
    struct Check: Sendable {
        /// Why a field's form is refused, if one is.
        var fieldError: FieldError?
        /// Whether the signature verifies; false too when a field is refused.
        var signatureIsValid: Bool
    }

    /// The checks of `statements`, in their order.
    static func check(_ statements: [Statement]) -> [Check] {
        let count = statements.count
        guard count > 0 else { return [] }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // A few chunks per core evens out the load when cores are shared.
        let chunks = min(count, workers * 4)
        let results = CheckSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                let statement = statements[index]
                do throws(FieldError) {
                    try statement.validate()
                    results.set(index, Check(fieldError: nil, signatureIsValid: statement.hasValidSignature))
                } catch {
                    results.set(index, Check(fieldError: error, signatureIsValid: false))
                }
            }
        }
        return results.checks
    }
}

/// One check per statement, written by exactly one worker each.
///
/// `@unchecked Sendable` is safe because every index is written by one
/// worker only, and `concurrentPerform` returns only after all workers are
/// done, which orders their writes before the final read.
private final class CheckSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<StatementBatch.Check>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: StatementBatch.Check(fieldError: nil, signatureIsValid: false))
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ check: StatementBatch.Check) {
        slots[index] = check
    }

    var checks: [StatementBatch.Check] {
        Array(slots)
    }
}
