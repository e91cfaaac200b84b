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
        /// Vertices only: how far the entry lies below the hull of every other composition (eV/atom, > 0;
        /// 0 for elements), and that hull's phases at its composition.
        var energyBelow: Double?
        var competing: [(entry: Int, fraction: Double)] = []
    }

    typealias Point = HullPoints.Point

    let entries: [HullEntry]
    let members: [Int]
    /// Lowest energy per atom of each element's single-element members, and which entry has it.
    let references: [Int: (energy: Double, entry: Int)]
    /// Points of every entry, shared with the other spaces over the same entries.
    private let points: HullPoints
    /// Placement programs per chemical system, built on first use by `place`.
    private var placements: [ChemicalSystemKey: HullLP] = [:]
    /// Each chemical system's own vertices (entry indices), filled by `solve`.
    private(set) var vertices: [ChemicalSystemKey: [Int]] = [:]
    /// Formation energy per entry (NaN until computed).
    private var formation: [Double]

    init(entries: [HullEntry], members: [Int], points: HullPoints) {
        self.entries = entries
        self.points = points
        self.members = members
        var references = [Int: (energy: Double, entry: Int)]()
        for index in members where entries[index].composition.elementCount == 1 {
            let z = entries[index].composition.amounts[0].element.atomicNumber
            let e = entries[index].energyPerAtom
            if let current = references[z], current.energy <= e { continue }
            references[z] = (e, index)
        }
        self.references = references
        self.formation = [Double](repeating: .nan, count: entries.count)
    }

    func point(_ index: Int) -> Point { points.point(index) }

    func missing(_ entry: HullEntry) -> [Element] {
        entry.composition.elements.filter { references[$0.atomicNumber] == nil }
    }

    func formationEnergy(_ index: Int) -> Double {
        let cached = formation[index]
        if !cached.isNaN { return cached }
        let p = point(index)
        var reference = 0.0
        for (z, f) in zip(p.elements, p.fractions) { reference += f * references[z]!.energy }
        let value = entries[index].energyPerAtom - reference
        formation[index] = value
        return value
    }

    /// Vertices of each chemical system, found from the fewest elements up; calls `report` for every member.
    func solve(_ report: (Int, Answer) -> Void) {
        var bySystem = [ChemicalSystemKey: [Int]]()
        for index in members {
            let absent = missing(entries[index])
            if !absent.isEmpty {
                var answer = Answer()
                answer.missing = absent
                report(index, answer)
                continue
            }
            bySystem[point(index).system, default: []].append(index)
        }
        for system in bySystem.keys.sorted() {
            let own = bySystem[system]!
            let elements = system.atomicNumbers
            // Candidates: vertices of proper subsystems, then the best entry per reduced composition.
            var candidates = [Int]()
            for sub in system.subsets(among: vertices) where sub != system { if let phases = vertices[sub] { candidates += phases } }
            let subCount = candidates.count
            var bestByComposition = [[Int64]: Int]()
            var keys = [[Int64]]()
            keys.reserveCapacity(own.count)
            for index in own {
                let key = compositionKey(index)
                keys.append(key)
                if let current = bestByComposition[key] {
                    if formationEnergy(index) < formationEnergy(current) { bestByComposition[key] = index }
                } else {
                    bestByComposition[key] = index
                }
            }
            let bestSet = Set(bestByComposition.values)
            candidates += own.filter { bestSet.contains($0) }
            var ownVertices = [Int]()
            // For each vertex, the hull of all other compositions at its composition (energy, phases).
            var without = [Int: (energy: Double, phases: [(entry: Int, fraction: Double)])]()
            if elements.count == 1 {
                // The lowest elemental entry is the reference itself: a vertex by definition, with nothing to
                // compete against (pymatgen's phase separation energy of an element is 0).
                let reference = references[elements[0]]!.entry
                ownVertices = [reference]
                without[reference] = (formationEnergy(reference), [])
            } else {
                let lp = makeLP(candidates, elements)
                for column in subCount..<candidates.count {
                    let index = candidates[column]
                    guard let solution = lp.solve(target: point(index).fractions, excluding: column) else { continue }
                    if formationEnergy(index) < solution.energy - HullTolerances.vertex {
                        ownVertices.append(index)
                        without[index] = (solution.energy, solution.basis.map { (candidates[$0.column], $0.weight) }.sorted { $0.entry < $1.entry })
                    }
                }
            }
            vertices[system] = ownVertices
            // An exact duplicate of a vertex (the same composition, not just reduced, and the same total energy
            // to 1e-9 relative) is a vertex too: the same calculation listed twice. This is pymatgen's entry
            // equality (`ComputedEntry.__eq__`), which also holds for id-less table rows; pymatgen would not
            // call two duplicates with different ids both stable.
            var vertexEntries = Set(ownVertices)
            for (index, key) in zip(own, keys) where !vertexEntries.contains(index) {
                let best = bestByComposition[key]!
                if vertexEntries.contains(best), isDuplicate(entries[index], entries[best]) {
                    vertexEntries.insert(index)
                    without[index] = without[best]
                }
            }
            // Place every own entry against the vertices of the system and its subsystems.
            var stable = [Int]()
            for sub in system.subsets(among: vertices) { if let phases = vertices[sub] { stable += phases } }
            let lp = makeLP(stable, elements)
            for index in own {
                var answer = Answer()
                let energy = formationEnergy(index)
                answer.formationEnergy = energy
                if vertexEntries.contains(index) {
                    answer.isVertex = true
                    answer.energyAbove = 0
                    answer.decomposition = [(index, 1)]
                    if let competing = without[index] {
                        answer.energyBelow = max(0, competing.energy - energy)
                        answer.competing = competing.phases
                    }
                } else if let solution = lp.solve(target: point(index).fractions) {
                    answer.energyAbove = max(0, energy - solution.energy)
                    answer.decomposition = solution.basis.map { (stable[$0.column], $0.weight) }.sorted { $0.entry < $1.entry }
                }
                report(index, answer)
            }
        }
    }

    /// Atom fractions rounded to 1e-10, so that Fe2O3 and Fe4O6 share a key.
    func compositionKey(_ index: Int) -> [Int64] {
        point(index).fractions.map { Int64(($0 * 1e10).rounded()) }
    }

    func isDuplicate(_ a: HullEntry, _ b: HullEntry) -> Bool {
        guard a.composition.elementCount == b.composition.elementCount else { return false }
        for (x, y) in zip(a.composition.amounts, b.composition.amounts) {
            if x.element != y.element || abs(x.amount - y.amount) > Composition.amountTolerance { return false }
        }
        return abs(a.totalEnergy - b.totalEnergy) <= 1e-9 * max(abs(a.totalEnergy), abs(b.totalEnergy))
    }

    /// The LP over `phases` (entry indices) in the system of `elements`; phase fractions are spread into
    /// the system's element order.
    func makeLP(_ phases: [Int], _ elements: [Int]) -> HullLP {
        let k = elements.count
        var row = [Int](repeating: -1, count: 128)
        for (i, z) in elements.enumerated() { row[z] = i }
        var fractions = [Double](repeating: 0, count: phases.count * k)
        var energies = [Double](repeating: 0, count: phases.count)
        var elemental = [Int](repeating: -1, count: k)
        for (j, index) in phases.enumerated() {
            energies[j] = formationEnergy(index)
            let p = point(index)
            for (z, f) in zip(p.elements, p.fractions) { fractions[j * k + row[z]] = f }
            if p.elements.count == 1, references[p.elements[0]]?.entry == index { elemental[row[p.elements[0]]] = j }
        }
        return HullLP(fractions: fractions, energies: energies, k: k, elementalColumn: elemental)
    }

    /// Target fractions of an entry in the element order of its own system (they coincide).
    func target(_ index: Int) -> [Double] { point(index).fractions }

    /// Places an entry that is not a member against this space's hull (after `solve`): energy above it,
    /// negative below; nil when this space lacks an element of the entry.
    func place(_ index: Int, _ report: (Double?) -> Void) {
        guard missing(entries[index]).isEmpty else {
            report(nil)
            return
        }
        let p = point(index)
        if placements[p.system] == nil {
            var stable = [Int]()
            for sub in p.system.subsets(among: vertices) { if let phases = vertices[sub] { stable += phases } }
            placements[p.system] = makeLP(stable, Array(p.elements))
        }
        guard let solution = placements[p.system]?.solve(target: p.fractions) else {
            report(nil)
            return
        }
        report(formationEnergy(index) - solution.energy)
    }
}

