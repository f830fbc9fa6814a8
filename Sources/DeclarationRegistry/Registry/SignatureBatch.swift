import Dispatch
import Foundation

/// Checks many statement signatures at once on every core.
enum SignatureBatch {
    /// The index of the first statement whose signature does not verify, or
    /// nil when all do.
    static func firstInvalid(in statements: [Statement]) -> Int? {
        let count = statements.count
        guard count > 0 else { return nil }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // A few chunks per core evens out the load when cores are shared.
        let chunks = min(count, workers * 4)
        let results = ResultSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * count / chunks
            let end = (chunk + 1) * count / chunks
            for index in start..<end {
                results.set(index, statements[index].hasValidSignature)
            }
        }
        return results.firstFalse()
    }
}

/// One Boolean per statement, written by exactly one worker each.
///
/// `@unchecked Sendable` is safe because every index is written by one
/// worker only, and `concurrentPerform` returns only after all workers are
/// done, which orders their writes before the final read.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Bool>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: false)
    }

    deinit {
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Bool) {
        slots[index] = value
    }

    func firstFalse() -> Int? {
        slots.firstIndex(of: false)
    }
}
