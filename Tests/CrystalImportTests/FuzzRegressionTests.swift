import Foundation
import Testing
import CrystalModel
@testable import CrystalImport

/// Inputs the fuzzers found (make fuzz), each named after what it broke; each must now give a located diagnostic.
@Suite struct FuzzRegressionTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    @Test("a space group number beyond Int's range (2279999999999999999999999999999999) trapped the mapper")
    func spaceGroupNumberBeyondIntRange() throws {
        let bytes = try Self.fixture("fuzz-cif-space-group-number-beyond-int-range.cif")
        let result = CIFStructureReader.read(bytes: bytes, location: SourceLocation(path: "fuzz.cif"))
        #expect(result.structures.isEmpty)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.description == "fuzz.cif:9 in data_Si: _atom_site_fract_x, _y and _z are not in one loop")
    }

    @Test("the same number in an otherwise good file is a located warning and ignored as a declaration")
    func hugeNumberInGoodFile() throws {
        let text = """
            data_x
            _cell_length_a 4
            _cell_length_b 4
            _cell_length_c 4
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            _symmetry_Int_Tables_number 2279999999999999999999999999999999
            _symmetry_equiv_pos_as_xyz 'x,y,z'
            loop_
            _atom_site_type_symbol
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            Na 0 0 0
            """
        let result = CIFStructureReader.read(bytes: Array(text.utf8), location: SourceLocation(path: "x.cif"))
        let read = try #require(result.structures.first)
        #expect(read.structure.siteCount == 1)
        #expect(read.declaredSpaceGroupNumber == nil)
        #expect(result.diagnostics.map(\.description).contains(
            "x.cif:8 in data_x: _symmetry_int_tables_number '22799999999999999999' is not a space group number (1-230); ignored"))
    }
}
