import CrystalHull
import CrystalModel

/// One entry offered to a phase diagram.
public struct DiagramEntry: Sendable {
    public var entry: HullEntry
    /// Its import source (for `--highlight`).
    public var source: String

    public init(_ entry: HullEntry, source: String) {
        self.entry = entry
        self.source = source
    }
}

extension PhaseDiagram {
    /// The diagram of `elements` over `entries` (those whose elements all lie in the system take part; give
    /// them in a fixed order, which decides between exact duplicates as pymatgen's input order does).
    public init(elements: [Element], entries given: [DiagramEntry], hull: HullMode = .combined) throws(PhaseDiagramError) {
        guard (2...4).contains(elements.count) else { throw .elementCount(elements) }
        if let repeated = elements.first(where: { e in elements.filter { $0 == e }.count > 1 }) { throw .repeatedElement(repeated) }
        let system = Set(elements)
        let kept = given.filter { $0.entry.composition.elements.allSatisfy(system.contains) }
        let entries = kept.map(\.entry)
        let members = entries.indices.filter { hull == .combined || entries[$0].isReference }
        // Every element needs an elemental entry among the hull's entries.
        let referenced = Set(members.compactMap { entries[$0].composition.elementCount == 1 ? entries[$0].composition.elements[0] : nil })
        let missing = elements.filter { !referenced.contains($0) }
        if !missing.isEmpty {
            let unplaced = entries.filter { !Set($0.composition.elements).isDisjoint(with: missing) }
                .map { PhaseDiagramError.Unplaced(id: $0.id, formula: $0.composition.reducedFormula, missing: $0.composition.elements.filter(missing.contains)) }
            throw .missingReferences(missing, unplaced: unplaced, hull: hull)
        }
        let (results, placements) = StabilityEngine().place(entries, againstHullOf: members)
        try self.init(elements: elements, entries: kept, results: results, placements: placements, hull: hull)
    }

    /// The diagram from the engine's answers for `given` (its decomposition indices refer to `given`): results
    /// for the hull's entries, placements for the others (`reference` mode).
    init(elements: [Element], entries given: [DiagramEntry], results: [StabilityResult], placements: [HullPlacement?],
         hull: HullMode) throws(PhaseDiagramError) {
        let system = Set(elements)
        let kept = given
        let entries = given.map(\.entry)
        // Points in id order; the input order breaks ties.
        let order = entries.indices.sorted { entries[$0].id != entries[$1].id ? entries[$0].id < entries[$1].id : $0 < $1 }
        var pointOf = [Int](repeating: 0, count: entries.count)
        for (point, index) in order.enumerated() { pointOf[index] = point }
        let remap = { (phases: [(entry: Int, fraction: Double)]) in phases.map { (point: pointOf[$0.entry], fraction: $0.fraction) }.sorted { $0.point < $1.point } }
        var points = [Point]()
        points.reserveCapacity(entries.count)
        for index in order {
            let entry = entries[index]
            let fractions = elements.map { entry.composition.amount(of: $0) / entry.composition.totalAmount }
            var point = Point(id: entry.id, source: kept[index].source, isReference: entry.isReference, composition: entry.composition,
                              fractions: fractions, formationEnergyPerAtom: .nan, energyAboveHull: .nan, isStable: false,
                              decomposition: [], energyBelowHull: nil, competing: [])
            if let placement = placements[index] {
                point.formationEnergyPerAtom = placement.formationEnergyPerAtom
                point.energyAboveHull = placement.energyAboveHull
                point.decomposition = remap(placement.decomposition)
            } else {
                let result = results[index]
                guard let formation = result.formationEnergyPerAtom, let above = result.energyAboveHull else {
                    throw .notPlaced(entry.id)
                }
                point.formationEnergyPerAtom = formation
                point.energyAboveHull = above
                point.isStable = result.isHullVertex
                point.decomposition = remap(result.decomposition)
                point.energyBelowHull = result.energyBelowHull
                point.competing = remap(result.competingDecomposition)
            }
            points.append(point)
        }

        // One vertex per composition: the lowest energy, the earliest entry on a tie (the engine's choice).
        var vertexByComposition = [[Int64]: Int]()
        for index in entries.indices where placements[index] == nil && results[index].isHullVertex {
            let key = points[pointOf[index]].fractions.map { Int64(($0 * 1e10).rounded()) }
            if let current = vertexByComposition[key], entries[current].energyPerAtom <= entries[index].energyPerAtom { continue }
            vertexByComposition[key] = index
        }
        let vertices = vertexByComposition.values.map { pointOf[$0] }.sorted()
        guard let facets = HullFacets(fractions: vertices.map { points[$0].fractions },
                                      energies: vertices.map { points[$0].formationEnergyPerAtom }) else {
            throw .hullFailed(system.map(\.symbol).sorted().joined(separator: "-"))
        }
        self.elements = elements
        self.hullMode = hull
        self.points = points
        self.vertices = vertices
        self.facets = facets.facets.map { $0.phases.map { vertices[$0] }.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
        self.tieLines = facets.edges.map { $0.map { vertices[$0] }.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
