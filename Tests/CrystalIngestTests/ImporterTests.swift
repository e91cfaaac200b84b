import Foundation
import Testing
import CrystalImport
import CrystalModel
@testable import CrystalStore
@testable import CrystalIngest

@Suite struct ImporterTests {
    func importing(_ paths: [String], into store: String, options: ImportOptions = ImportOptions(source: "t")) throws -> ImportSummary {
        let db = try Store.openForWriting(path: store)
        return try Importer(store: db, options: options).run(paths)
    }

    func scalar(_ store: String, _ sql: String, _ id: String? = nil) throws -> StoreValue {
        let db = try Store.openForReading(path: store)
        let statement = try db.prepare(sql)
        if let id { try statement.bind(id) }
        guard try statement.step() else { return .null }
        return statement.value(0)
    }

    @Test("the sample data imports whole; a second import changes nothing")
    func sampleTwice() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let paths = [Fixtures.sampleData.appendingPathComponent("structures").path, Fixtures.sampleData.appendingPathComponent("entries.csv").path]
        let first = try importing(paths, into: store)
        #expect(first.structures == 8)
        #expect(first.energies == 18)
        #expect(first.errors == 0)
        let second = try importing(paths, into: store)
        #expect(second.structures == 0 && second.energies == 0)
        #expect(second.unchanged == 26)
        #expect(try scalar(store, "SELECT count(*) FROM entries") == .integer(18))
        #expect(try scalar(store, "SELECT count(*) FROM sites") == .integer(8 + 8 + 6 + 8 + 2 + 4 + 2 + 12))
        // NaCl from its H-M name: 8 sites; Si from its Hall symbol: 8 sites; disordered CuAu: 4 sites, 8 site rows.
        #expect(try scalar(store, "SELECT nsites FROM entries WHERE id = ?", "NaCl-conventional") == .integer(8))
        #expect(try scalar(store, "SELECT nsites FROM entries WHERE id = ?", "Si-diamond") == .integer(8))
        #expect(try scalar(store, "SELECT nsites FROM entries WHERE id = ?", "CuAu-disordered") == .integer(4))
        #expect(try scalar(store, "SELECT reduced_formula FROM entries WHERE id = ?", "LiFeO2") == .text("FeLiO2"))
        // Negative scale is the cell volume.
        if case .real(let volume) = try scalar(store, "SELECT l.volume FROM structures l JOIN entries e USING (entry_pk) WHERE e.id = ?", "LiFeO2") {
            #expect(abs(volume - 34.5) < 1e-9)
        } else { Issue.record("no lattice") }
    }

    @Test("bad inputs are located diagnostics and the rest goes on")
    func badInputs() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let bad = Fixtures.sampleData.appendingPathComponent("bad").path
        let summary = try importing([bad, Fixtures.sampleData.appendingPathComponent("structures/FeO-vasp4.POSCAR").path], into: store)
        // FeO, the good block beside the 1e12 Å cell, the good member after the negative tar size.
        #expect(summary.structures == 3)
        // The good rows beside the 1e10 eV, NaN and bad-adjustment rows.
        #expect(summary.energies == 3)
        #expect(summary.errors == 11)
        let db = try Store.openForReading(path: store)
        let statement = try db.prepare("SELECT file, line, kind, message FROM diagnostics WHERE severity = 'error' ORDER BY file")
        var found = [String: (Int64?, String, String)]()
        while try statement.step() {
            found[URL(fileURLWithPath: statement.text(0)!).lastPathComponent] = (statement.optionalInt(1), statement.text(2)!, statement.text(3)!)
        }
        #expect(found["bad-loop-count.cif"]?.0 == 8)
        #expect(found["bad-loop-count.cif"]?.2.contains("not a multiple of 4") == true)
        #expect(found["unknown-space-group.cif"]?.1 == "symmetry")
        #expect(found["unknown-space-group.cif"]?.2.contains("'Q 9 z' is not recognised") == true)
        #expect(found["zero-volume.cif"]?.1 == "bad-cell")
        #expect(found["truncated.POSCAR"]?.0 == 9)
        #expect(found["truncated.POSCAR"]?.2.contains("file ends early") == true)
        #expect(found["cell-length-beyond-domain.cif"]?.0 == 4)
        #expect(found["cell-length-beyond-domain.cif"]?.2 == "_cell_length_a 1000000000000.0 Å is outside 0.1-10000.0 Å")
        #expect(found["energy-beyond-domain.csv"]?.1 == "bad-energy")
        #expect(found["tar-negative-base256-size.tar"]?.2 == "damaged tar header at byte 0: 1024 bytes skipped to the next valid header")
        #expect(found["zip64-directory-offset-plus-size-overflows.zip"]?.2.hasSuffix("lies outside the 118-byte file") == true)
        let ids = try db.prepare("SELECT id FROM entries ORDER BY id")
        var stored = [String]()
        while try ids.step() { stored.append(ids.text(0) ?? "") }
        #expect(stored == ["FeO-vasp4", "cell-length-beyond-domain", "csi-good", "good", "kbr-good", "o2-good"])
    }

    @Test("a structure with a taken id and other content is refused, never overwritten")
    func collision() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        let poscar = try String(contentsOf: Fixtures.sampleData.appendingPathComponent("structures/FeO-vasp4.POSCAR"), encoding: .utf8)
        try poscar.write(to: a.appendingPathComponent("x.vasp"), atomically: true, encoding: .utf8)
        try poscar.replacingOccurrences(of: "2.1650", with: "2.2000").write(to: b.appendingPathComponent("x.vasp"), atomically: true, encoding: .utf8)
        let summary = try importing([a.path, b.path], into: store)
        #expect(summary.structures == 1)
        #expect(summary.diagnosticsByKind["error id-collision"] == 1)
        if case .real(let length) = try scalar(store, "SELECT l.a FROM structures l JOIN entries e USING (entry_pk) WHERE e.id = ?", "x") {
            #expect(abs(length - 2.165 * 2.0.squareRoot()) < 1e-9)
        }
        // --id-from path keeps both.
        let store2 = dir.appendingPathComponent("p.sqlite").path
        let byPath = try importing([dir.path], into: store2, options: ImportOptions(source: "t", idPolicy: .path))
        #expect(byPath.structures == 2)
        #expect(try scalar(store2, "SELECT count(*) FROM entries WHERE id IN ('a/x', 'b/x')") == .integer(2))
    }

    @Test("an energy row whose composition differs from the structure's is a diagnostic, not a join")
    func compositionMismatch() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let csv = dir.appendingPathComponent("e.csv")
        try "id,formula,energy\nFeO-vasp4,Fe2O3,-40\n".write(to: csv, atomically: true, encoding: .utf8)
        let summary = try importing([Fixtures.sampleData.appendingPathComponent("structures/FeO-vasp4.POSCAR").path, csv.path], into: store)
        #expect(summary.structures == 1 && summary.energies == 0)
        #expect(summary.diagnosticsByKind["error composition-mismatch"] == 1)
        #expect(try scalar(store, "SELECT line FROM diagnostics WHERE kind = 'composition-mismatch'") == .integer(2))
    }
}
