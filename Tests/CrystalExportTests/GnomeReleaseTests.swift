import Foundation
import Testing
import CrystalModel
import CrystalQuery
@testable import CrystalStore
@testable import CrystalExport

/// A GNoME-layout release read the way GNoME's own notebook reads its summary (`pd.read_csv`, the `Elements`
/// column through `json.loads` after quoting, `ComputedEntry(Composition, Corrected Energy)`).
@Suite struct GnomeReleaseTests {
    /// Splits one CSV line with double-quoted fields.
    static func cells(_ line: Substring) -> [String] {
        var out = [String](), field = "", quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" { quoted = false } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }

    @Test("Reduced Formula is pymatgen's, Elements parse as JSON, Composition and Corrected Energy give the stored energy per atom")
    func notebookReading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-gnome-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, _) = try ExporterTests.store(dir)
        let out = dir.appendingPathComponent("release").path
        let summary = try Exporter(options: ExportOptions(format: .gnome)).run(store: db, to: out)
        #expect(summary.exported == 8)
        let lines = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n")
        let header = Self.cells(lines[0])
        // pymatgen 2026.10.24's Composition.reduced_formula of the sample structures (NaCl and the VASP 4 FeO
        // checked by hand: pymatgen reads neither file as such).
        let pymatgen = ["CuAu-disordered": "CuAu", "LiFeO2": "LiFeO2", "Si-diamond": "Si", "TiO2-rutile": "TiO2",
                        "two-blocks/Li_bcc": "Li", "two-blocks/Li2O": "Li2O", "NaCl-conventional": "NaCl", "FeO-vasp4": "FeO"]
        var seen = Set<String>()
        let perAtom = try db.prepare("SELECT g.energy_per_atom FROM energies g JOIN entries e ON e.entry_pk = g.entry_pk WHERE e.id = ?")
        for line in lines.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, Self.cells(line)))
            let id = try #require(row["MaterialId"])
            seen.insert(id)
            let composition = try Composition(formula: try #require(row["Composition"]))
            #expect(row["Reduced Formula"] == composition.pymatgenReducedFormula)
            if let expected = pymatgen[id] { #expect(row["Reduced Formula"] == expected, "\(id)") }
            let elementsJSON = try #require(row["Elements"]).replacingOccurrences(of: "'", with: "\"")
            let elements = try #require(try JSONSerialization.jsonObject(with: Data(elementsJSON.utf8)) as? [String])
            #expect(Set(elements) == Set(composition.elements.map(\.symbol)))
            #expect(elements == composition.electronegativityOrderedElements.map(\.symbol))
            if let energy = row["Corrected Energy"], !energy.isEmpty {
                try perAtom.bind(id)
                #expect(try perAtom.step())
                #expect(abs(try #require(Double(energy)) / composition.totalAmount - perAtom.double(0)) < 1e-9)
                perAtom.reset()
            }
        }
        #expect(seen == Set(pymatgen.keys))
    }
}
