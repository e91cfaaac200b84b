import Foundation
import Testing
import CrystalImport
import CrystalModel
@testable import CrystalStore
@testable import CrystalIngest

/// carbon24: 4,062 CIFs and an energy table joined by id, whichever is imported first.
@Suite(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/data"))
struct Carbon24Tests {
    static let cifs = Fixtures.shared.appendingPathComponent("carbon24/cif").path
    static let energies = Fixtures.shared.appendingPathComponent("carbon24/energies.csv").path

    func load(_ order: [String]) throws -> (ImportSummary, [String: (Int64, Double)]) {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("c.sqlite").path
        let db = try Store.openForWriting(path: store)
        var summary = ImportSummary()
        for path in order {
            let part = try Importer(store: db, options: ImportOptions(source: "carbon24")).run([path])
            summary.structures += part.structures
            summary.energies += part.energies
            summary.errors += part.errors
        }
        let statement = try db.prepare("SELECT e.id, e.nsites, g.energy_per_atom FROM entries e JOIN energies g USING (entry_pk)")
        var rows = [String: (Int64, Double)]()
        while try statement.step() { rows[statement.text(0)!] = (statement.int(1), statement.double(2)) }
        return (summary, rows)
    }

    @Test("structures then energies, and energies then structures, give the same 4,062 joined entries")
    func bothOrders() throws {
        let (a, rowsA) = try load([Self.cifs, Self.energies])
        let (b, rowsB) = try load([Self.energies, Self.cifs])
        #expect(a.structures == 4062 && a.energies == 4062 && a.errors == 0)
        #expect(b.structures == 4062 && b.energies == 4062 && b.errors == 0)
        #expect(rowsA.count == 4062)
        #expect(rowsA.keys.sorted() == rowsB.keys.sorted())
        for (id, value) in rowsA {
            #expect(rowsB[id]!.0 == value.0 && rowsB[id]!.1 == value.1)
        }
        // Every structure's site count equals its energy row's atom count (C8 -> 8 sites).
        let csv = try String(contentsOfFile: Self.energies, encoding: .utf8)
        var checked = 0
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == 3, let atoms = Int(fields[1].dropFirst()), let energy = Double(fields[2]) else { continue }
            let row = try #require(rowsA[String(fields[0])])
            #expect(row.0 == Int64(atoms))
            #expect(abs(row.1 - energy / Double(atoms)) < 1e-12)
            checked += 1
        }
        #expect(checked == 4062)
    }
}
