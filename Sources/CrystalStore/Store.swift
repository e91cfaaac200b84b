import Foundation

/// Opening a store: the database file with its schema brought up to date.
public enum Store {
    /// Opens or creates a store for writing and applies missing migrations.
    public static func openForWriting(path: String) throws -> Database {
        let db = try Database(path: path, mode: .readWrite)
        try Migrations.migrate(db)
        return db
    }

    /// Opens an existing store for reading; refuses a file that is missing or not a crystaldb store.
    public static func openForReading(path: String) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: 14, message: "\(path): no such store (create it with crystaldb import)")
        }
        let db = try Database(path: path, mode: .readOnly)
        let check = try db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'")
        guard try check.step(), check.int(0) == 1 else {
            throw StoreError(code: 26, message: "\(path): not a crystaldb store")
        }
        let versions = try db.prepare("SELECT max(version) FROM schema_migrations")
        if try versions.step(), let newest = versions.optionalInt(0) {
            if newest > Int64(Migrations.all.count) {
                throw StoreError(code: 0, message: "\(path): store schema version \(newest) is newer than this crystaldb")
            }
            if newest < Int64(Migrations.all.count) {
                // A store from an older crystaldb: bring it up to date once, then read.
                _ = try openForWriting(path: path)
                return try Database(path: path, mode: .readOnly)
            }
        }
        return db
    }
}
