import CSQLite
import CrystalModel

/// A prepared statement, finalized when released; wrapped the way GRDB wraps one. Every bind is checked
/// (`checkBinding`), and a statement is always given exactly as many values as it has parameters
/// (`validateArgumentCount`): a mismatch throws instead of leaving a parameter NULL or stale.
final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    let sql: String
    /// The number of `?` parameters, as SQLite counts them.
    let parameterCount: Int

    init(database: Database, sql: String) throws(StoreError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError(code: rc, message: String(cString: sqlite3_errmsg(database.handle)), sql: sql)
        }
        self.handle = statement
        self.database = database
        self.sql = sql
        self.parameterCount = Int(sqlite3_bind_parameter_count(statement))
    }

    deinit { sqlite3_finalize(handle) }

    /// Ready for the next run. Values stay bound, but every run binds all of them again (the count is checked).
    func reset() {
        sqlite3_reset(handle)
    }

    private func validateArgumentCount(_ count: Int) throws(StoreError) {
        guard count == parameterCount else {
            throw StoreError(code: SQLITE_MISUSE, message: "wrong number of statement arguments: \(count) given, \(parameterCount) expected", sql: sql)
        }
    }

    private func checkBinding(_ rc: Int32) throws(StoreError) {
        guard rc == SQLITE_OK else {
            throw StoreError(code: rc, message: String(cString: sqlite3_errmsg(database.handle)), sql: sql)
        }
    }

    /// Binds every parameter, in order, from a fixed list of values (no array is made). Inlined so that each
    /// call site binds its concrete types directly.
    @inline(__always)
    func bind<each Value: SQLBindable>(_ values: repeat each Value) throws(StoreError) {
        var count = 0
        repeat count += Self.one(each values)
        try validateArgumentCount(count)
        var index: Int32 = 0
        repeat try bindNext(each values, &index)
    }

    @inline(__always)
    private static func one<V>(_: V) -> Int { 1 }

    @inline(__always)
    private func bindNext<V: SQLBindable>(_ value: V, _ index: inout Int32) throws(StoreError) {
        index += 1
        try checkBinding(value.bind(to: handle, at: index))
    }

    /// Binds rows of three values (a multi-row INSERT's), in order; the count is checked.
    func bindRows<A: SQLBindable, B: SQLBindable, C: SQLBindable>(_ rows: [(A, B, C)]) throws(StoreError) {
        try validateArgumentCount(3 * rows.count)
        var index: Int32 = 0
        for (a, b, c) in rows {
            try bindNext(a, &index)
            try bindNext(b, &index)
            try bindNext(c, &index)
        }
    }

    /// Binds every parameter, in order, from values built at run time (a compiled filter's).
    func bind(_ values: [StoreValue]) throws(StoreError) {
        try validateArgumentCount(values.count)
        for (offset, value) in values.enumerated() {
            try checkBinding(value.bind(to: handle, at: Int32(offset + 1)))
        }
    }

    /// Binds `values` and steps to the end (an INSERT, UPDATE or DELETE), then resets.
    @inline(__always)
    func execute<each Value: SQLBindable>(_ values: repeat each Value) throws(StoreError) {
        try bind(repeat each values)
        try run()
    }

    /// Steps to the end, then resets.
    func run() throws(StoreError) {
        let rc = sqlite3_step(handle)
        defer { reset() }
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw StoreError(code: rc, message: String(cString: sqlite3_errmsg(database.handle)), sql: sql)
        }
    }

    /// Steps once: true when a row is available.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw StoreError(code: rc, message: String(cString: sqlite3_errmsg(database.handle)), sql: sql)
    }

    var columnCount: Int32 { sqlite3_column_count(handle) }
    func columnName(_ index: Int32) -> String { String(cString: sqlite3_column_name(handle, index)) }
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }
    func int(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
    func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }
    func text(_ index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        return String(cString: pointer)
    }
    /// The element whose symbol the column holds, read from SQLite's bytes without making a String.
    func element(_ index: Int32) -> Element? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        return Element(symbolBytes: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, index))))
    }
    func optionalInt(_ index: Int32) -> Int64? { isNull(index) ? nil : int(index) }
    func optionalDouble(_ index: Int32) -> Double? { isNull(index) ? nil : double(index) }

    /// The column's bytes, valid until the next step or reset (no copy).
    func withBytes<T, E: Error>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws(E) -> T) throws(E) -> T {
        let pointer = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }

    func value(_ index: Int32) -> StoreValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(int(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_NULL: return .null
        default: return .text(text(index) ?? "")
        }
    }
}

/// SQLite handles belong to the thread that uses them: the compiler refuses to send a statement elsewhere.
@available(*, unavailable)
extension Statement: Sendable {}
