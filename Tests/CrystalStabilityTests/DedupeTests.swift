import Foundation
import Testing
import CrystalExport
import CrystalImport
import CrystalIngest
import CrystalModel
@testable import CrystalStore
import CrystalSymmetry
@testable import CrystalStability

/// Planted duplicates (other cells, origins, axis orders, small strains) are found; distinct crystals of the
/// same formula are not merged.
@Suite struct DedupeTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData/structures")

    static func read(_ name: String) throws -> Structure {
        let bytes = try [UInt8](Data(contentsOf: sample.appendingPathComponent(name)))
        let location = SourceLocation(path: name)
        let result = name.hasSuffix(".cif") ? CIFStructureReader.read(bytes: bytes, location: location) : POSCARReader.read(bytes: bytes, location: location)
        return try #require(result.structures.first).structure
    }

    static func supercell(_ s: Structure) -> Structure {
        let lattice = Lattice(a: s.lattice.a * 2, b: s.lattice.b, c: s.lattice.c)
        var sites = [Site]()
        for i in 0..<2 {
            for site in s.sites { sites.append(Site(position: Vector3((site.position.x + Double(i)) / 2, site.position.y, site.position.z), occupants: site.occupants)) }
        }
        return Structure(lattice: lattice, sites: sites)
    }

    static func shifted(_ s: Structure, _ t: Vector3) -> Structure {
        Structure(lattice: s.lattice, sites: s.sites.map { Site(position: $0.position + t, occupants: $0.occupants) })
    }

    static func permuted(_ s: Structure) -> Structure {
        Structure(lattice: Lattice(a: s.lattice.b, b: s.lattice.c, c: s.lattice.a),
                  sites: s.sites.map { Site(position: Vector3($0.position.y, $0.position.z, $0.position.x), occupants: $0.occupants) })
    }

    static func strained(_ s: Structure, _ factor: Double) -> Structure {
        Structure(lattice: s.lattice.scaled(by: factor), sites: s.sites)
    }

    @Test("duplicates in other cells and settings group together, the lowest energy represents them, distinct crystals stay apart")
    func planted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-dedupe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cif"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rutile = try Self.read("TiO2-rutile.cif"), salt = try Self.read("NaCl-conventional.cif"), layered = try Self.read("LiFeO2.vasp")
        let variants: [(String, Structure)] = [
            ("rutile", rutile), ("rutile-super", Self.supercell(rutile)), ("rutile-shift", Self.shifted(rutile, Vector3(0.13, 0.4, 0.25))),
            ("rutile-axes", Self.permuted(rutile)), ("rutile-strain", Self.strained(rutile, 1.01)),
            ("salt", salt), ("salt-shift", Self.shifted(salt, Vector3(0.5, 0, 0))), ("salt-primitive", try #require(SymmetryAnalyzer.standardizedPrimitive(salt))),
            ("layered", layered), ("layered-super", Self.supercell(layered)),
            // Same formula, other crystal: rutile squeezed along c by 20% (beyond ltol) is not a duplicate.
            ("rutile-other", Structure(lattice: Lattice(a: rutile.lattice.a, b: rutile.lattice.b, c: rutile.lattice.c * 0.7), sites: rutile.sites)),
        ]
        var csv = "id,formula,energy_per_atom\n"
        for (index, (name, structure)) in variants.enumerated() {
            try CIFWriter.write(structure, blockName: name).write(to: dir.appendingPathComponent("cif/\(name).cif"), atomically: true, encoding: .utf8)
            csv += "\(name),\(structure.composition.formula),\(-5.0 - Double(index) * 0.01)\n"
        }
        try csv.write(to: dir.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
        let db = try Store.openForWriting(path: dir.appendingPathComponent("d.sqlite").path)
        let imported = try Importer(store: db, options: ImportOptions(source: "t")).run([dir.appendingPathComponent("cif").path, dir.appendingPathComponent("e.csv").path])
        #expect(imported.structures == variants.count && imported.errors == 0)
        let summary = try DedupeRun().run(db)

        #expect(summary.duplicates == 4 + 2 + 1)
        let rows = try db.prepare("""
            SELECT e.id, r.id FROM duplicates d JOIN entries e ON e.entry_pk = d.entry_pk JOIN entries r ON r.entry_pk = d.representative_pk ORDER BY e.id
            """)
        var representative = [String: String]()
        while try rows.step() { representative[rows.text(0)!] = rows.text(1)! }
        // Later variants have lower energies: the last of each group represents it.
        for name in ["rutile", "rutile-super", "rutile-shift", "rutile-axes", "rutile-strain"] { #expect(representative[name] == "rutile-strain") }
        for name in ["salt", "salt-shift", "salt-primitive"] { #expect(representative[name] == "salt-primitive") }
        #expect(representative["layered"] == "layered-super")
        #expect(representative["rutile-other"] == "rutile-other")
    }

    @Test("novelty: GNoME's composition rule, or the duplicate-group rule after dedupe --novel-by structure")
    func novelty() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-novel-\(UUID().uuidString)")
        for sub in ["ref", "new"] { try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: dir) }
        let rutile = try Self.read("TiO2-rutile.cif")
        let squeezed = Structure(lattice: Lattice(a: rutile.lattice.a, b: rutile.lattice.b, c: rutile.lattice.c * 0.7), sites: rutile.sites)
        try CIFWriter.write(rutile, blockName: "r").write(to: dir.appendingPathComponent("ref/known.cif"), atomically: true, encoding: .utf8)
        try CIFWriter.write(Self.shifted(rutile, Vector3(0.3, 0.3, 0.1)), blockName: "s").write(to: dir.appendingPathComponent("new/same.cif"), atomically: true, encoding: .utf8)
        try CIFWriter.write(squeezed, blockName: "o").write(to: dir.appendingPathComponent("new/other.cif"), atomically: true, encoding: .utf8)
        let db = try Store.openForWriting(path: dir.appendingPathComponent("n.sqlite").path)
        _ = try Importer(store: db, options: ImportOptions(source: "ref", isReference: true)).run([dir.appendingPathComponent("ref").path])
        _ = try Importer(store: db, options: ImportOptions(source: "new")).run([dir.appendingPathComponent("new").path])
        func novel() throws -> [String: Bool] {
            let query = try EntryQuery(fieldNames: ["id", "is_novel", "duplicate_of"],
                                       predicate: .compare(try #require(QueryField.byName["is_reference"]), .equal, .integer(0)))
            var out = [String: Bool]()
            try db.entries(query) { values in
                if case .text(let id) = values[0], case .integer(let flag) = values[1] { out[id] = flag == 1 }
            }
            return out
        }
        #expect(try novel() == ["same": false, "other": false])
        var run = DedupeRun()
        run.novelByStructure = true
        _ = try run.run(db)
        #expect(try novel() == ["same": false, "other": true])
        var duplicateOf = [String: String]()
        let query = try EntryQuery(fieldNames: ["id", "duplicate_of"])
        try db.entries(query) { values in if case .text(let id) = values[0], case .text(let of) = values[1] { duplicateOf[id] = of } }
        #expect(duplicateOf == ["known": "same"] || duplicateOf == ["same": "known"])
    }
}
