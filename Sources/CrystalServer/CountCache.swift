import CrystalStore
import NIOConcurrencyHelpers

/// Counts (`data_returned`, `data_available`) by the statement that counts, shared by the read connections and kept
/// while the store does not change. Each connection reads SQLite's `data_version` (which moves when another
/// connection commits: an import, a hull run) before its request's read transaction starts; when it moved, the
/// cache is emptied and its generation advances, and a count computed under an older generation is not kept.
/// Paging through a listing repeats the same count on every page; on a million entries some counts cost tens or
/// hundreds of milliseconds. Bounded: the oldest entries go first.
final class CountCache: Sendable {
    let capacity: Int
    private struct State {
        var generation = 0
        var counts: [String: Int] = [:]
        var order: [String] = []
    }
    private let state = NIOLockedValueBox(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The current generation; call after checking the connection's data version.
    var generation: Int { state.withLockedValue { $0.generation } }

    /// Forgets every count (the store changed).
    func invalidate() {
        state.withLockedValue {
            $0.generation += 1
            $0.counts.removeAll(keepingCapacity: true)
            $0.order.removeAll(keepingCapacity: true)
        }
    }

    static func key(_ plan: QueryPlan) -> String {
        plan.sql + "\u{0}" + plan.bindings.map { "\($0)" }.joined(separator: "\u{1}")
    }

    /// The cached count for `plan`, or `compute()`'s, remembered when the generation is still `generation`.
    func count(_ plan: QueryPlan, generation: Int, compute: () throws -> Int) rethrows -> Int {
        guard capacity > 0 else { return try compute() }
        let key = Self.key(plan)
        if let known = state.withLockedValue({ $0.counts[key] }) { return known }
        let value = try compute()
        state.withLockedValue { state in
            guard state.generation == generation, state.counts[key] == nil else { return }
            if state.counts.count >= capacity, !state.order.isEmpty { state.counts[state.order.removeFirst()] = nil }
            state.counts[key] = value
            state.order.append(key)
        }
        return value
    }
}
