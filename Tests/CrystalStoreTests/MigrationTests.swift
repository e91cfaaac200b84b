import Foundation
import Testing
@testable import CrystalStore

@Suite struct MigrationTests {
    static let schemaFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schema/schema.sql")

    func scratchStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-\(UUID().uuidString).sqlite").path
    }

    @Test("Schema/schema.sql is what the migrations produce")
    func schemaMatches() throws {
        let path = scratchStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try Store.openForWriting(path: path)
        let actual = try Migrations.schemaSQL(db)
        let committed = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        #expect(actual == committed, "regenerate with: swift run crystaldb schema > Schema/schema.sql")
    }

    @Test("migrating twice is a no-op and records each migration once")
    func idempotent() throws {
        let path = scratchStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Store.openForWriting(path: path)
        let db = try Store.openForWriting(path: path)
        let count = try db.prepare("SELECT count(*) FROM schema_migrations")
        #expect(try count.step())
        #expect(count.int(0) == Int64(Migrations.all.count))
    }

    @Test("a store from a newer crystaldb is refused")
    func newerStore() throws {
        let path = scratchStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try Store.openForWriting(path: path)
        try db.execute("INSERT INTO schema_migrations VALUES (999, 'from-the-future', '2030-01-01')")
        #expect(throws: StoreError.self) { try Store.openForWriting(path: path) }
        #expect(throws: StoreError.self) { try Store.openForReading(path: path) }
    }

    @Test("a file that is not a store is refused for reading; a missing one too")
    func notAStore() throws {
        let path = scratchStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: StoreError.self) { try Store.openForReading(path: path) }
        let db = try Database(path: path)
        try db.execute("CREATE TABLE x (y)")
        do {
            _ = try Store.openForReading(path: path)
            Issue.record("opened a non-store")
        } catch let error as StoreError {
            #expect(error.message.contains("not a crystaldb store"))
        }
    }

    @Test("double-quoted string literals are rejected (DQS off)")
    func noDoubleQuotedStrings() throws {
        let path = scratchStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try Store.openForWriting(path: path)
        #expect(throws: StoreError.self) { try db.execute("SELECT \"no such column\" FROM entries") }
    }

    @Test("a failed transaction rolls back whole")
    func rollback() throws {
        let path = scratchStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try Store.openForWriting(path: path)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.inTransaction {
                try db.execute("INSERT INTO imports (started_at, source, arguments) VALUES ('t', 's', 'a')")
                throw Boom()
            }
        }
        let count = try db.prepare("SELECT count(*) FROM imports")
        #expect(try count.step())
        #expect(count.int(0) == 0)
    }
}
