import Foundation
import Testing
import CrystalIngest
import CrystalModel
@testable import CrystalStore
@testable import CrystalStability

@Suite struct HullRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data")
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: shared.path) }

    func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-hull-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func importing(_ paths: [String], into db: Store, source: String, reference: Bool = false) throws {
        _ = try Importer(store: db, options: ImportOptions(source: source, isReference: reference)).run(paths)
    }

    /// Every hull column of every entry, as text, for exact comparison.
    func columns(_ db: Store) throws -> [String] {
        let statement = try db.prepare("""
            SELECT e.id, quote(g.formation_energy_per_atom), quote(g.e_above_hull), quote(g.e_above_reference_hull),
                   quote(g.is_stable), quote(g.decomposition), quote(g.is_hull_vertex), quote(g.is_reference_hull_vertex), quote(g.hull_missing),
                   quote(g.e_below_hull), quote(g.decomposition_reaction)
            FROM entries e JOIN energies g USING (entry_pk) ORDER BY e.id
            """)
        var rows = [String]()
        while try statement.step() { rows.append((0..<11).map { statement.text(Int32($0)) ?? "" }.joined(separator: "|")) }
        return rows
    }

    /// Splits a CSV into two files by alternating data rows.
    func split(_ csv: URL, into dir: URL) throws -> (String, String) {
        let lines = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0]
        let rows = lines.dropFirst()
        let a = dir.appendingPathComponent("a.csv"), b = dir.appendingPathComponent("b.csv")
        try ([header] + rows.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)).joined(separator: "\n").write(to: a, atomically: true, encoding: .utf8)
        try ([header] + rows.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)).joined(separator: "\n").write(to: b, atomically: true, encoding: .utf8)
        return (a.path, b.path)
    }

    @Test("an incremental run after a second import gives exactly the columns of a full run",
          .enabled(if: HullRunTests.sharedAvailable))
    func incrementalEqualsFull() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b) = try split(Self.shared.appendingPathComponent("hull/pymatgen/pd_entries_test.csv"), into: dir)
        let other = Self.shared.appendingPathComponent("hull/pymatgen/reaction_entries_test.csv").path

        let incremental = try Store.openForWriting(path: dir.appendingPathComponent("i.sqlite").path)
        try importing([a], into: incremental, source: "ref", reference: true)
        try importing([other], into: incremental, source: "other")
        let first = try HullRun().run(incremental)
        #expect(first.recomputed == 246 + 381)
        try importing([b], into: incremental, source: "new")
        let second = try HullRun().run(incremental)
        // The new half holds Li-Fe-O entries (elemental ones too), so every system containing Li, Fe or O is
        // recomputed; V-P-H-C systems without O are not.
        #expect(second.recomputed < 246 + 246 + 381)
        #expect(second.recomputed >= 246 + 246)

        let fresh = try Store.openForWriting(path: dir.appendingPathComponent("f.sqlite").path)
        try importing([a], into: fresh, source: "ref", reference: true)
        try importing([other], into: fresh, source: "other")
        try importing([b], into: fresh, source: "new")
        _ = try HullRun(full: true).run(fresh)
        let x = try columns(incremental), y = try columns(fresh)
        #expect(x.count == 873)
        #expect(x == y)
        // A second incremental run with nothing new recomputes nothing and changes nothing.
        #expect(try HullRun().run(incremental).recomputed == 0)
        #expect(try columns(incremental) == y)
    }

    @Test("the bulk path (results kept until the end, written in key order, indexes built again) stores the same columns",
          .enabled(if: HullRunTests.sharedAvailable))
    func bulkEqualsStreamed() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = Self.shared.appendingPathComponent("hull/pymatgen/pd_entries_test.csv").path
        let other = Self.shared.appendingPathComponent("hull/pymatgen/reaction_entries_test.csv").path
        var stores = [Store]()
        for (name, threshold) in [("streamed", Int.max), ("bulk", 0)] {
            let store = try Store.openForWriting(path: dir.appendingPathComponent("\(name).sqlite").path)
            try importing([table], into: store, source: "ref", reference: true)
            try importing([other], into: store, source: "other")
            var run = HullRun(full: true)
            run.bulkThreshold = threshold
            #expect(try run.run(store).recomputed == 492 + 381)
            stores.append(store)
        }
        #expect(try columns(stores[0]) == columns(stores[1]))
        #expect(try columns(stores[1]).count == 873)
        // The energies indexes are back, exactly as the migrations made them.
        #expect(try Migrations.schemaSQL(stores[1]) == Migrations.schemaSQL(stores[0]))
        let indexes = try stores[1].prepare("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'energies' ORDER BY name)")
        #expect(try indexes.step())
        #expect(indexes.text(0) == "energies_e_below_hull,energies_hull_pending")
    }

    @Test("carbon24: structures and energies imported apart; e_above_hull is the energy per atom above the lowest",
          .enabled(if: HullRunTests.sharedAvailable))
    func carbon24() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Store.openForWriting(path: dir.appendingPathComponent("c.sqlite").path)
        try importing([Self.shared.appendingPathComponent("carbon24/energies.csv").path], into: db, source: "c24")
        try importing([Self.shared.appendingPathComponent("carbon24/cif").path], into: db, source: "c24")
        let summary = try HullRun().run(db)
        #expect(summary.entries == 4062 && summary.systems == 1)
        let statement = try db.prepare("SELECT min(energy_per_atom) FROM energies")
        #expect(try statement.step())
        let lowest = statement.double(0)
        let rows = try db.prepare("SELECT g.energy_per_atom, g.e_above_hull, g.formation_energy_per_atom, g.is_hull_vertex, e.nsites FROM energies g JOIN entries e USING (entry_pk)")
        var vertices = 0, checked = 0
        while try rows.step() {
            #expect(abs(rows.double(1) - (rows.double(0) - lowest)) < 1e-12)
            #expect(rows.double(1) == rows.double(2))
            #expect(rows.int(4) > 0)
            vertices += Int(rows.int(3))
            checked += 1
        }
        #expect(checked == 4062)
        #expect(vertices == 1)
    }

    @Test("--tolerance widens is_stable without recomputing the hull")
    func tolerance() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("e.csv")
        try "id,formula,energy_per_atom\nA,Li,0\nB,O,0\nAB,LiO,-1\nnear,Li2O2,-0.99997\nfar,LiO,-0.9\n".write(to: csv, atomically: true, encoding: .utf8)
        let db = try Store.openForWriting(path: dir.appendingPathComponent("t.sqlite").path)
        try importing([csv.path], into: db, source: "t")
        func stable() throws -> [String] {
            let statement = try db.prepare("SELECT e.id FROM entries e JOIN energies g USING (entry_pk) WHERE g.is_stable = 1 ORDER BY e.id")
            var out = [String]()
            while try statement.step() { out.append(statement.text(0)!) }
            return out
        }
        _ = try HullRun().run(db)
        #expect(try stable() == ["A", "AB", "B"])
        let wide = try HullRun(tolerance: 5e-5).run(db)
        #expect(wide.recomputed == 0)
        #expect(try stable() == ["A", "AB", "B", "near"])
    }
}

