import Foundation
import Testing
import CrystalExport
import CrystalModel
@testable import CrystalStore
@testable import CrystalImport
@testable import CrystalIngest

/// Every kind of bad input tried, in one place: each gives a located diagnostic or a clear error, never a
/// crash, and the rest of the import goes on (the README's table lists them).
@Suite struct BadInputTests {
    static let goodCell = "_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
    static let siteLoop = "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n"

    func cif(_ text: String) -> StructureReadResult {
        CIFStructureReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "bad.cif"))
    }

    @Test("malformed CIF content is a located error", arguments: [
        ("truncated text field", "data_a\n" + goodCell + "_note\n;\nnever closed", 9, "unterminated text field"),
        ("huge number", "data_a\n_cell_length_a 1e400\n_cell_length_b 4\n_cell_length_c 4\n" + siteLoop + "Na Na 0 0 0 1\n", 2, "is not a number"),
        ("NaN cell", "data_a\n_cell_length_a nan\n_cell_length_b 4\n_cell_length_c 4\n" + siteLoop + "Na Na 0 0 0 1\n", 2, "is not a number"),
        ("negative length", "data_a\n_cell_length_a -4\n_cell_length_b 4\n_cell_length_c 4\n" + siteLoop + "Na Na 0 0 0 1\n", 2, "must be positive"),
        ("zero volume", "data_a\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 120\n_cell_angle_beta 120\n_cell_angle_gamma 120\n" + siteLoop + "Na Na 0 0 0 1\n", 5, "give no volume"),
        ("occupancy far above 1", "data_a\n" + goodCell + siteLoop + "Na Na 0 0 0 1\nK K 0 0 0 0.9\n", 15, "sum to 1.9"),
        ("negative occupancy", "data_a\n" + goodCell + siteLoop + "Na Na 0 0 0 -0.5\n", 15, "negative"),
        ("infinite coordinate", "data_a\n" + goodCell + siteLoop + "Na Na 1e999 0 0 1\n", 15, "coordinates are not numbers"),
        ("coordinates out of range", "data_a\n" + goodCell + siteLoop + "Na Na 1e300 0 0 1\n", 15, "out of range"),
        ("no sites at all", "data_a\n" + goodCell + siteLoop + "X Xx 0 0 0 1\n", 1, "no usable sites"),
    ] as [(String, String, Int, String)])
    func malformedCIF(kind: String, text: String, line: Int, reason: String) throws {
        let result = cif(text)
        #expect(result.structures.isEmpty, "\(kind)")
        let error = try #require(result.diagnostics.first { $0.severity == .error }, "\(kind)")
        #expect(error.location.line == line, "\(kind): line \(error.location.line ?? -1)")
        #expect(error.message.contains(reason), "\(kind): \(error.message)")
    }

    @Test("atoms on top of each other merge into one disordered site with a located warning")
    func coincidentAtoms() throws {
        let result = cif("data_a\n" + Self.goodCell + Self.siteLoop + "Na1 Na 0 0 0 0.5\nK1 K 0.00001 0 0 0.5\n")
        let structure = try #require(result.structures.first).structure
        #expect(structure.siteCount == 1)
        #expect(result.diagnostics.contains { $0.kind == .sitesMerged && $0.location.line == 16 && $0.severity == .warning })
    }

    @Test("binary garbage, empty files, a 10 MB single line: errors, not crashes", arguments: [0, 1, 2])
    func garbage(kind: Int) {
        var bytes: [UInt8]
        switch kind {
        case 0:
            var rng = SystemRandomNumberGenerator()
            bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 1: bytes = []
        default: bytes = [UInt8](repeating: 0x41, count: 10 << 20)
        }
        let location = SourceLocation(path: "garbage")
        let c = CIFStructureReader.read(bytes: bytes, location: location)
        let p = POSCARReader.read(bytes: bytes, location: location)
        let e = EnergyTableReader.readCSV(bytes: bytes, location: location, stem: "g")
        let j = ComputedEntryReader.read(bytes: bytes, location: location, stem: "g")
        #expect(c.structures.isEmpty && p.structures.isEmpty && e.records.isEmpty && j.records.isEmpty)
        #expect(c.diagnostics.contains { $0.severity == .error })
        #expect(p.diagnostics.contains { $0.severity == .error && $0.location.line != nil })
    }

    @Test("an unknown element in a POSCAR species line and in a formula is named")
    func unknownElements() throws {
        let poscar = POSCARReader.read(bytes: Array("x\n1\n4 0 0\n0 4 0\n0 0 4\nNa Qq\n1 1\nDirect\n0 0 0\n.5 .5 .5\n".utf8), location: SourceLocation(path: "POSCAR"))
        #expect(poscar.diagnostics.first?.message == "'Qq' is not an element")
        #expect(poscar.diagnostics.first?.location.line == 6)
        let csv = EnergyTableReader.readCSV(bytes: Array("id,formula,energy\na,NaQq,-1\n".utf8), location: SourceLocation(path: "e.csv"), stem: "e")
        #expect(csv.diagnostics.first?.message.contains("unknown element 'Qq'") == true)
    }

    @Test("archives: path traversal names, an archive in an archive, a zip bomb and a corrupt zip")
    func archives() throws {
        let dir = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nacl = try [UInt8](Data(contentsOf: Fixtures.sampleData.appendingPathComponent("structures/NaCl-conventional.cif")))
        let zip = dir.appendingPathComponent("bad.zip").path
        let writer = try ZipWriter(path: zip)
        try writer.add(name: "/../../../../tmp/escape.cif", bytes: nacl)
        try writer.add(name: "deep.zip", bytes: [0x50, 0x4B, 0x03, 0x04])
        try writer.add(name: "bomb.cif", bytes: [UInt8](repeating: 0x20, count: InputWalker.maximumFileBytes + 1))
        try writer.finish()
        try Data([0x50, 0x4B, 0x05, 0x06, 1, 2, 3]).write(to: dir.appendingPathComponent("corrupt.zip"))
        let db = try Store.openForWriting(path: dir.appendingPathComponent("s.sqlite").path)
        let summary = try Importer(store: db, options: ImportOptions(source: "bad", symprec: nil)).run([zip, dir.appendingPathComponent("corrupt.zip").path])
        #expect(summary.structures == 1)
        #expect(summary.diagnosticsByKind["error unsupported"] == 1)
        #expect(summary.diagnosticsByKind["error archive"] == 2)
        // The traversal name became a plain id; nothing is written outside the store by an import.
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escape.cif"))
        let ids = try db.prepare("SELECT id FROM entries")
        #expect(try ids.step())
        #expect(ids.text(0) == "escape")
    }
}
