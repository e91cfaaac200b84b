import Foundation
import Testing
@testable import CrystalStore

/// Statements bind exactly as many values as they have parameters, and every bind is checked (GRDB's rule).
@Suite struct StatementTests {
    @Test("too few or too many values are refused before anything runs")
    func argumentCount() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try Store.openForWriting(path: fixture.path("s.sqlite"))
        let insert = try store.prepare("INSERT INTO settings (key, value) VALUES (?, ?)")
        #expect(insert.parameterCount == 2)
        for attempt in [{ try insert.execute("only-key") }, { try insert.execute("k", "v", "extra") }, { try insert.bind([StoreValue.text("k")]) }] {
            #expect {
                try attempt()
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.message.contains("wrong number of statement arguments") && error.sql?.contains("INSERT INTO settings") == true
            }
        }
        let count = try store.prepare("SELECT count(*) FROM settings")
        #expect(try count.step())
        #expect(count.int(0) == 0)
        try insert.execute("k", "v")
        try insert.bind([.text("k2"), .text("v2")])
        try insert.run()
        count.reset()
        #expect(try count.step())
        #expect(count.int(0) == 2)
    }

    @Test("a failing SQL statement reports SQLite's code, message and the SQL, never the bound values")
    func failure() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try Store.openForWriting(path: fixture.path("s.sqlite"))
        let insert = try store.prepare("INSERT INTO settings (key, value) VALUES (?, ?)")
        try insert.execute("secret-key", "v")
        #expect {
            try insert.execute("secret-key", "v")
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            // SQLITE_CONSTRAINT_PRIMARYKEY (1555), SQLite's message, no bound value.
            return error.code == 1555 && error.message.contains("UNIQUE constraint failed: settings.key") && !error.description.contains("secret-key")
        }
    }
}
