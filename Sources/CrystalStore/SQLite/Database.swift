import CSQLite
import Foundation

/// One SQLite connection, wrapped thinly in GRDB's manner. Internal to the store: other targets use `Store`
/// and its named methods, and never see SQL.
final class Database {
    let handle: OpaquePointer
    let path: String
    let dialect: any SQLDialect = SQLiteDialect()
    /// Statements kept prepared by `prepareCached` (read statements a long-running reader repeats), by SQL text.
    var statementCache = StatementCache()

    enum Mode { case readOnly, readWrite }

    /// SQLite's page cache per connection (kB).
    static let cacheKilobytes = 65536

    /// How long a statement waits for another process's write lock before it fails with SQLITE_BUSY.
    static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Process-wide SQLite set-up, once, before the first connection.
    private static let configured: Bool = {
        _ = CSQLite_disable_memstatus()
        return true
    }()

    /// Opens (creating if needed, in read-write mode) a store file; WAL journal, foreign keys on,
    /// double-quoted string literals off, `sites` and the other store functions registered.
    init(path: String, mode: Mode = .readWrite) throws(StoreError) {
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
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        var unused: Int32 = 0
        _ = CSQLite_db_config_int(db, SQLITE_DBCONFIG_DQS_DML, 0, &unused)
        _ = CSQLite_db_config_int(db, SQLITE_DBCONFIG_DQS_DDL, 0, &unused)
        for statement in dialect.connectionSetup(writable: mode == .readWrite) {
            try executeWaitingForLock(statement)
        }
        try registerFunctions()
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements without parameters or results.
    func execute(_ sql: String) throws(StoreError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw StoreError(code: rc, message: message, sql: sql)
        }
    }

    /// `execute`, retried while another connection holds a lock that SQLite's busy handler does not wait for
    /// (switching a new file to WAL does not call it), for up to the busy timeout.
    func executeWaitingForLock(_ sql: String) throws(StoreError) {
        var waited: Int32 = 0
        while true {
            do {
                try execute(sql)
                return
            } catch {
                guard error.code & 0xff == SQLITE_BUSY || error.code & 0xff == SQLITE_LOCKED, waited < Self.busyTimeoutMilliseconds else { throw error }
                usleep(20_000)
                waited += 20
            }
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` in a write transaction: commit on return, rollback on any throw (the first error wins).
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute(dialect.beginWriteTransaction)
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Frees the page cache's unused memory.
    func releaseMemory() { sqlite3_db_release_memory(handle) }

    /// True outside a transaction (another connection then sees everything this one does).
    var isIdle: Bool { sqlite3_get_autocommit(handle) != 0 }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A connection belongs to one thread at a time: the compiler refuses to send it elsewhere.
@available(*, unavailable)
extension Database: Sendable {}
