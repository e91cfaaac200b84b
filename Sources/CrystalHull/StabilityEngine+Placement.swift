import CrystalModel

extension StabilityEngine {
    /// The hull of `entries[members]` alone (their results as `compute` gives them, every other entry's left
    /// empty) and every other entry placed against it (nil for members and where the members lack an element).
    /// `--hull reference` of `crystaldb phase-diagram`: the reference set's hull with the candidates on it.
    public func place(_ entries: [HullEntry], againstHullOf members: [Int]) -> (results: [StabilityResult], placements: [HullPlacement?]) {
        var results = [StabilityResult](repeating: StabilityResult(), count: entries.count)
        var placements = [HullPlacement?](repeating: nil, count: entries.count)
        // Entries outside `PhysicalBounds` take no part, as in `compute`.
        var valid = [Bool](repeating: false, count: entries.count)
        for (index, entry) in entries.enumerated() {
            if let why = PhysicalBounds.violation(totalEnergy: entry.totalEnergy, of: entry.composition) {
                results[index].invalidInput = why
            } else {
                valid[index] = true
            }
        }
        let space = HullSpace(entries: entries, members: members.filter { valid[$0] }, points: HullPoints(entries))
        space.solve { index, hull in
            results[index].formationEnergyPerAtom = hull.formationEnergy
            results[index].energyAboveHull = hull.energyAbove
            results[index].isHullVertex = hull.isVertex
            results[index].isReferenceHullVertex = hull.isVertex
            results[index].decomposition = hull.decomposition
            results[index].missingReferences = hull.missing
            results[index].energyBelowHull = hull.energyBelow
            results[index].competingDecomposition = hull.competing
        }
        var isMember = [Bool](repeating: false, count: entries.count)
        for index in members { isMember[index] = true }
        var programs = [ChemicalSystemKey: (lp: HullLP, phases: [Int])]()
        for index in entries.indices where !isMember[index] && valid[index] { placements[index] = space.placement(index, programs: &programs) }
        return (results, placements)
    }
}
