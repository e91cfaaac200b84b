import CrystalModel

/// Formation energies, energies above the hull and decompositions for every entry.
///
/// Method (cite: OQMD's GCLP, Kirklin et al. 2015; Akbarzadeh, Ozolins and Wolverton, Adv. Mater. 19, 3233
/// (2007)): chemical systems are processed from fewest elements up. A system's candidate phases are the hull
/// vertices of all its proper subsystems plus its own entries (lowest energy per reduced composition);
/// an own entry is a vertex when it lies more than `HullTolerances.vertex` below the hull of all other
/// candidates (a linear program, `HullLP`). An entry above the hull of its own system can never be a vertex of
/// a larger one, so larger systems reuse the vertex sets of their subsystems. Every entry's energy above the
/// hull and decomposition then come from one LP over the vertices of its system and subsystems. Energies in
/// eV/atom; the LP works on formation energies, which makes the elemental phases zero-cost unit columns.
public struct StabilityEngine {
    public init() {}

    /// Computes results for `entries`, in their order. Reference-hull values are computed for
    /// non-reference entries against the entries with `isReference`.
    ///
    /// An entry whose composition or energy lies outside `PhysicalBounds` (no elements, a non-positive or
    /// non-finite amount, an energy per atom that is not finite or beyond the bound) takes no part: its result
    /// carries the reason in `invalidInput` and nothing else.
    public func compute(_ entries: [HullEntry]) -> [StabilityResult] {
        var results = [StabilityResult](repeating: StabilityResult(), count: entries.count)
        compute(entries) { index, result in results[index] = result }
        return results
    }

    /// Computes results for `entries` and reports each entry's complete result as soon as it is known (chemical
    /// system by system, from the fewest elements up; every entry exactly once), so that a caller can store
    /// results while the rest are computed, and never needs all of them in memory.
    public func compute(_ entries: [HullEntry], report: (Int, StabilityResult) -> Void) {
        let points = HullPoints(entries)
        var valid = [Int]()
        valid.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            if let why = PhysicalBounds.violation(totalEnergy: entry.totalEnergy, of: entry.composition) {
                var result = StabilityResult()
                result.invalidInput = why
                report(index, result)
            } else {
                valid.append(index)
            }
        }
        let referenceIndices = valid.filter { entries[$0].isReference }
        let allReferences = referenceIndices.count == valid.count
        // The reference hull first (its vertices are needed for each entry's distance to it).
        var references: HullSpace?
        var isReferenceVertex = [Bool]()
        if !allReferences, !referenceIndices.isEmpty {
            let space = HullSpace(entries: entries, members: referenceIndices, points: points)
            isReferenceVertex = [Bool](repeating: false, count: entries.count)
            space.solve { index, hull in isReferenceVertex[index] = hull.isVertex }
            references = space
        }
        let all = HullSpace(entries: entries, members: valid, points: points)
        all.solve { index, hull in
            var result = StabilityResult()
            result.formationEnergyPerAtom = hull.formationEnergy
            result.energyAboveHull = hull.energyAbove
            result.isHullVertex = hull.isVertex
            result.decomposition = hull.decomposition
            result.missingReferences = hull.missing
            result.energyBelowHull = hull.energyBelow
            result.competingDecomposition = hull.competing
            if allReferences {
                // Every entry is a reference: the reference hull is the hull.
                result.isReferenceHullVertex = hull.isVertex
            } else if let references {
                if entries[index].isReference {
                    result.isReferenceHullVertex = isReferenceVertex[index]
                } else {
                    references.place(index) { result.energyAboveReferenceHull = $0 }
                }
            }
            report(index, result)
        }
    }
}
