import CrystalModel

/// The hull of a subset of entries (all of them, or the reference set): elemental references, vertex sets
/// per chemical system, and placement of entries against them.
final class HullSpace {
    struct Answer {
        var formationEnergy: Double?
        var energyAbove: Double?
        var isVertex = false
        var decomposition: [(entry: Int, fraction: Double)] = []
        var missing: [Element] = []
    }

    let entries: [HullEntry]
    let members: [Int]
    /// Lowest energy per atom of each element's single-element members, and which entry has it.
    let references: [Int: (energy: Double, entry: Int)]

    init(entries: [HullEntry], members: [Int]) {
        self.entries = entries
        self.members = members
        var references = [Int: (energy: Double, entry: Int)]()
        for index in members where entries[index].composition.elementCount == 1 {
            let z = entries[index].composition.amounts[0].element.atomicNumber
            let e = entries[index].energyPerAtom
            if let current = references[z], current.energy <= e { continue }
            references[z] = (e, index)
        }
        self.references = references
    }

    func missing(_ entry: HullEntry) -> [Element] {
        entry.composition.elements.filter { references[$0.atomicNumber] == nil }
    }

    func formationEnergy(_ entry: HullEntry) -> Double {
        var reference = 0.0
        for (element, fraction) in entry.composition.fractions {
            reference += fraction * references[element.atomicNumber]!.energy
        }
        return entry.energyPerAtom - reference
    }

    /// A phase for the LP: entry index, fractions over the system's elements, formation energy.
    struct Phase {
        var entry: Int
        var fractions: [Int: Double]
        var energy: Double
    }

    /// Vertices of each chemical system, found from the fewest elements up; calls `report` for every member.
    func solve(_ report: (Int, Answer) -> Void) {
        var bySystem = [ChemicalSystemKey: [Int]]()
        var formation = [Int: Double]()
        for index in members {
            let entry = entries[index]
            let absent = missing(entry)
            if !absent.isEmpty {
                var answer = Answer()
                answer.missing = absent
                report(index, answer)
                continue
            }
            formation[index] = formationEnergy(entry)
            bySystem[ChemicalSystemKey(entry.composition.elements), default: []].append(index)
        }
        var vertices = [ChemicalSystemKey: [Phase]]()
        for system in bySystem.keys.sorted() {
            let own = bySystem[system]!
            let elements = system.atomicNumbers
            // Candidate phases: vertices of proper subsystems, then the best entry per reduced composition.
            var candidates = [Phase]()
            for sub in system.subsets() where sub != system {
                if let phases = vertices[sub] { candidates += phases }
            }
            let subCount = candidates.count
            var bestByComposition = [[Double]: Int]()
            var order = [[Double]]()
            for index in own {
                let key = fractionKey(entries[index].composition, elements)
                if let current = bestByComposition[key] {
                    if formation[index]! < formation[current]! || (formation[index]! == formation[current]! && index < current) {
                        bestByComposition[key] = index
                    }
                } else {
                    bestByComposition[key] = index
                    order.append(key)
                }
            }
            for key in order {
                let index = bestByComposition[key]!
                candidates.append(Phase(entry: index, fractions: fractionMap(entries[index].composition), energy: formation[index]!))
            }
            var lp = makeLP(candidates, elements)
            // Vertex test for each own best entry against all other candidates.
            var ownVertices = [Phase]()
            for column in subCount..<candidates.count {
                let phase = candidates[column]
                let target = elements.map { phase.fractions[$0] ?? 0 }
                let isElemental = elements.count == 1
                if isElemental {
                    // The lowest elemental entry is the reference itself: a vertex by definition.
                    if references[elements[0]]!.entry == phase.entry { ownVertices.append(phase) }
                    continue
                }
                guard let without = lp.solve(target: target, excluding: column) else { continue }
                if phase.energy < without.energy - HullTolerances.vertex { ownVertices.append(phase) }
            }
            vertices[system] = ownVertices
            // Place every own entry against the vertices of the system and its subsystems.
            var stable = [Phase]()
            for sub in system.subsets() { if let phases = vertices[sub] { stable += phases } }
            lp = makeLP(stable, elements)
            // An exact duplicate of a vertex (the same composition, not just reduced, and the same total energy
            // to 1e-9 relative) is a vertex too: the same calculation listed twice. This is pymatgen's entry
            // equality (`ComputedEntry.__eq__`), which also holds for id-less table rows; pymatgen would not
            // call two duplicates with different ids both stable.
            var vertexEntries = Set(ownVertices.map(\.entry))
            for index in own where !vertexEntries.contains(index) {
                let best = bestByComposition[fractionKey(entries[index].composition, elements)]!
                if vertexEntries.contains(best), isDuplicate(entries[index], entries[best]) { vertexEntries.insert(index) }
            }
            for index in own {
                var answer = Answer()
                answer.formationEnergy = formation[index]!
                if vertexEntries.contains(index) {
                    answer.isVertex = true
                    answer.energyAbove = 0
                    answer.decomposition = [(index, 1)]
                } else if let solution = lp.solve(target: elements.map { fractionMap(entries[index].composition)[$0] ?? 0 }) {
                    answer.energyAbove = max(0, formation[index]! - solution.energy)
                    answer.decomposition = solution.basis.map { (stable[$0.column].entry, $0.weight) }.sorted { $0.entry < $1.entry }
                }
                report(index, answer)
            }
        }
        self.vertices = vertices
    }

