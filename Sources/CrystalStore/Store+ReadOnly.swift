import Foundation

extension Store {
    /// A read-only connection for a long-running reader (the OPTIMADE server): never writes, so a store from an
    /// older crystaldb is refused rather than upgraded, and `query_only` guards against any write. `pageCacheKiB`
    /// bounds SQLite's page cache of this connection.
    public static func openReadOnlyConnection(path: String, pageCacheKiB: Int) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: 14, message: "\(path): no such store (create it with crystaldb import)")
        }
        let db = try Database(path: path, mode: .readOnly)
        let check = try db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'")
        guard try check.step(), check.int(0) == 1 else {
            throw StoreError(code: 26, message: "\(path): not a crystaldb store")
        }
        let versions = try db.prepare("SELECT max(version) FROM schema_migrations")
        if try versions.step(), let newest = versions.optionalInt(0), newest != Int64(Migrations.all.count) {
            throw StoreError(code: 0, message: newest > Int64(Migrations.all.count)
                ? "\(path): store schema version \(newest) is newer than this crystaldb"
                : "\(path): store schema version \(newest) is older than this crystaldb; run `crystaldb stats --db \(path)` once to upgrade it")
        }
        try db.execute("PRAGMA query_only = 1")
        try db.execute("PRAGMA cache_size = -\(max(1024, pageCacheKiB))")
        return db
    }
}
