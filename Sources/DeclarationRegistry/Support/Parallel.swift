import Dispatch
import Foundation

/// Work split over every core, with the results gathered in order.
package enum Parallel {
    /// Splits `0..<count` into consecutive slices, a few per core (which
    /// evens out the load when cores are shared), runs `body` on every
    /// slice at once, and returns what each gave, in slice order. Empty
    /// when `count` is zero.
    package static func slices<Result: Sendable>(of count: Int,
                                                _ body: @Sendable (Range<Int>) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        let slices = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        let results = Slots<Result>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            results.store(slice, body((slice * count / slices)..<((slice + 1) * count / slices)))
        }
        return results.values
    }

    /// `slices(of:_:)`, with `task` run at the same time as one more piece
    /// of work (reading the next block while this one is hashed, say);
    /// returns once both are done.
    package static func slices<Result: Sendable>(of count: Int, alongside task: @Sendable () -> Void,
                                                _ body: @Sendable (Range<Int>) -> Result) -> [Result] {
        let slices = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        let results = Slots<Result>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices + 1) { slice in
            guard slice < slices else { return task() }
            results.store(slice, body((slice * count / slices)..<((slice + 1) * count / slices)))
        }
        return results.values
    }
}

/// One result per slice, written from several threads.
///
/// `@unchecked Sendable` is safe because every slot is written once, under
/// the lock, by the one iteration of `concurrentPerform` it belongs to, and
/// read only after `concurrentPerform` has returned.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    /// Every slot's value, in order; `concurrentPerform` has filled them all.
    var values: [Value] {
        lock.withLock { slots.compactMap { $0 } }
    }
}