/// `crystaldb hull` with one composition of 64 elements or more trapped (`1 << count`); the README promises any
/// number of elements.
@Suite struct ManyElementHullRunTests {
    @Test("a 70-element composition through the store, full and incremental")
    func seventyElements() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-hull70-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let elements = (1...70).compactMap { Element(atomicNumber: $0) }
        var csv = "id,formula,energy\n"
        for element in elements { csv += "\(element.symbol),\(element.symbol),-1\n" }
        csv += "big," + elements.map { $0.symbol + "1" }.joined() + ",\(-1.2 * 70)\n"
        let path = dir.appendingPathComponent("table.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let db = try Store.openForWriting(path: dir.appendingPathComponent("s.sqlite").path)
        _ = try Importer(store: db, options: ImportOptions(source: "t", symprec: nil)).run([path])
        let incremental = try HullRun().run(db)
        #expect(incremental.entries == 71)
        #expect(incremental.recomputed == 71)
        #expect(incremental.stable == 71)
        let full = try HullRun(full: true).run(db)
        #expect(full.stable == 71)
        let query = try EntryQuery(fieldNames: ["id", "formation_energy_per_atom", "e_above_hull"])
        var formation: Double?
        try db.entries(query) { values in if case .text("big") = values[0], case .real(let f) = values[1] { formation = f } }
        #expect(abs((formation ?? 0) - -0.2) < 1e-9)
    }
}
