import Foundation
import Testing
import CrystalModel
@testable import CrystalExport
@testable import CrystalImport

/// Written CIFs and POSCARs read back into crystaldb give the same composition, cell and sites.
@Suite struct WriterRoundTripTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData/structures")

    func read(_ name: String) throws -> Structure {
        let bytes = try [UInt8](Data(contentsOf: Self.sample.appendingPathComponent(name)))
        let result = name.hasSuffix(".cif") ? CIFStructureReader.read(bytes: bytes, location: SourceLocation(path: name))
                                            : POSCARReader.read(bytes: bytes, location: SourceLocation(path: name))
        return try #require(result.structures.first).structure
    }

    func expectSame(_ a: Structure, _ b: Structure) {
        #expect(a.composition.formula == b.composition.formula)
        #expect(a.siteCount == b.siteCount)
        for axis in 0..<3 {
            #expect(abs(a.lattice.lengths[axis] - b.lattice.lengths[axis]) < 1e-7)
            #expect(abs(a.lattice.anglesInDegrees[axis] - b.lattice.anglesInDegrees[axis]) < 1e-6)
        }
        // Same positions (as Cartesian sets, since a CIF re-orients the cell) and species.
        for (s, t) in zip(a.sites, b.sites) {
            #expect(s.occupants.map(\.element) == t.occupants.map(\.element))
            let d = s.position - t.position
            let wrapped = d - d.rounded(.toNearestOrEven)
            #expect(abs(wrapped.x) < 1e-7 && abs(wrapped.y) < 1e-7 && abs(wrapped.z) < 1e-7)
        }
    }

    @Test("CIF round trip, including a disordered site", arguments: ["NaCl-conventional.cif", "CuAu-disordered.cif", "TiO2-rutile.cif", "LiFeO2.vasp"])
    func cif(name: String) throws {
        let original = try read(name)
        let text = CIFWriter.write(original, blockName: "x y")
        #expect(text.contains("data_x_y\n"))
        let back = CIFStructureReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "w.cif"))
        let structure = try #require(back.structures.first).structure
        expectSame(original, structure)
        #expect(back.diagnostics.filter { $0.kind != .sitesMerged }.isEmpty)
    }

    @Test("POSCAR round trip; a disordered structure is refused")
    func poscar() throws {
        let original = try read("TiO2-rutile.cif")
        let text = try POSCARWriter.write(original, comment: "rutile")
        let back = POSCARReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "POSCAR"))
        let structure = try #require(back.structures.first).structure
        #expect(structure.composition.formula == "O4Ti2")
        #expect(abs(structure.lattice.volume - original.lattice.volume) < 1e-8)
        #expect(throws: POSCARWriter.DisorderedError.self) { try POSCARWriter.write(try read("CuAu-disordered.cif"), comment: "") }
    }

    @Test("the CIF text is pymatgen's CifWriter dialect, pinned")
    func pinned() throws {
        let lattice = Lattice(lengths: Vector3(4, 4, 4), anglesInDegrees: Vector3(90, 90, 90))
        let structure = Structure(lattice: lattice, sites: [Site(element: Element(symbol: "Po")!, position: Vector3(0, 0, 0))])
        #expect(CIFWriter.write(structure, blockName: "Po") == """
        # generated using crystaldb
        data_Po
        _symmetry_space_group_name_H-M   'P 1'
        _cell_length_a   4.00000000
        _cell_length_b   4.00000000
        _cell_length_c   4.00000000
        _cell_angle_alpha   90.00000000
        _cell_angle_beta   90.00000000
        _cell_angle_gamma   90.00000000
        _symmetry_Int_Tables_number   1
        _chemical_formula_structural   Po
        _chemical_formula_sum   'Po1'
        _cell_volume   64.00000000
        _cell_formula_units_Z   1
        loop_
         _symmetry_equiv_pos_site_id
         _symmetry_equiv_pos_as_xyz
          1  'x, y, z'
        loop_
         _atom_site_type_symbol
         _atom_site_label
         _atom_site_symmetry_multiplicity
         _atom_site_fract_x
         _atom_site_fract_y
         _atom_site_fract_z
         _atom_site_occupancy
          Po  Po0  1  0.00000000  0.00000000  0.00000000  1

        """)
    }

    @Test("JSON strings escape control characters; NaN becomes null")
    func json() {
        #expect(StructureJSON.string("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
        #expect(StructureJSON.number(.nan) == "null")
        #expect(StructureJSON.number(2) == "2")
        #expect(StructureJSON.number(-0.25) == "-0.25")
    }
}
