import CSpglib
import CrystalModel
@testable import CrystalSymmetry

/// spglib 2.0.2's full dataset (Debian's libsymspg), the oracle the engine is checked against.
struct SpglibOracle {
    var number: Int
    var hallNumber: Int
    var wyckoffs: [Int]
    var siteSymmetrySymbols: [String]
    var equivalentAtoms: [Int]
    var transformation: [[Double]]
    var originShift: Vector3
    var rotations: [[Int]]
    var translations: [Vector3]
    var standardLattice: [[Double]]
    var standardPositions: [Vector3]
    var standardTypes: [Int]
    var pointGroup: String

    init?(_ structure: Structure, symprec: Double, angleTolerance: Double) {
        var cell = SpglibCell(structure)
        guard let dataset = cell.withArguments({ lattice, positions, types, count in
            angleTolerance < 0 ? spg_get_dataset(lattice, positions, types, count, symprec)
                : spgat_get_dataset(lattice, positions, types, count, symprec, angleTolerance)
        }) else { return nil }
        defer { spg_free_dataset(dataset) }
        let d = dataset.pointee
        guard d.spacegroup_number > 0 else { return nil }
        number = Int(d.spacegroup_number)
        hallNumber = Int(d.hall_number)
        let n = Int(d.n_atoms)
        wyckoffs = (0..<n).map { Int(d.wyckoffs[$0]) }
        siteSymmetrySymbols = (0..<n).map { SymmetryAnalyzer.text(d.site_symmetry_symbols[$0]) }
        equivalentAtoms = (0..<n).map { Int(d.equivalent_atoms[$0]) }
        let t = d.transformation_matrix
        transformation = [[t.0.0, t.0.1, t.0.2], [t.1.0, t.1.1, t.1.2], [t.2.0, t.2.1, t.2.2]]
        originShift = Vector3(d.origin_shift.0, d.origin_shift.1, d.origin_shift.2)
        rotations = (0..<Int(d.n_operations)).map { i in
            let r = d.rotations[i]
            return [r.0.0, r.0.1, r.0.2, r.1.0, r.1.1, r.1.2, r.2.0, r.2.1, r.2.2].map { Int($0) }
        }
        translations = (0..<Int(d.n_operations)).map { i in Vector3(d.translations[i].0, d.translations[i].1, d.translations[i].2) }
        let l = d.std_lattice
        // spglib's lattice columns are the vectors: rows here.
        standardLattice = [[l.0.0, l.1.0, l.2.0], [l.0.1, l.1.1, l.2.1], [l.0.2, l.1.2, l.2.2]]
        standardPositions = (0..<Int(d.n_std_atoms)).map { i in Vector3(d.std_positions[i].0, d.std_positions[i].1, d.std_positions[i].2) }
        standardTypes = (0..<Int(d.n_std_atoms)).map { Int(d.std_types[$0]) }
        pointGroup = SymmetryAnalyzer.text(d.pointgroup_symbol)
    }
}
