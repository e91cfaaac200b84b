import CrystalModel
import CrystalSpaceGroup

/// A generated crystal with real space-group symmetry: its setting, its orbits (one representative site each),
/// and the cell written as P1 (conventional, or primitive for a centred setting, possibly with its origin moved).
public struct SymmetricCrystal: Sendable {
    /// The Hall setting whose operations generated the crystal (1...530).
    public var hallNumber: Int
    /// The conventional cell of that setting.
    public var conventionalLattice: Lattice
    /// One site per orbit, in the conventional cell, with the orbit's size there.
    public var orbits: [(site: Site, multiplicity: Int)]
    /// Every site of the conventional cell.
    public var conventional: Structure
    /// The cell as written to the P1 file.
    public var written: Structure
    /// How `written` relates to `conventional`: "conventional" or "primitive", and the origin shift applied (fractional,
    /// in the written cell).
    public var writtenCell: String
    public var originShift: Vector3

    public var setting: HallSetting { HallSetting.setting(hallNumber)! }
}
