/// The SQL that differs between database engines, named in one place.
///
/// Everything else the store writes is SQL that SQLite (3.35 or later) and PostgreSQL both accept: joins,
/// `CASE`, `coalesce`, `INSERT ... ON CONFLICT` upserts, `NULLS LAST`, `count(*) FILTER (WHERE ...)`, bit
/// operators on 64-bit integers. A PostgreSQL backend implements this protocol (and a connection beside
/// `Database`); the planner, the named store methods and the migrations take their engine-specific words from it.
protocol SQLDialect: Sendable {
    /// True when `text` contains `needle` (SQLite `instr`, PostgreSQL `strpos`).
    func contains(_ text: String, _ needle: String, into b: inout SQLBuilder) -> String
    /// True when `text` starts with `prefix`.
    func startsWith(_ text: String, _ prefix: String, into b: inout SQLBuilder) -> String
    /// True when `text` ends with `suffix` (SQLite `substr` with a negative start, PostgreSQL `right`).
    func endsWith(_ text: String, _ suffix: String, into b: inout SQLBuilder) -> String
    /// An aggregate joining `expression` over the group's rows with `separator` (SQLite `group_concat`,
    /// PostgreSQL `string_agg`), in the order of the subquery that feeds it.
    func joined(_ expression: String, separator: String) -> String
    /// `INSERT` that replaces the row with the same `key` (SQLite's `INSERT OR REPLACE` written as a standard upsert).
    func upsert(into table: String, columns: [String], key: [String]) -> String
    /// `INSERT` that does nothing when a row with the same key exists (SQLite's `INSERT OR IGNORE`).
    func insertIgnoringExisting(into table: String, columns: [String]) -> String

    /// Table option for tables clustered on their primary key (SQLite `WITHOUT ROWID`; nothing in PostgreSQL).
    var clusteredOnKey: String { get }
    /// Column type of binary values (SQLite `BLOB`, PostgreSQL `BYTEA`).
    var binaryType: String { get }

    /// Statements run on every new connection (SQLite PRAGMAs: WAL journal, synchronous, cache size).
    func connectionSetup(writable: Bool) -> [String]
    /// Statement starting a transaction that takes the write lock at once (SQLite `BEGIN IMMEDIATE`).
    var beginWriteTransaction: String { get }
    /// Statements switching foreign-key enforcement off and on again for a bulk load whose writer inserts
    /// parents first (SQLite `PRAGMA foreign_keys`; PostgreSQL would defer constraints instead).
    var foreignKeysOff: String { get }
    var foreignKeysOn: String { get }
    /// Query listing the schema's DDL in a stable order (SQLite's `sqlite_schema`).
    var schemaListing: String { get }
    /// Query giving 1 when a table named by the one parameter exists.
    var tableExists: String { get }
    /// Query listing (name, creating SQL) of the explicit indexes of the table named by the one parameter.
    var indexListing: String { get }
    /// Statement setting this connection's page cache size.
    func cacheSize(kilobytes: Int) -> String
    /// Statement letting sorts (index builds) use this many helper threads (SQLite `PRAGMA threads`).
    func sorterThreads(_ count: Int) -> String
    /// The directive that makes a query read `entries` through the named index, in its order (SQLite's `INDEXED BY`;
    /// nil where the engine chooses by itself).
    func scanning(index: String) -> String?
}

/// SQLite's words for `SQLDialect`.
struct SQLiteDialect: SQLDialect {
    func contains(_ text: String, _ needle: String, into b: inout SQLBuilder) -> String {
        "(instr(\(text), \(b.parameter(.text(needle)))) > 0)"
    }

    func startsWith(_ text: String, _ prefix: String, into b: inout SQLBuilder) -> String {
        "(substr(\(text), 1, length(\(b.parameter(.text(prefix))))) = \(b.parameter(.text(prefix))))"
    }

    func endsWith(_ text: String, _ suffix: String, into b: inout SQLBuilder) -> String {
        let length = b.parameter(.text(suffix)), start = b.parameter(.text(suffix)), value = b.parameter(.text(suffix))
        return "(length(\(text)) >= length(\(length)) AND substr(\(text), -length(\(start))) = \(value))"
    }

    func joined(_ expression: String, separator: String) -> String {
        "group_concat(\(expression), '\(separator)')"
    }

    func upsert(into table: String, columns: [String], key: [String]) -> String {
        let updates = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT (\(key.joined(separator: ", "))) "
            + (updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", "))
    }

    func insertIgnoringExisting(into table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT DO NOTHING"
    }

    var clusteredOnKey: String { " WITHOUT ROWID" }
    var binaryType: String { "BLOB" }

    func connectionSetup(writable: Bool) -> [String] {
        // WAL with synchronous=NORMAL is crash-safe; checkpoints every ~40 MB instead of every 4 MB (fewer
        // pauses in bulk imports); a 64 MB page cache.
        (writable ? ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA wal_autocheckpoint = 10000"] : [])
            + ["PRAGMA foreign_keys = ON", cacheSize(kilobytes: Database.cacheKilobytes)]
    }

    var beginWriteTransaction: String { "BEGIN IMMEDIATE" }
    var foreignKeysOff: String { "PRAGMA foreign_keys = OFF" }
    var foreignKeysOn: String { "PRAGMA foreign_keys = ON" }
    var schemaListing: String { "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name" }
    var tableExists: String { "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?" }
    var indexListing: String { "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name" }
    func cacheSize(kilobytes: Int) -> String { "PRAGMA cache_size = -\(kilobytes)" }
    func sorterThreads(_ count: Int) -> String { "PRAGMA threads = \(count)" }
    func scanning(index: String) -> String? { "INDEXED BY \(index)" }
}

/// SQL text with its bound values, built together so that placeholders and values stay in step.
struct SQLBuilder {
    private(set) var bindings: [StoreValue] = []

    /// Binds `value` and returns its placeholder.
    mutating func parameter(_ value: StoreValue) -> String {
        bindings.append(value)
        return "?"
    }
}
