import Foundation

extension Store {
    /// Records the start of an import and returns its id (diagnostics and entries refer to it).
    public func beginImport(source: String, arguments: [String]) throws -> Int64 {
        let begin = try database.prepare("INSERT INTO imports (started_at, source, arguments) VALUES (?, ?, ?)")
        try begin.execute(ISO8601DateFormatter().string(from: Date()), source, arguments.joined(separator: " "))
        return database.lastInsertRowID
    }

    /// Records the end of an import with its summary (JSON), and builds any indexes set aside again.
    public func finishImport(_ importID: Int64, summaryJSON: String) throws {
        let finish = try database.prepare("UPDATE imports SET finished_at = ?, summary = ? WHERE import_id = ?")
        try finish.execute(ISO8601DateFormatter().string(from: Date()), summaryJSON, importID)
        try IndexDeferral.restore(database)
    }

    /// Runs a bulk load with foreign-key checks off: `EntryWriter` inserts an entry before anything that
    /// refers to it, in the same transaction, and deletes nothing with children, so the checks cannot fail,
    /// and checking each child row's parent would cost about 15% of SQLite's insert time.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        try database.execute(dialect.foreignKeysOff)
        defer { try? database.execute(dialect.foreignKeysOn) }
        return try body()
    }

    /// A writer for structures, energies and diagnostics of one import.
    public func entryWriter(source: String, isReference: Bool, importID: Int64?) throws -> EntryWriter {
        try EntryWriter(store: self, source: source, isReference: isReference, importID: importID)
    }
}
