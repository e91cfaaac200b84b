import CrystalHull
import CrystalModel

/// A binary, ternary or quaternary phase diagram: every entry of a chemical system (and its subsystems) placed
/// against the lower convex hull of formation energies, the hull's vertices, facets and tie lines.
///
/// The hull comes from `StabilityEngine` (OQMD's GCLP), the facets from `HullFacets`. Points are sorted by id;
/// facets and tie lines refer to points by index, each listing its vertices in increasing index order.
public struct PhaseDiagram: Sendable {
    /// Which entries form the hull.
    public enum HullMode: String, Sendable, CaseIterable {
        /// Every selected entry, as the store's `e_above_hull`.
        case combined
        /// The `--reference` entries alone (e.g. Materials Project); the others are placed against it.
        case reference
    }

    public struct Point: Sendable {
        public var id: String
        public var source: String
        public var isReference: Bool
        public var composition: Composition
        /// Atom fractions in the diagram's element order.
        public var fractions: [Double]
        /// eV/atom, against the hull's elemental references.
        public var formationEnergyPerAtom: Double
        /// eV/atom above the hull; negative below it (only a non-reference entry in `reference` mode).
        public var energyAboveHull: Double
        /// A vertex of the hull (or an exact duplicate of one).
        public var isStable: Bool
        /// Hull phases (point indices) and atom fractions at this composition; the point itself for a vertex.
        public var decomposition: [(point: Int, fraction: Double)]
        /// Vertices: the distance below the hull of every other composition (eV/atom).
        public var energyBelowHull: Double?
        /// Vertices: the phases that hull offers at this composition.
        public var competing: [(point: Int, fraction: Double)]
    }

    /// The system's elements in the order asked for: the first is the left end of a binary, the corners of a
    /// ternary run left, right, top.
    public let elements: [Element]
    public let hullMode: HullMode
    public let points: [Point]
    /// The hull's vertices, one point per composition (the lowest energy; the first entry on a tie), by index.
    public let vertices: [Int]
    /// The hull's facets as point lists: k points each, more for a flat facet (see `HullFacets`).
    public let facets: [[Int]]
    /// The hull's edges as point pairs: tie lines (two-phase equilibria).
    public let tieLines: [[Int]]

    public var chemicalSystem: String { elements.map(\.symbol).sorted().joined(separator: "-") }

    /// A point's reaction: its decomposition with its energy above the hull, or for a vertex the phases of
    /// the hull without it with its energy below that hull (see `DecompositionReaction`).
    /// `reaction(index).description` from the points' formulas written once (`formulas[j]` for point j).
    func reactionText(_ index: Int, formulas: [String]) -> String {
        let point = points[index]
        if point.isStable, let below = point.energyBelowHull {
            return DecompositionReaction.text(reactant: formulas[index], products: point.competing.map { (formulas[$0.point], $0.fraction) }, energy: -below)
        }
        return DecompositionReaction.text(reactant: formulas[index], products: point.decomposition.map { (formulas[$0.point], $0.fraction) },
                                          energy: point.energyAboveHull)
    }

    public func reaction(_ index: Int) -> DecompositionReaction {
        let point = points[index]
        if point.isStable, let below = point.energyBelowHull {
            return DecompositionReaction(reactant: point.composition, products: point.competing.map { (points[$0.point].composition, $0.fraction) }, energy: -below)
        }
        return DecompositionReaction(reactant: point.composition, products: point.decomposition.map { (points[$0.point].composition, $0.fraction) },
                                     energy: point.energyAboveHull)
    }
}
