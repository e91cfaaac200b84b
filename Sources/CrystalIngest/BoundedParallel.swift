import Dispatch
import Foundation

/// Runs work on at most `jobs` threads at once: the bound `--jobs` promises. Workers claim indices from a
/// shared counter, so uneven items (a symmetric crystal beside a P1 one) still spread over the workers.
enum BoundedParallel {
    /// Calls `body` once for every index in `0..<count`, on at most `jobs` threads (and at most the machine's
    /// cores, the limit of `DispatchQueue.concurrentPerform`). Returns when every call has returned.
    static func forEach(count: Int, jobs: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            for index in 0..<count { body(index) }
            return
        }
        let counter = ClaimCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = counter.claim(below: count) { body(index) }
        }
    }
}

/// The next unclaimed index, under a lock (one lock per item: negligible beside parsing a file).
private final class ClaimCounter: @unchecked Sendable {
    // @unchecked: `next` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var next = 0

    func claim(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
