import Foundation
import Testing
import CrystalIngest
@testable import CrystalStability
@testable import CrystalStore

/// The hull results copied onto entries for filtering and sorting (migration 6, kept by triggers) equal the
/// energies table after every way they change: an import, a full hull run, an incremental one, a new tolerance.
@Suite struct QueryColumnsTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// Entries whose copies differ from their energies row (NULL-aware), and entries with copies but no energies.
    func mismatches(_ store: Store) throws -> Int {
        let check = try store.prepare("""
            SELECT count(*) FROM entries e LEFT JOIN energies g ON g.entry_pk = e.entry_pk
            WHERE e.e_above_hull IS NOT g.e_above_hull OR e.e_above_reference_hull IS NOT g.e_above_reference_hull
               OR e.formation_energy_per_atom IS NOT g.formation_energy_per_atom OR e.is_stable IS NOT g.is_stable
            """)
        guard try check.step() else { return -1 }
        return Int(check.int(0))
    }

    func known(_ store: Store) throws -> Int {
        let check = try store.prepare("SELECT count(*) FROM entries WHERE e_above_hull IS NOT NULL")
        guard try check.step() else { return -1 }
        return Int(check.int(0))
    }

    @Test("copies follow imports, full and incremental hull runs, and a change of tolerance")
    func copiesFollowEnergies() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.openForWriting(path: dir.appendingPathComponent("s.sqlite").path)
        _ = try Importer(store: store, options: ImportOptions(source: "mp", isReference: true)).run([Self.sample.appendingPathComponent("reference.csv").path])
        #expect(try mismatches(store) == 0)
        #expect(try known(store) == 0)
        _ = try HullRun().run(store)
        #expect(try mismatches(store) == 0)
        #expect(try known(store) == 13)
        // A later import (structures joined to new energies) leaves the old copies and adds unknown ones.
        _ = try Importer(store: store, options: ImportOptions(source: "sample")).run([Self.sample.appendingPathComponent("structures").path,
                                                                                    Self.sample.appendingPathComponent("entries.csv").path])
        #expect(try mismatches(store) == 0)
        _ = try HullRun().run(store)
        #expect(try mismatches(store) == 0)
        #expect(try known(store) == 31)
        _ = try HullRun(tolerance: 0.03).run(store)
        #expect(try mismatches(store) == 0)
        let stable = try store.prepare("SELECT count(*) FROM entries WHERE is_stable = 1")
        #expect(try stable.step())
        // Within 30 meV/atom: Si-diamond (7.5), mp-NaCl (10), mp-Li2O (13.3), TiO2-anatase (18.3), Li3FeO3 (24.3), mp-TiO2 (26.7).
        #expect(stable.int(0) == 23 + 6)
    }

    /// The schema's triggers and query indexes on entries, by name.
    func queryObjects(_ store: Store) throws -> Set<String> {
        let list = try store.prepare("SELECT name FROM sqlite_schema WHERE type IN ('trigger', 'index') AND name LIKE 'e%'")
        var names = Set<String>()
        while try list.step() { if let name = list.text(0) { names.insert(name) } }
        return names.intersection(QueryColumns.triggerNames + QueryColumns.indexNames)
    }

    @Test("a large run suspends the triggers and indexes, copies in one pass, and builds them again before it commits")
    func largeRunsCopyInOnePass() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.openForWriting(path: dir.appendingPathComponent("s.sqlite").path)
        _ = try Importer(store: store, options: ImportOptions(source: "mp", isReference: true)).run([Self.sample.appendingPathComponent("reference.csv").path])
        _ = try Importer(store: store, options: ImportOptions(source: "sample")).run([Self.sample.appendingPathComponent("structures").path,
                                                                                    Self.sample.appendingPathComponent("entries.csv").path])
        let all = Set(QueryColumns.triggerNames + QueryColumns.indexNames)
        #expect(try queryObjects(store) == all)
        let saved = QueryColumns.rowsBeforeSuspending.exchange(5, ordering: .relaxed)
        defer { QueryColumns.rowsBeforeSuspending.store(saved, ordering: .relaxed) }
        _ = try HullRun().run(store)
        #expect(try mismatches(store) == 0)
        #expect(try known(store) == 31)
        #expect(try queryObjects(store) == all)
        // The rebuilt triggers work: a new tolerance changes is_stable on entries too.
        _ = try HullRun(tolerance: 0.03).run(store)
        #expect(try mismatches(store) == 0)
        // A failed run rolls the dropped triggers and indexes back with everything else.
        #expect(throws: (any Error).self) {
            _ = try store.recordHullRun(HullRunRecord(mode: .full, tolerance: 0, systems: 0, entries: 0), started: Date(), bulk: false) { writer in
                for pk in 1...6 {
                    try writer.write(HullResult(entryPK: Int64(pk), formationEnergyPerAtom: -1, energyAboveHull: 9, energyAboveReferenceHull: nil,
                                                isHullVertex: false, isReferenceHullVertex: false, decomposition: [], missingReferences: []))
                }
                throw StoreError(code: 0, message: "stop")
            }
        }
        #expect(try queryObjects(store) == all)
        #expect(try mismatches(store) == 0)
        let nine = try store.prepare("SELECT count(*) FROM entries WHERE e_above_hull = 9")
        #expect(try nine.step())
        #expect(nine.int(0) == 0)
    }
}
