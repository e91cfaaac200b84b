import Foundation
import Testing
import CrystalIngest
import CrystalModel
import CrystalQuery
import CrystalStability
@testable import CrystalStore
@testable import CrystalExport

@Suite struct ExporterTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// The demo store: a reference table, the sample structures and energies, the hull.
    static func store(_ dir: URL) throws -> (Store, String) {
        let path = dir.appendingPathComponent("s.sqlite").path
        let db = try Store.openForWriting(path: path)
        _ = try Importer(store: db, options: ImportOptions(source: "mp", isReference: true)).run([sample.appendingPathComponent("reference.csv").path])
        _ = try Importer(store: db, options: ImportOptions(source: "sample")).run([sample.appendingPathComponent("structures").path,
                                                                                sample.appendingPathComponent("entries.csv").path])
        _ = try HullRun().run(db)
        return (db, path)
    }

    func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-export-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("candidates: non-reference hull vertices with a composition no reference has")
    func candidates() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, path) = try Self.store(dir)
        let out = dir.appendingPathComponent("release").path
        let summary = try Exporter(options: ExportOptions(format: .gnome, candidates: true)).run(store: db, to: out)
        #expect(summary.exported == 2)
        let csv = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv[0] == ",Composition,MaterialId,Reduced Formula,Elements,NSites,Volume,Density,Point Group,Space Group,Space Group Number,Crystal System,Corrected Energy,Formation Energy Per Atom,Decomposition Energy Per Atom,Dimensionality Cheon,Dimensionality Gorai,Dimensionality Larsen,Dimensionality Tsai,Bandgap,Is Train")
        // Reduced Formula and Elements as GNoME (pymatgen) writes them: electronegativity order.
        #expect(csv[1].hasPrefix("0,Au2Cu2,CuAu-disordered,CuAu,\"['Cu', 'Au']\",4,"))
        // Disordered CuAu: the space group its CIF declares, in spglib's spelling, with its point group.
        #expect(csv[1].contains(",m-3m,Fm-3m,225,Cubic,-15.88,"))
        #expect(csv[2].hasPrefix("1,Fe1Li1O2,LiFeO2,LiFeO2,\"['Li', 'Fe', 'O']\",4,"))
        #expect(csv[2].contains(",-3m,P-3m1,164,Trigonal,-28.78,"))
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"candidates\": true"))
        #expect(manifest.contains("\"exported\": 2"))
        #expect(manifest.contains("\"hull_tolerance_ev_per_atom\": 1e-08"))
        // Widening to 30 meV/atom adds Li3FeO3 (24 meV/atom above the hull, a composition no reference has).
        var wide = EntryFilterOptions()
        wide.maximumEnergyAboveHull = 0.03
        let widened = try Exporter(options: ExportOptions(format: .csv, filter: wide, candidates: true)).run(store: db, to: dir.appendingPathComponent("w.csv").path)
        #expect(widened.exported == 3)
    }

    @Test("exported CIFs read back into crystaldb give the same composition, cell and sites")
    func roundTrip() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, path) = try Self.store(dir)
        let zipPath = dir.appendingPathComponent("all.zip").path
        let summary = try Exporter(options: ExportOptions(format: .cifZip)).run(store: db, to: zipPath)
        #expect(summary.exported == 8)
        let back = try Store.openForWriting(path: dir.appendingPathComponent("back.sqlite").path)
        let imported = try Importer(store: back, options: ImportOptions(source: "back")).run([zipPath])
        #expect(imported.structures == 8)
        #expect(imported.errors == 0)
        let reader = try db.structureReader(), readerBack = try back.structureReader()
        let ids = try db.prepare("SELECT entry_pk, id FROM entries WHERE nsites IS NOT NULL ORDER BY id")
        let find = try back.prepare("SELECT entry_pk FROM entries WHERE id = ?")
        var names = SafeFileNames()
        while try ids.step() {
            let original = try #require(try reader.structure(entryPK: ids.int(0)))
            try find.bind(String(names.name(for: ids.text(1)!, extension: ".cif").dropLast(4)))
            #expect(try find.step())
            let copy = try #require(try readerBack.structure(entryPK: find.int(0)))
            find.reset()
            #expect(copy.composition == original.composition)
            #expect(copy.siteCount == original.siteCount)
            #expect(abs(copy.lattice.volume - original.lattice.volume) < 1e-5)
            for axis in 0..<3 { #expect(abs(copy.lattice.lengths[axis] - original.lattice.lengths[axis]) < 1e-7) }
            for (a, b) in zip(copy.sites, original.sites) {
                let d = a.position - b.position
                let r = d - d.rounded(.toNearestOrEven)
                #expect(abs(r.x) < 1e-7 && abs(r.y) < 1e-7 && abs(r.z) < 1e-7)
                #expect(a.occupants == b.occupants)
            }
        }
    }

    @Test("an existing output is refused unless --force; a failed export leaves nothing behind")
    func refusal() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, path) = try Self.store(dir)
        let out = dir.appendingPathComponent("x.csv").path
        try "keep".write(toFile: out, atomically: true, encoding: .utf8)
        #expect(throws: ExportError.self) { try Exporter(options: ExportOptions(format: .csv)).run(store: db, to: out) }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep")
        let forced = try Exporter(options: ExportOptions(format: .csv, force: true)).run(store: db, to: out)
        #expect(forced.exported == 31)
        // A folder that does not exist: an error, and no partial file anywhere.
        let missing = dir.appendingPathComponent("no/such/dir/out.zip").path
        #expect(throws: (any Error).self) { try Exporter(options: ExportOptions(format: .cifZip)).run(store: db, to: missing) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test("ids become safe, unique file names")
    func safeNames() {
        var names = SafeFileNames()
        #expect(names.name(for: "../../etc/passwd", extension: ".cif") == "_.._etc_passwd.cif")
        #expect(names.name(for: "a/b", extension: ".cif") == "a_b.cif")
        #expect(names.name(for: "a_b", extension: ".cif") == "a_b-2.cif")
        #expect(names.name(for: "..", extension: ".cif") == "entry.cif")
    }

    @Test("fixed-decimal formatting matches printf's %.8f", arguments: [0.0, 1.0, -1.5, 0.123456789, 123.456789012, -0.000000004, 5e9, 1.0 / 3.0])
    func fixed(value: Double) {
        #expect(CIFWriter.f8(value) == String(format: "%.8f", value) || (value < 0 && CIFWriter.f8(value) == "0.00000000"))
    }
}
