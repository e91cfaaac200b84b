import Testing
import CrystalModel
@testable import CrystalImport

@Suite struct SymmetryTests {
    @Test("xyz operations in their many spellings", arguments: [
        ("x,y,z", [1.0, 0, 0], 0.0), ("-x+1/2, y, -z", [-1.0, 0, 0], 0.5), ("1/2+X, Y, Z", [1.0, 0, 0], 0.5),
        ("x-y,x,z+1/3", [1.0, -1, 0], 0.0), ("-x+y, y, 0.25+z", [-1.0, 1, 0], 0.0), ("+x, +y, +z, +1", [1.0, 0, 0], 0.0),
    ] as [(String, [Double], Double)])
    func parse(text: String, firstRow: [Double], firstShift: Double) throws {
        let op = try #require(SymmetryOperation(xyz: text))
        #expect(op.rotation.0 == Vector3(firstRow[0], firstRow[1], firstRow[2]))
        #expect(op.translation.x == firstShift)
    }

    @Test("unreadable operations are nil", arguments: ["x,y", "x,y,q", "x y z", "x,,z", "1/0+x,y,z", "xy,y,z"])
    func bad(text: String) {
        #expect(SymmetryOperation(xyz: text) == nil)
    }

    @Test("H-M names find their space group and number of operations", arguments: [
        ("P 1", 1, 1), ("P2_1/n", 14, 4), ("P 21/c", 14, 4), ("P2(1)/c", 14, 4), ("P m 3 m", 221, 48), ("Fm-3m", 225, 192),
        ("F d -3 m :2", 227, 192), ("R -3 m", 166, 36), ("R -3 m :R", 166, 12), ("P 63/m m c", 194, 24), ("Pnma", 62, 8),
        ("I 41/a m d :2", 141, 32),
    ] as [(String, Int, Int)])
    func hermannMauguin(name: String, number: Int, operations: Int) throws {
        let hall = try #require(SpaceGroupTable.hallNumber(hermannMauguin: name))
        #expect(SpaceGroupTable.settings[hall - 1].number == number)
        #expect(SpaceGroupTable.operations(hallNumber: hall).count == operations)
    }

    @Test("a non-standard centring of a standard group: A -1 has 4 operations")
    func centred() throws {
        #expect(SpaceGroupTable.hallNumber(hermannMauguin: "A -1") == nil)
        let operations = try #require(SpaceGroupTable.operations(hermannMauguin: "A -1"))
        #expect(operations.count == 4)
        #expect(operations.contains { $0.translation == Vector3(0, 0.5, 0.5) })
    }

    @Test("Hall symbols and bare numbers")
    func hallAndNumber() throws {
        let hall = try #require(SpaceGroupTable.hallNumber(hallSymbol: "-P 2ybc"))
        #expect(SpaceGroupTable.settings[hall - 1].number == 14)
        let diamond = try #require(SpaceGroupTable.hallNumber(hallSymbol: "-F 4vw 2vw 3"))
        #expect(SpaceGroupTable.settings[diamond - 1].choice == "2")
        #expect(SpaceGroupTable.hallNumber(spaceGroupNumber: 166).map { SpaceGroupTable.settings[$0 - 1].choice } == "H")
        #expect(SpaceGroupTable.hallNumber(spaceGroupNumber: 231) == nil)
    }

    @Test("expansion merges symmetry copies and coinciding species into one disordered site")
    func expansion() throws {
        let cif = """
        data_x
        _cell_length_a 4
        _cell_length_b 4
        _cell_length_c 4
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _symmetry_space_group_name_H-M 'P m -3 m'
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        _atom_site_occupancy
        Sr1 Sr2+ 0 0 0 0.7
        Ca1 Ca2+ 1.0 0.0 1.0 0.3
        Ti1 Ti4+ 0.5 0.5 0.5 1
        O1 O2- 0.5 0.5 0.0 1
        """
        let result = CIFStructureReader.read(bytes: Array(cif.utf8), location: SourceLocation(path: "x.cif"))
        let structure = try #require(result.structures.first).structure
        #expect(structure.siteCount == 5)
        #expect(structure.composition.formula == "Ca0.3O3Sr0.7Ti")
        #expect(result.diagnostics.contains { $0.kind == .sitesMerged && $0.location.line == 17 })
    }

    @Test("occupancies summing past 1 beyond rounding are an error at the row")
    func overfull() {
        let cif = "data_x\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\nNa1 0 0 0 0.8\nK1 0 0 0 0.8\n"
        let result = CIFStructureReader.read(bytes: Array(cif.utf8), location: SourceLocation(path: "x.cif"))
        #expect(result.structures.isEmpty)
        let error = result.diagnostics.first { $0.severity == .error }
        #expect(error?.kind == .occupancy)
        #expect(error?.location.line == 11)
        #expect(error?.location.block == "x")
    }
}
