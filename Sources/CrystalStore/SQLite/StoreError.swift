import CSQLite

/// A failing SQLite call: the extended result code, SQLite's message and the SQL text (never bound values).
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The disk is full or failed under a write: the transaction was rolled back, earlier commits are intact.
    public var isWriteFailure: Bool { [SQLITE_FULL, SQLITE_IOERR].contains(code & 0xff) }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in: \($0.prefix(200)))" } ?? "")
    }
}
