import Foundation

/// Secondary indexes set aside during a large import and built again at its end: inserting a row into six
/// indexes costs more than the row itself, and building an index over rows in bulk is a sort. The statements
/// that create them are kept in `settings` (in the transaction that drops them), so that an import killed
/// meanwhile leaves a store that the next writer repairs (`restore`); unique indexes stay, since they decide
/// whether an id is new.
enum IndexDeferral {
    /// The `settings` key holding the CREATE INDEX statements of set-aside indexes, as a JSON array of strings
    /// (an index's SQL may span lines).
    static let settingsKey = "deferred_indexes"
    /// The tables an import fills whose secondary indexes may be set aside.
    static let tables = ["entries", "compositions", "symmetry"]
    /// An import sets the indexes aside once it has inserted this many entries...
    static let minimumEntries = 5_000
    /// ...and at least this fraction of the entries the store held when it began (building them again costs a
    /// sort of the whole table).
    static let minimumFractionOfStore = 0.5

    /// Whether an import that has inserted `inserted` entries into a store that held `existing` should set the
    /// indexes aside now.
    static func worthwhile(inserted: Int, existing: Int) -> Bool {
        inserted >= minimumEntries && Double(inserted) >= minimumFractionOfStore * Double(existing)
    }

    /// Drops the secondary indexes of `tables` and records how to create them again (call inside a transaction).
    static func setAside(_ db: Database) throws {
        let listing = try db.prepare("""
            SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
            AND tbl_name IN ('entries', 'compositions', 'symmetry') ORDER BY name
            """)
        var indexes = [(name: String, sql: String)]()
        while try listing.step() {
            if let name = listing.text(0), let sql = listing.text(1) { indexes.append((name, sql)) }
        }
        listing.reset()
        guard !indexes.isEmpty else { return }
        let saved = try encode(try pending(db) + indexes.map(\.sql))
        let record = try db.prepare(db.dialect.upsert(into: "settings", columns: ["key", "value"], key: ["key"]))
        try record.execute(settingsKey, saved)
        for index in indexes { try db.execute("DROP INDEX \(index.name)") }
    }

    /// The CREATE INDEX statements of indexes set aside and not yet built again.
    static func pending(_ db: Database) throws -> [String] {
        let read = try db.prepare("SELECT value FROM settings WHERE key = ?")
        try read.bind(settingsKey)
        guard try read.step(), let value = read.text(0) else { return [] }
        guard let list = try? JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String] else {
            throw StoreError(code: 0, message: "settings '\(settingsKey)' is not a JSON array of statements: \(value.prefix(80))")
        }
        return list
    }

    static func encode(_ statements: [String]) throws -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: statements), let text = String(data: data, encoding: .utf8) else {
            throw StoreError(code: 0, message: "cannot encode the set-aside index statements")
        }
        return text
    }

    /// Builds every set-aside index again (those another writer built already are left alone), in one transaction.
    static func restore(_ db: Database) throws {
        guard try !pending(db).isEmpty else { return }
        try db.inTransaction {
            let statements = try pending(db)
            for sql in statements where sql.hasPrefix("CREATE INDEX ") {
                try db.execute("CREATE INDEX IF NOT EXISTS " + sql.dropFirst("CREATE INDEX ".count))
            }
            let delete = try db.prepare("DELETE FROM settings WHERE key = ?")
            try delete.execute(settingsKey)
        }
    }
}
