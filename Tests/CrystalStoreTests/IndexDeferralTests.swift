import Foundation
import Testing
import CrystalModel
@testable import CrystalStore

/// Large imports set the secondary indexes aside and build them again; an interrupted one is repaired.
@Suite struct IndexDeferralTests {
    func energy(_ i: Int) -> EnergyEntry {
        let composition = Composition([(Element(atomicNumber: 1 + i % 90)!, 1), (Element(symbol: "O")!, Double(1 + i % 3))])
        return EnergyEntry(id: "e\(i)", composition: composition, totalEnergy: -Double(i % 97) - 1,
                           provenance: Provenance(file: "t.csv", member: nil, block: nil, line: i + 2, contentHash: ""))
    }

    func indexCount(_ store: Store) throws -> Int64 {
        let count = try store.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        #expect(try count.step())
        return count.int(0)
    }

    @Test("a large import sets the indexes aside after 5,000 entries and ends with the schema a new store has")
    func largeImport() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let fresh = try Migrations.schemaSQL(try Store.openForWriting(path: fixture.path("fresh.sqlite")))
        let store = try Store.openForWriting(path: fixture.path("s.sqlite"))
        let allIndexes = try indexCount(store)
        let importID = try store.beginImport(source: "t", arguments: ["t.csv"])
        let writer = try store.entryWriter(source: "t", isReference: false, importID: importID)
        var deferredAt: Int?
        for batch in 0..<14 {
            try store.inTransaction {
                try writer.beginBatch()
                if writer.deferredIndexes, deferredAt == nil { deferredAt = batch * 500 }
                for i in (batch * 500)..<((batch + 1) * 500) { #expect(try writer.write(energy(i)) == .inserted) }
            }
        }
        #expect(deferredAt == 5_000)
        // entries (10 indexes: 5 of its own, 5 on the query columns), compositions (1) and symmetry (2) lost their
        // secondary indexes meanwhile.
        #expect(try indexCount(store) == allIndexes - 13)
        #expect(try IndexDeferral.pending(store.database).count == 13)
        try store.finishImport(importID, summaryJSON: "{}")
        #expect(try Migrations.schemaSQL(store) == fresh)
        #expect(try IndexDeferral.pending(store.database).isEmpty)
        // The rebuilt indexes answer queries: the element index finds every oxide.
        let oxides = try store.prepare("SELECT count(*) FROM compositions INDEXED BY compositions_element WHERE element = 'O'")
        #expect(try oxides.step())
        #expect(oxides.int(0) == 7_000)
    }

    @Test("a small import into a larger store keeps its indexes")
    func smallImport() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try Store.openForWriting(path: try fixture.copyOfUpgradeStore("s.sqlite"))
        let writer = try store.entryWriter(source: "t", isReference: false, importID: nil)
        try store.inTransaction {
            try writer.beginBatch()
            for i in 0..<100 { _ = try writer.write(energy(i)) }
        }
        #expect(!writer.deferredIndexes)
    }

    @Test("indexes an interrupted import set aside are built again by the next writer")
    func interrupted() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.copyOfUpgradeStore("s.sqlite")
        let before = try Migrations.schemaSQL(try Store.openForWriting(path: path))
        do {
            let store = try Store.openForWriting(path: path)
            try store.inTransaction { try IndexDeferral.setAside(store.database) }
            #expect(try Migrations.schemaSQL(store) != before)
        }
        // A reader sees the store as it is (queries work without the indexes, only slower)...
        let reader = try Store.openForReading(path: path)
        #expect(try reader.count(EntryQuery(fields: [])) == 55)
        // ...and the next writer repairs it.
        #expect(try Migrations.schemaSQL(try Store.openForWriting(path: path)) == before)
    }
}