/// Each entry reduced to what the LP needs, made on first use and shared by the hull spaces over the same
/// entries (the hull of all entries and the reference hull), so that each entry's point is made once.
final class HullPoints {
    /// An entry's elements (atomic numbers, increasing), atom fractions in the same order, and its system.
    struct Point {
        var elements: AtomicNumbers
        var fractions: [Double]
        var system: ChemicalSystemKey
    }

    private let entries: [HullEntry]
    private var points: [Point?]

    init(_ entries: [HullEntry]) {
        self.entries = entries
        self.points = [Point?](repeating: nil, count: entries.count)
    }

    func point(_ index: Int) -> Point {
        if let point = points[index] { return point }
        let composition = entries[index].composition
        let total = composition.totalAmount
        let system = ChemicalSystemKey(composition.elements)
        let point = Point(elements: AtomicNumbers(system), fractions: composition.amounts.map { $0.amount / total }, system: system)
        points[index] = point
        return point
    }
}

/// The atomic numbers of a chemical system in increasing order, read from its bit mask: no array per entry.
struct AtomicNumbers: RandomAccessCollection {
    let count: Int
    /// The first up to 8 atomic numbers, one per byte (every element has Z < 128); larger systems keep an array.
    private let packed: UInt64
    private let spilled: [Int]?

    init(_ system: ChemicalSystemKey) {
        let numbers = system.atomicNumbers
        count = numbers.count
        var packed: UInt64 = 0
        for (i, z) in numbers.prefix(8).enumerated() { packed |= UInt64(z) << UInt64(8 * i) }
        self.packed = packed
        spilled = numbers.count > 8 ? numbers : nil
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Int {
        if let spilled { return spilled[position] }
        return Int(truncatingIfNeeded: packed >> UInt64(8 * position)) & 0xff
    }
}
