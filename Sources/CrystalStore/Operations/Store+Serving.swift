import Foundation

extension Store {
    /// A read-only store for a long-running reader (the OPTIMADE server): it never writes, so a store from an
    /// older crystaldb is refused rather than upgraded, and `query_only` guards against any write. `pageCacheKiB`
    /// bounds SQLite's page cache of this connection. With WAL, it reads the last committed state while an
    /// import writes.
    public static func openReadOnly(path: String, pageCacheKiB: Int) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: 14, message: "\(path): no such store (create it with crystaldb import)")
        }
        let db = try Database(path: path, mode: .readOnly)
        guard try Migrations.isStore(db) else {
            throw StoreError(code: 26, message: "\(path): not a crystaldb store")
        }
        guard try Migrations.state(db) == .current else {
            throw StoreError(code: 0, message: "\(path): the store's schema is older than this crystaldb; run `crystaldb stats --db \(path)` once to upgrade it")
        }
        try db.execute("PRAGMA query_only = 1")
        try db.execute("PRAGMA cache_size = -\(max(1024, pageCacheKiB))")
        return Store(database: db)
    }

    /// A number that changes whenever another connection commits to the store (SQLite's `PRAGMA data_version`;
    /// comparable only with earlier values from this same store object).
    public func dataVersion() throws -> Int64 {
        let statement = try database.prepare("PRAGMA data_version")
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }

    /// Runs `body` in one read transaction: every statement in it sees the same committed state.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try database.execute("BEGIN")
        do {
            let value = try body()
            try database.execute("COMMIT")
            return value
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }
}

extension Store {
    /// SQLite's plan for a statement the planner wrote (`EXPLAIN QUERY PLAN`), one line per step, indented by depth.
    public func explain(_ plan: QueryPlan) throws -> [String] {
        let statement = try database.prepare("EXPLAIN QUERY PLAN " + plan.sql)
        try statement.bind(plan.bindings)
        var depth = [Int64: Int]()
        var lines = [String]()
        while try statement.step() {
            let level = (depth[statement.int(1)] ?? -1) + 1
            depth[statement.int(0)] = level
            lines.append(String(repeating: "  ", count: level) + (statement.text(3) ?? ""))
        }
        return lines
    }
}
