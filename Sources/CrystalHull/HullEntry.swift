import CrystalModel

/// One entry given to the stability engine: a composition and the total energy of that composition.
public struct HullEntry: Sendable {
    public var id: String
    public var composition: Composition
    /// Total energy (eV) of `composition`.
    public var totalEnergy: Double
    /// Part of the known reference set (e.g. Materials Project).
    public var isReference: Bool

    public init(id: String, composition: Composition, totalEnergy: Double, isReference: Bool = false) {
        self.id = id
        self.composition = composition
        self.totalEnergy = totalEnergy
        self.isReference = isReference
    }

    public var energyPerAtom: Double { totalEnergy / composition.totalAmount }
}

/// What the engine says about one entry. Energies in eV/atom.
public struct StabilityResult: Sendable, Equatable {
    /// Energy per atom minus the atom-weighted elemental reference energies; nil when a reference is missing.
    public var formationEnergyPerAtom: Double?
    /// Distance above the lower convex hull of all entries (>= 0); 0 for hull vertices.
    public var energyAboveHull: Double?
    /// Distance to the hull of reference entries only, negative below it; nil for reference entries
    /// and where the reference set lacks an element.
    public var energyAboveReferenceHull: Double?
    /// A vertex of the hull of all entries (pymatgen's "stable").
    public var isHullVertex: Bool
    /// A vertex of the reference-only hull (reference entries only).
    public var isReferenceHullVertex: Bool
    /// Hull phases (entry indices) and their atom fractions at this entry's composition; the entry itself
    /// for a vertex.
    public var decomposition: [(entry: Int, fraction: Double)]
    /// Elements of this entry with no elemental entry (nothing else is computed then).
    public var missingReferences: [Element]
    /// Why the entry took no part (its composition or energy lies outside `PhysicalBounds`); nil normally.
    public var invalidInput: String?
    /// Hull vertices only: how far the entry lies below the hull formed by every entry of another reduced
    /// composition (eV/atom, > 0; 0 for an element, which has nothing to compete with). pymatgen's
    /// `get_decomp_and_phase_separation_energy` is its negative (Bartel et al., npj Comput. Mater. 6, 97 (2020)).
    public var energyBelowHull: Double?
    /// Hull vertices only: the phases (entry indices) and atom fractions of that hull at the entry's composition,
    /// what the entry would decompose into without it; empty for an element.
    public var competingDecomposition: [(entry: Int, fraction: Double)]

    public init() {
        formationEnergyPerAtom = nil
        energyAboveHull = nil
        energyAboveReferenceHull = nil
        isHullVertex = false
        isReferenceHullVertex = false
        decomposition = []
        missingReferences = []
        invalidInput = nil
        energyBelowHull = nil
        competingDecomposition = []
    }

    public static func == (l: StabilityResult, r: StabilityResult) -> Bool {
        l.formationEnergyPerAtom == r.formationEnergyPerAtom && l.energyAboveHull == r.energyAboveHull
            && l.energyAboveReferenceHull == r.energyAboveReferenceHull && l.isHullVertex == r.isHullVertex
            && l.isReferenceHullVertex == r.isReferenceHullVertex && l.missingReferences == r.missingReferences
            && l.invalidInput == r.invalidInput
            && l.decomposition.map(\.entry) == r.decomposition.map(\.entry)
            && l.decomposition.map(\.fraction) == r.decomposition.map(\.fraction)
            && l.energyBelowHull == r.energyBelowHull
            && l.competingDecomposition.map(\.entry) == r.competingDecomposition.map(\.entry)
            && l.competingDecomposition.map(\.fraction) == r.competingDecomposition.map(\.fraction)
    }
}

/// Tolerances of the stability engine, named once with their units.
public enum HullTolerances {
    /// An entry is a hull vertex when it lies more than this below the hull of all other entries
    /// (eV/atom). pymatgen's PhaseDiagram numerical tolerance.
    public static let vertex = 1e-8
    /// pymatgen's on-hull tolerance for `is_stable` (eV/atom); GNoME counts 5e-5 as on the hull.
    public static let onHullDefault = 1e-8
    /// Decomposition fractions below this (atom fraction) are dropped.
    public static let fraction = 1e-9
    /// A phase this close to a facet's plane lies on it (eV/atom): phases of one flat facet are merged into
    /// one facet instead of being triangulated arbitrarily. Below `vertex`, so a phase this close to the hull of
    /// the others is not a vertex in the first place, and far above the ~1e-14 eV/atom rounding of the planes.
    public static let coplanar = 1e-9
    /// Compositions (atom fractions) closer than this are the same; also the side test of the facet search.
    public static let composition = 1e-9
}
