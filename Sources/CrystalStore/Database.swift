import CSQLite
import Foundation

/// One SQLite connection, wrapped thinly in GRDB's manner. Not Sendable: use it from one thread.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    public enum Mode { case readOnly, readWrite }

    /// Opens (creating if needed, in read-write mode) a store file; WAL journal, foreign keys on,
    /// double-quoted string literals off.
    /// Process-wide SQLite set-up, once, before the first connection.
    private static let configured: Bool = {
        _ = CSQLite_disable_memstatus()
        return true
    }()

    public init(path: String, mode: Mode = .readWrite) throws(StoreError) {
        _ = Self.configured
        var db: OpaquePointer?
        let flags = (mode == .readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            var message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            if rc & 0xff == SQLITE_CANTOPEN {
                message += mode == .readOnly ? " (no such store)" : " (its folder is missing or not writable, or the disk is read-only)"
            }
            throw StoreError(code: rc, message: "\(path): \(message)")
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 10_000)
        var unused: Int32 = 0
        _ = CSQLite_db_config_int(db, SQLITE_DBCONFIG_DQS_DML, 0, &unused)
        _ = CSQLite_db_config_int(db, SQLITE_DBCONFIG_DQS_DDL, 0, &unused)
        if mode == .readWrite {
            try execute("PRAGMA journal_mode = WAL")
            try execute("PRAGMA synchronous = NORMAL")
            // Checkpoint the WAL every ~40 MB instead of every 4 MB: fewer pauses during bulk imports.
            try execute("PRAGMA wal_autocheckpoint = 10000")
        }
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA cache_size = -65536")
    }

    deinit { sqlite3_close_v2(handle) }

    func check(_ rc: Int32, sql: String? = nil) throws(StoreError) {
        guard rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw StoreError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws(StoreError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw StoreError(code: rc, message: message, sql: sql)
        }
    }

    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` in a transaction: commit on return, rollback on any throw (the first error wins).
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }
}

