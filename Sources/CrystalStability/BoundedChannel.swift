import Foundation

/// Hands batches from one producer thread to one consumer thread, at most `capacity` batches waiting: the
/// producer blocks when the consumer falls behind, so memory stays bounded.
///
/// `@unchecked Sendable`: every stored property is read and written only while holding `condition`.
final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Waiting elements, oldest first (at most `capacity`, so removing the first is cheap).
    private var queue: [Element] = []
    private var closed = false
    private var cancelled = false
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Waits for room, then queues `element`; drops it when the consumer has cancelled.
    func send(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return }
        queue.append(element)
        condition.broadcast()
    }

    /// No more elements will be sent.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops: later sends return at once.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The next element, or nil once the channel is closed and empty.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        guard !queue.isEmpty else { return nil }
        // Removed, not just passed over: a consumed element must not stay referenced.
        let element = queue.removeFirst()
        condition.broadcast()
        return element
    }
}
