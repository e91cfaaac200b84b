import CrystalModel

/// What the engine finds for an ordered structure: the space-group type, the operations in the input cell, orbits,
/// Wyckoff positions, and the standardized cells with the transformation to them. Field for field the answers of
/// spglib's dataset at the same tolerances.
public struct SymmetryDataset: Sendable {
    public var spaceGroupNumber: Int
    public var hallNumber: Int
    /// Short Hermann-Mauguin symbol (`Fm-3m`).
    public var internationalSymbol: String
    public var hallSymbol: String
    /// Point group (`m-3m`).
    public var pointGroup: String
    /// Operations in the input cell (fractional coordinates), as spglib's dataset gives them.
    public var operations: [SpaceGroupOperation]
    /// Wyckoff letter index of every site (0 = 'a', ..., 26 = 'A' for alpha), in site order.
    public var wyckoffIndices: [Int]
    /// Oriented site-symmetry symbol of every site (`mmm`, `-3m.`, `..2`).
    public var siteSymmetrySymbols: [String]
    /// The site representing each site's orbit (the first of the orbit, under the operations found).
    public var equivalentSites: [Int]
    /// Orbits in the crystallographic sense (equal to `equivalentSites` unless a supercell broke symmetry).
    public var crystallographicOrbits: [Int]
    /// (a_s b_s c_s) = (a b c) P^-1 and x_s = P x + p: P (row-major, may be fractional) and p.
    public var transformationMatrix: [[Double]]
    public var originShift: Vector3
    /// The primitive cell (lattice rows) and each input site's site in it.
    public var primitiveLattice: Lattice
    public var mappingToPrimitive: [Int]
    /// The conventional cell of the standard setting spanned by the input's own lattice (not idealized, input
    /// orientation): (a_s b_s c_s) = (a b c) P^-1.
    public var conventionalLattice: Lattice
    /// The standardized conventional cell: ideal lattice in the standard orientation, symmetrized positions.
    public var standardLattice: Lattice
    public var standardPositions: [Vector3]
    public var standardTypes: [Int]
    public var standardMappingToPrimitive: [Int]
    /// The tolerances used (Å, degrees; -1: no angle tolerance).
    public var symprec: Double
    public var angleTolerance: Double

    /// Wyckoff letters in site order (`A` for the 27th position, as spglib's Python API writes it).
    public var wyckoffLetters: [Character] { wyckoffIndices.map(WyckoffTable.letter) }

    public var crystalSystem: String {
        switch spaceGroupNumber {
        case ...2: return "triclinic"
        case 3...15: return "monoclinic"
        case 16...74: return "orthorhombic"
        case 75...142: return "tetragonal"
        case 143...167: return "trigonal"
        case 168...194: return "hexagonal"
        default: return "cubic"
        }
    }
}
