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

    public init() {
        formationEnergyPerAtom = nil
        energyAboveHull = nil
        energyAboveReferenceHull = nil
        isHullVertex = false
        isReferenceHullVertex = false
        decomposition = []
        missingReferences = []
        invalidInput = nil
    }

    public static func == (l: StabilityResult, r: StabilityResult) -> Bool {
        l.formationEnergyPerAtom == r.formationEnergyPerAtom && l.energyAboveHull == r.energyAboveHull
            && l.energyAboveReferenceHull == r.energyAboveReferenceHull && l.isHullVertex == r.isHullVertex
            && l.isReferenceHullVertex == r.isReferenceHullVertex && l.missingReferences == r.missingReferences
            && l.invalidInput == r.invalidInput
            && l.decomposition.map(\.entry) == r.decomposition.map(\.entry)
            && l.decomposition.map(\.fraction) == r.decomposition.map(\.fraction)
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
}
