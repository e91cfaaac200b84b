extension HullSpace {
    /// Places an entry that is not a member against this space's hull (after `solve`): formation energy
    /// against this space's elemental references, energy above the hull (negative below) and the hull phases
    /// at its composition; nil when this space lacks an element of the entry. `programs` caches the LP of
    /// each chemical system between calls.
    func placement(_ index: Int, programs: inout [ChemicalSystemKey: (lp: HullLP, phases: [Int])]) -> HullPlacement? {
        guard missing(entries[index]).isEmpty else { return nil }
        let p = point(index)
        if programs[p.system] == nil {
            var stable = [Int]()
            for sub in p.system.subsets(among: vertices) { if let phases = vertices[sub] { stable += phases } }
            programs[p.system] = (makeLP(stable, Array(p.elements)), stable)
        }
        guard let program = programs[p.system], let solution = program.lp.solve(target: p.fractions) else { return nil }
        let formation = formationEnergy(index)
        return HullPlacement(formationEnergyPerAtom: formation, energyAboveHull: formation - solution.energy,
                             decomposition: solution.basis.map { (program.phases[$0.column], $0.weight) }.sorted { $0.entry < $1.entry })
    }
}
