import Foundation
import Testing
import CrystalIngest
import CrystalModel
@testable import CrystalStore
@testable import CrystalExport
@testable import CrystalImport

/// extxyz, pymatgen-json and optimade-jsonl exports of the demo store, compared with what ASE, pymatgen and
/// optimade-python-tools read from them (Fixtures/exports.oracle.json, made by oracle/read_exports.py), and read
/// back into a store.
@Suite struct ExportFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func oracleDocument() throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("exports.oracle.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func oracle() throws -> [String: [[String: Any]]] {
        try oracleDocument().compactMapValues { $0 as? [[String: Any]] }
    }

    /// What optimade-python-tools read from the first two lines of the optimade-jsonl file.
    static func oracleHead() throws -> [String: Any]? {
        try oracleDocument()["optimade_jsonl_head"] as? [String: Any]
    }

    static func export(_ format: ExportOptions.Format, _ dir: URL) throws -> (Store, String, Exporter.Summary) {
        let (db, _) = try ExporterTests.store(dir)
        let out = dir.appendingPathComponent("out.\(format.rawValue)").path
        let summary = try Exporter(options: ExportOptions(format: format)).run(store: db, to: out)
        return (db, out, summary)
    }

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func close(_ a: Double?, _ b: Any?, _ tolerance: Double = 1e-6) -> Bool {
        guard let b = b as? Double else { return a == nil }
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    @Test("extxyz: every ordered structure as ASE reads it (cell, symbols, positions, energy, stability keys); it imports back")
    func extendedXYZ() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, out, summary) = try Self.export(.extxyz, dir)
        #expect(summary.exported == 7)
        #expect(summary.disordered == 1)
        let expected = try #require(try Self.oracle()["extxyz"])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        let read = ExtendedXYZReader.read(bytes: bytes, location: SourceLocation(path: out))
        #expect(read.diagnostics.isEmpty)
        #expect(read.frames.count == expected.count)
        let comments = String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("Lattice=") }
        for ((frame, ase), comment) in zip(zip(read.frames, expected), comments) {
            #expect(frame.id == ase["id"] as? String)
            let structure = frame.structure.structure
            #expect(structure.sites.map(\.occupants[0].element.symbol) == ase["symbols"] as? [String])
            let cell = try #require(ase["cell"] as? [[Double]])
            for (row, aseRow) in zip(structure.lattice.rows, cell) {
                #expect(Self.close(row.x, aseRow[0]) && Self.close(row.y, aseRow[1]) && Self.close(row.z, aseRow[2]))
            }
            let positions = try #require(ase["positions"] as? [[Double]])
            for (site, p) in zip(structure.sites, positions) {
                let c = structure.lattice.cartesian(site.position)
                #expect(Self.close(c.x, p[0]) && Self.close(c.y, p[1]) && Self.close(c.z, p[2]))
            }
            #expect(Self.close(frame.energy, ase["energy"]))
            let info = try ExtendedXYZReader.keyValues(String(comment), line: 2, location: SourceLocation(path: out))
            #expect(Self.close(info["e_above_hull"].flatMap(Double.init), ase["e_above_hull"]))
            #expect(Self.close(info["formation_energy_per_atom"].flatMap(Double.init), ase["formation_energy_per_atom"]))
            #expect((info["is_stable"] == "T") == (ase["is_stable"] as? Bool ?? false))
        }
        // Read back: the same structures and energies per atom as the store holds.
        let back = try Store.openForWriting(path: dir.appendingPathComponent("back.sqlite").path)
        let imported = try Importer(store: back, options: ImportOptions(source: "back")).run([out])
        #expect(imported.structures == 7)
        #expect(imported.errors == 0)
        try Self.expectSameEnergies(db, back, count: 7)
    }

    /// Every entry of `back` has the composition and energy per atom its namesake in `db` has.
    static func expectSameEnergies(_ db: Store, _ back: Store, count: Int) throws {
        let rows = try back.prepare("SELECT e.id, e.reduced_formula, g.energy_per_atom FROM entries e JOIN energies g ON g.entry_pk = e.entry_pk ORDER BY e.id")
        let original = try db.prepare("SELECT e.reduced_formula, g.energy_per_atom FROM entries e JOIN energies g ON g.entry_pk = e.entry_pk WHERE e.id = ?")
        var n = 0
        while try rows.step() {
            try original.bind(rows.text(0))
            #expect(try original.step(), "\(rows.text(0) ?? "")")
            #expect(original.text(0) == rows.text(1))
            #expect(abs(original.double(1) - rows.double(2)) < 1e-9)
            original.reset()
            n += 1
        }
        #expect(n == count)
    }

    @Test("pymatgen-json: ComputedStructureEntry / ComputedEntry as pymatgen decodes them; the list imports back whole")
    func pymatgenJSON() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, out, summary) = try Self.export(.pymatgenJSON, dir)
        #expect(summary.exported == 31)
        let expected = try #require(try Self.oracle()["pymatgen_json"])
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let read = ComputedEntryReader.read(bytes: [UInt8](data), location: SourceLocation(path: out), stem: "x")
        #expect(read.diagnostics.isEmpty)
        #expect(list.count == expected.count && read.records.count == expected.count)
        for ((object, record), pymatgen) in zip(zip(list, read.records), expected) {
            #expect(record.id == pymatgen["entry_id"] as? String)
            #expect(object["@class"] as? String == pymatgen["class"] as? String)
            #expect(Self.close(record.totalEnergy, pymatgen["energy"]))
            #expect(Self.close(record.energyPerAtom, pymatgen["energy_per_atom"]))
            #expect(record.composition.pymatgenReducedFormula == pymatgen["reduced_formula"] as? String)
            let stored = (object["data"] as? [String: Any])?["e_above_hull"] as? Double
            #expect(Self.close(stored, pymatgen["e_above_hull"]))
            if let structure = record.structure?.structure {
                #expect(structure.sites.count == pymatgen["nsites"] as? Int)
                #expect(Self.close(structure.lattice.volume, pymatgen["volume"], 1e-5))
                #expect(structure.isOrdered == pymatgen["is_ordered"] as? Bool)
            } else {
                #expect(pymatgen["nsites"] == nil)
            }
        }
        let copy = dir.appendingPathComponent("entries.json").path
        try FileManager.default.copyItem(atPath: out, toPath: copy)
        let back = try Store.openForWriting(path: dir.appendingPathComponent("back.sqlite").path)
        let imported = try Importer(store: back, options: ImportOptions(source: "back")).run([copy])
        #expect(imported.errors == 0)
        try Self.expectSameEnergies(db, back, count: 31)
    }

    @Test("optimade-jsonl: one resource per line that OPTIMADE's model accepts and pymatgen's adapter turns into the same structure")
    func optimadeJSONL() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, out, summary) = try Self.export(.optimadeJSONL, dir)
        #expect(summary.exported == 31)
        let expected = try #require(try Self.oracle()["optimade_jsonl"])
        var lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == expected.count + 2)
        // The x-optimade header and info/structures, which optimade-python-tools' insert_from_jsonl expects first.
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines.removeFirst().utf8)) as? [String: Any])
        let head = try #require(try Self.oracleHead())
        #expect(((header["x-optimade"] as? [String: Any])?["meta"] as? [String: Any])?["api_version"] as? String == head["api_version"] as? String)
        let info = try #require(try JSONSerialization.jsonObject(with: Data(lines.removeFirst().utf8)) as? [String: Any])
        #expect(info["type"] as? String == "info")
        #expect(info["id"] as? String == head["info_id"] as? String)
        #expect((info["properties"] as? [String: Any]).map { $0.keys.sorted() } == head["info_properties"] as? [String])
        for (line, oracle) in zip(lines, expected) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["type"] as? String == "structures")
            #expect(object["id"] as? String == oracle["id"] as? String)
            let attributes = try #require(object["attributes"] as? [String: Any])
            #expect(attributes["chemical_formula_reduced"] as? String == oracle["chemical_formula_reduced"] as? String)
            #expect(attributes["nsites"] as? Int == oracle["nsites"] as? Int)
            #expect(attributes["structure_features"] as? [String] == oracle["structure_features"] as? [String])
            #expect(attributes["_crystaldb_e_above_hull"] != nil)
            if let vectors = attributes["lattice_vectors"] as? [[Double]] {
                let lattice = Lattice(rows: vectors)
                #expect(Self.close(lattice.volume, oracle["pymatgen_volume"], 1e-5))
                let positions = try #require(attributes["cartesian_site_positions"] as? [[Double]])
                #expect(positions.count == oracle["pymatgen_nsites"] as? Int)
            } else {
                #expect(oracle["pymatgen_volume"] == nil)
            }
        }
    }
}
