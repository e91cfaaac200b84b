import Foundation
import Testing
import CrystalModel
@testable import CrystalImport

/// Every number entering the store has a domain (`PhysicalBounds`): a value outside it is a located error on its
/// record, and the records beside it are read. Each case here trapped or was taken silently before.
@Suite struct NumberDomainTests {
    static let cell = "_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
    static let good = "data_good\n" + cell + "loop_\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa 0 0 0\n"

    func cif(_ text: String) -> StructureReadResult {
        CIFStructureReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "x.cif"))
    }

    @Test("CIF: out-of-domain numbers are errors at their line; the good block beside them is read", arguments: [
        ("data_bad\n_cell_length_a 1e12\n_cell_length_b 4\n_cell_length_c 4\n_atom_site_fract_x 0\n_atom_site_fract_y 0\n_atom_site_fract_z 0\n_atom_site_type_symbol Na\n",
         2, "_cell_length_a 1000000000000.0 Å is outside 0.1-10000.0 Å"),
        ("data_bad\n_cell_length_a 0.01\n_cell_length_b 4\n_cell_length_c 4\n_atom_site_fract_x 0\n_atom_site_fract_y 0\n_atom_site_fract_z 0\n_atom_site_type_symbol Na\n",
         2, "_cell_length_a 0.01 Å is outside 0.1-10000.0 Å"),
        // The single-site (non-loop) path checks like a loop row.
        ("data_bad\n" + cell + "_atom_site_type_symbol Na\n_atom_site_fract_x 1e300\n_atom_site_fract_y 0\n_atom_site_fract_z 0\n",
         9, "site ?: coordinates out of range (beyond ±1000000.0)"),
        ("data_bad\n" + cell + "_atom_site_label Na1\n_atom_site_fract_x 1/0\n_atom_site_fract_y 0\n_atom_site_fract_z 0\n",
         9, "site Na1: coordinates are not numbers"),
        ("data_bad\n" + cell + "_atom_site_label Na1\n_atom_site_fract_x 0\n_atom_site_fract_y 0\n_atom_site_fract_z 0\n_atom_site_occupancy lots\n",
         9, "site Na1: occupancy 'lots' is not a number"),
        ("data_bad\n" + cell + "_atom_site_label Na1\n_atom_site_fract_x 0\n_atom_site_fract_y 0\n_atom_site_fract_z 0\n_atom_site_occupancy -1\n",
         9, "site Na1: occupancy -1.0 is negative or not finite"),
        // A symmetry operation with absurd coefficients is not an operation; with no other symmetry, the block fails.
        ("data_bad\n" + cell + "_symmetry_space_group_name_H-M 'Q 9'\nloop_\n_symmetry_equiv_pos_as_xyz\n'x+99999999999999999999999999999999999999999999,y,z'\nloop_\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa 0 0 0\n",
         1, "space group 'Q 9' is not recognised and no symmetry operations are given"),
    ] as [(String, Int, String)])
    func cifDomains(text: String, line: Int, reason: String) throws {
        let result = cif(text + Self.good)
        #expect(result.structures.map(\.block) == ["good"])
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location.line == line, "\(error)")
        #expect(error.location.block == "bad")
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test("energy tables: 1e10 eV on one atom, NaN and inf are errors at their row; the other rows are read", arguments: [
        ("x,Fe,1e10", "energy 10000000000.0 eV is 10000000000.0 eV/atom, beyond ±10000000.0 eV/atom"),
        ("x,Fe,nan", "energy 'nan' is not a finite number"),
        ("x,Fe,-inf", "energy '-inf' is not a finite number"),
        ("x,Fe999999999Fe999999999,-1", "is more atoms than any cell holds"),
    ] as [(String, String)])
    func energyDomains(row: String, reason: String) throws {
        let text = "id,formula,energy\na,Fe,-8.3\n\(row)\nb,O,-4.9\n"
        let result = EnergyTableReader.readCSV(bytes: Array(text.utf8), location: SourceLocation(path: "e.csv"), stem: "e")
        #expect(result.records.map(\.id) == ["a", "b"])
        let error = try #require(result.diagnostics.first)
        #expect(error.location.line == 3)
        #expect(error.message.contains(reason), "\(error.message)")
    }

    static func entry(_ fields: String, structure: String? = nil) -> String {
        "{\"@class\": \"ComputedEntry\", \"entry_id\": \"x\", \"composition\": {\"Fe\": 2.0}, \(fields)"
            + (structure.map { ", \"structure\": \($0)" } ?? "") + "}"
    }

    static let lattice = "{\"matrix\": [[3, 0, 0], [0, 3, 0], [0, 0, 3]]}"

    @Test("pymatgen JSON: nan/inf energies, a bad adjustment, a non-numeric occu, a 1e300 lattice row are errors on their entry", arguments: [
        (entry("\"energy\": \"nan\""), "entry x: 'energy' nan is not a finite number"),
        (entry("\"energy\": \"inf\""), "entry x: 'energy' inf is not a finite number"),
        (entry("\"energy\": -10, \"correction\": \"-inf\""), "entry x: 'correction' -inf is not a finite number"),
        (entry("\"energy\": -10, \"energy_adjustments\": [{\"value\": -0.5}, {\"value\": \"oops\"}]"), "entry x: energy adjustment 2 has no finite 'value' (oops)"),
        (entry("\"energy\": -10, \"energy_adjustments\": [{\"name\": \"no value\"}]"), "entry x: energy adjustment 1 has no finite 'value' (null)"),
        (entry("\"energy\": true"), "entry x: 'energy' 1 is not a finite number"),
        (entry("\"energy\": 1e10"), "entry x: energy 10000000000.0 eV is 5000000000.0 eV/atom, beyond ±10000000.0 eV/atom"),
        (entry("\"energy\": -10", structure: "{\"lattice\": {\"matrix\": [[1e300, 0, 0], [0, 3, 0], [0, 0, 3]]}, \"sites\": [{\"abc\": [0, 0, 0], \"species\": [{\"element\": \"Fe\", \"occu\": 1}]}]}"),
         "entry x: structure: lattice: cell length inf Å is outside 0.1-10000.0 Å"),
        (entry("\"energy\": -10", structure: "{\"lattice\": \(lattice), \"sites\": [{\"abc\": [0, 0, 0], \"species\": [{\"element\": \"Fe\", \"occu\": \"most\"}]}]}"),
         "entry x: structure: site 1: occupancy most of Fe is not a number from 0 to 1"),
        (entry("\"energy\": -10", structure: "{\"lattice\": \(lattice), \"sites\": [{\"abc\": [0, \"nan\", 0], \"species\": [{\"element\": \"Fe\", \"occu\": 1}]}]}"),
         "entry x: structure: site 1: 'abc' is not 3 finite numbers within ±1000000.0"),
    ] as [(String, String)])
    func jsonDomains(entry: String, reason: String) throws {
        let good = "{\"entry_id\": \"ok\", \"composition\": {\"O\": 1}, \"energy\": -4.9}"
        let text = "[\(good), \(entry)]"
        let result = ComputedEntryReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "e.json"), stem: "e")
        #expect(result.records.map(\.id) == ["ok"])
        let error = try #require(result.diagnostics.first)
        #expect(error.location.block == "entry 2")
        #expect(error.message == reason)
    }

    @Test("POSCAR: a count of atoms beyond the file, and a Cartesian position beyond any cell, are located errors")
    func poscarDomains() throws {
        let huge = POSCARReader.read(bytes: Array("x\n1\n4 0 0\n0 4 0\n0 0 4\nNa\n9999999\nDirect\n0 0 0\n".utf8), location: SourceLocation(path: "POSCAR"))
        #expect(huge.structures.isEmpty)
        #expect(huge.diagnostics.first?.description == "POSCAR:7: 9999999 atoms counted, but the file has only 9 lines")
        let far = POSCARReader.read(bytes: Array("x\n1\n4 0 0\n0 4 0\n0 0 4\nNa\n1\nCartesian\n1e300 0 0\n".utf8), location: SourceLocation(path: "POSCAR"))
        #expect(far.diagnostics.first?.description == "POSCAR:9: position out of range (fractional coordinates beyond ±1000000.0)")
        let cell = POSCARReader.read(bytes: Array("x\n1\n1e6 0 0\n0 4 0\n0 0 4\nNa\n1\nDirect\n0 0 0\n".utf8), location: SourceLocation(path: "POSCAR"))
        #expect(cell.diagnostics.first?.description == "POSCAR:3: cell length 1000000.0 Å is outside 0.1-10000.0 Å")
    }

    @Test("the store gate: a structure outside its domain is refused whatever made it")
    func gate() {
        let lattice = Lattice(a: Vector3(4, 0, 0), b: Vector3(0, 4, 0), c: Vector3(0, 0, 4))
        let fine = Structure(lattice: lattice, sites: [Site(element: Element(symbol: "Na")!, position: Vector3(0, 0, 0))])
        #expect(PhysicalBounds.violation(in: fine) == nil)
        var negative = fine
        negative.sites[0].occupants[0].occupancy = -1
        #expect(PhysicalBounds.violation(in: negative) == "site 1: occupancy -1.0 of Na is outside (0, 1]")
        var nan = fine
        nan.sites[0].position.y = .nan
        #expect(PhysicalBounds.violation(in: nan)?.hasPrefix("site 1: fractional coordinates") == true)
        let flat = Structure(lattice: Lattice(a: Vector3(4, 0, 0), b: Vector3(8, 0, 0), c: Vector3(0, 0, 4)), sites: fine.sites)
        #expect(PhysicalBounds.violation(in: flat)?.contains("degenerate") == true)
        #expect(PhysicalBounds.violation(totalEnergy: .nan, of: Composition([(Element(symbol: "Fe")!, 1)])) == "energy nan is not a finite number")
    }
}
