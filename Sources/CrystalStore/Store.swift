import Foundation

/// An open store: the database file with its schema brought up to date, and every operation on it as a named
/// method (`entries(_:)`, `hullInputs()`, `writeHullResults`, `symmetryCandidates`, `statistics`, ...). Other
/// targets say what they need; only this target writes SQL.
///
/// Not Sendable: a store (one SQLite connection) is used by one thread at a time. Open another store on the
/// same file for another thread.
public final class Store {
    let database: Database
    public var path: String { database.path }
    var dialect: any SQLDialect { database.dialect }

    init(database: Database) {
        self.database = database
    }

    /// Opens or creates a store for writing, applies missing migrations, and builds indexes that an
    /// interrupted import set aside.
    public static func openForWriting(path: String) throws -> Store {
        let db = try Database(path: path, mode: .readWrite)
        try Migrations.migrate(db)
        try IndexDeferral.restore(db)
        return Store(database: db)
    }

    /// Opens an existing store for reading; refuses a file that is missing or not a crystaldb store. A store
    /// written by an older crystaldb is brought up to date first (once, under the write lock).
    public static func openForReading(path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: 14, message: "\(path): no such store (create it with crystaldb import)")
        }
        let db = try Database(path: path, mode: .readOnly)
        guard try Migrations.isStore(db) else {
            throw StoreError(code: 26, message: "\(path): not a crystaldb store")
        }
        switch try Migrations.state(db) {
        case .current:
            return Store(database: db)
        case .older:
            _ = try openForWriting(path: path)
            return Store(database: try Database(path: path, mode: .readOnly))
        }
    }

    /// Runs `body` in one write transaction: commit on return, rollback on any throw (the first error wins).
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try database.inTransaction(body)
    }
}

/// A store belongs to one thread at a time: the compiler refuses to send it elsewhere.
@available(*, unavailable)
extension Store: Sendable {}

extension Store {
    /// Raw SQL on the store's connection: internal, for this target and for tests (`@testable import`).
    func prepare(_ sql: String) throws(StoreError) -> Statement { try database.prepare(sql) }
    func execute(_ sql: String) throws(StoreError) { try database.execute(sql) }
}
