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
    public func compute(_ entries: [HullEntry]) -> [StabilityResult] {
        var results = [StabilityResult](repeating: StabilityResult(), count: entries.count)
        let all = HullSpace(entries: entries, members: Array(entries.indices))
        all.solve { index, hull in
            results[index].formationEnergyPerAtom = hull.formationEnergy
            results[index].energyAboveHull = hull.energyAbove
            results[index].isHullVertex = hull.isVertex
            results[index].decomposition = hull.decomposition
            results[index].missingReferences = hull.missing
            results[index].energyBelowHull = hull.energyBelow
            results[index].competingDecomposition = hull.competing
        }
        let referenceIndices = entries.indices.filter { entries[$0].isReference }
        if referenceIndices.count == entries.count {
            // Every entry is a reference: the reference hull is the hull.
            for index in results.indices { results[index].isReferenceHullVertex = results[index].isHullVertex }
        } else if !referenceIndices.isEmpty {
            let references = HullSpace(entries: entries, members: referenceIndices)
            references.solve { index, hull in results[index].isReferenceHullVertex = hull.isVertex }
            let others = entries.indices.filter { !entries[$0].isReference }
            references.place(others) { index, energyAbove in results[index].energyAboveReferenceHull = energyAbove }
        }
        return results
    }
}
