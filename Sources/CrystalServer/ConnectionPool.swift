import CrystalStore
import NIOConcurrencyHelpers
import NIOPosix

/// Read-only SQLite connections to the store, each used by one request at a time on a thread of its own pool:
/// SQLite's blocking calls never run on the server's event loops or Swift's cooperative threads. With WAL,
/// readers see the last committed state while an import writes.
final class ConnectionPool: Sendable {
    let size: Int
    private let threads: NIOThreadPool
    /// Idle connections. `Store` is not Sendable: a connection is only ever used by the one job that took it.
    private let idle: NIOLockedValueBox<[UnsafeTransferBox<PooledConnection>]>
    /// Counts shared by the connections while the store does not change.
    let counts: CountCache

    init(path: String, size: Int, pageCacheKiB: Int, countCacheEntries: Int) throws {
        self.size = size
        var connections = [UnsafeTransferBox<PooledConnection>]()
        for _ in 0..<size {
            let store = try Store.openReadOnly(path: path, pageCacheKiB: pageCacheKiB)
            connections.append(UnsafeTransferBox(PooledConnection(store: store)))
        }
        idle = NIOLockedValueBox(connections)
        counts = CountCache(capacity: countCacheEntries)
        threads = NIOThreadPool(numberOfThreads: size)
        threads.start()
    }

    /// Runs `body` with an idle connection on a pool thread. At most `size` jobs run at once, so one is free.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PooledConnection) throws -> T) async throws -> T {
        try await threads.runIfActive { [idle] in
            guard let box = idle.withLockedValue({ $0.popLast() }) else { throw PoolExhausted() }
            defer { idle.withLockedValue { $0.append(box) } }
            return try body(box.value)
        }
    }

    func shutdown() async throws {
        try await threads.shutdownGracefully()
    }

    struct PoolExhausted: Error {}
}

/// One read connection and the store's data version it saw last.
final class PooledConnection {
    let store: Store
    var dataVersion: Int64?

    init(store: Store) {
        self.store = store
    }
}

/// Carries a non-Sendable value across a concurrency boundary. Safe here because the pool hands each connection
/// to one job at a time under its lock, and a job uses it only on its own thread.
struct UnsafeTransferBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
