import ArgumentParser
import CrystalModel
import CrystalSymmetry

/// Which cell `show` and `export` write: as stored, or a standardized cell from the symmetry engine (spglib's
/// standardization: the conventional cell of the standard setting, or its primitive cell, on the structure's own
/// lattice vectors with symmetrized positions). A structure without a detected space group (disordered, or none
/// found) is written as stored.
enum CellChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case input, primitive, conventional

    /// The transformation, or nil for `input`.
    func transform(symprec: Double) -> (@Sendable (Structure) -> Structure)? {
        switch self {
        case .input: return nil
        case .primitive: return { SymmetryAnalyzer.standardizedPrimitive($0, symprec: symprec) ?? $0 }
        case .conventional: return { SymmetryAnalyzer.standardizedConventional($0, symprec: symprec) ?? $0 }
        }
    }
}