    /// Filled by `solve`: each chemical system's own vertices, used by `place`.
    private(set) var vertices: [ChemicalSystemKey: [Phase]] = [:]

    func isDuplicate(_ a: HullEntry, _ b: HullEntry) -> Bool {
        guard a.composition.elementCount == b.composition.elementCount else { return false }
        for (x, y) in zip(a.composition.amounts, b.composition.amounts) {
            if x.element != y.element || abs(x.amount - y.amount) > Composition.amountTolerance { return false }
        }
        return abs(a.totalEnergy - b.totalEnergy) <= 1e-9 * max(abs(a.totalEnergy), abs(b.totalEnergy))
    }

    func fractionMap(_ composition: Composition) -> [Int: Double] {
        var map = [Int: Double]()
        for (element, fraction) in composition.fractions { map[element.atomicNumber] = fraction }
        return map
    }

    func fractionKey(_ composition: Composition, _ elements: [Int]) -> [Double] {
        let map = fractionMap(composition)
        // Rounded so that Fe2O3 and Fe4O6 share a key.
        return elements.map { ((map[$0] ?? 0) * 1e10).rounded() / 1e10 }
    }

    func makeLP(_ phases: [Phase], _ elements: [Int]) -> HullLP {
        let k = elements.count
        var fractions = [Double](repeating: 0, count: phases.count * k)
        var energies = [Double](repeating: 0, count: phases.count)
        var elemental = [Int](repeating: -1, count: k)
        for (j, phase) in phases.enumerated() {
            energies[j] = phase.energy
            for (i, z) in elements.enumerated() { fractions[j * k + i] = phase.fractions[z] ?? 0 }
            if phase.fractions.count == 1, let z = phase.fractions.keys.first, let i = elements.firstIndex(of: z),
               references[z]?.entry == phase.entry {
                elemental[i] = j
            }
        }
        return HullLP(fractions: fractions, energies: energies, k: k, elementalColumn: elemental)
    }

    /// Places entries that are not members against this space's hull (after `solve`): energy above it,
    /// negative below; nil when this space lacks an element of the entry.
    func place(_ indices: [Int], _ report: (Int, Double?) -> Void) {
        var programs = [ChemicalSystemKey: (HullLP, [Int])]()
        for index in indices {
            let entry = entries[index]
            guard missing(entry).isEmpty else {
                report(index, nil)
                continue
            }
            let system = ChemicalSystemKey(entry.composition.elements)
            if programs[system] == nil {
                var stable = [Phase]()
                for sub in system.subsets() { if let phases = vertices[sub] { stable += phases } }
                let elements = system.atomicNumbers
                programs[system] = (makeLP(stable, elements), elements)
            }
            let (lp, elements) = programs[system]!
            let map = fractionMap(entry.composition)
            guard let solution = lp.solve(target: elements.map { map[$0] ?? 0 }) else {
                report(index, nil)
                continue
            }
            report(index, formationEnergy(entry) - solution.energy)
        }
    }
}
