import Foundation
import CrystalHull
import CrystalModel
import CrystalStore

/// Computes and stores stability for a store: loads entries with energies, runs `StabilityEngine` over
/// the chemical systems that need it, writes the results in one transaction.
///
/// Incremental runs: an entry's results depend only on entries whose elements are a subset of its own.
/// So after an import, the entries to recompute are those whose chemical system contains the system of
/// some entry not yet computed (`hull_computed = 0`); the engine is given those entries plus every entry
/// of their subsystems, and only the recomputed entries are written. A full run recomputes everything;
/// a test checks that both give identical columns.
public struct HullRun {
    public struct Summary: Sendable {
        public var mode: String
        public var systems = 0
        public var entries = 0
        public var recomputed = 0
        public var stable = 0
        public var belowReference = 0
        public var missingReferences = 0
        public var seconds = 0.0
    }

    public let tolerance: Double
    public let full: Bool

    /// - Parameter tolerance: eV/atom; `is_stable` is a hull vertex or within this of the hull.
    public init(tolerance: Double = HullTolerances.onHullDefault, full: Bool = false) {
        self.tolerance = tolerance
        self.full = full
    }

    struct Loaded {
        var entryPKs: [Int64] = []
        var entries: [HullEntry] = []
        var pending: [Bool] = []
    }

    func load(_ store: Store) throws -> Loaded {
        var loaded = Loaded()
        try store.forEachHullInput { input in
            loaded.entryPKs.append(input.entryPK)
            loaded.entries.append(HullEntry(id: input.id, composition: input.composition,
                                            totalEnergy: input.energyPerAtom * input.composition.totalAmount, isReference: input.isReference))
            loaded.pending.append(input.pending)
        }
        return loaded
    }

    public func run(_ store: Store) throws -> Summary {
        let start = Date()
        var loaded = try load(store)
        var summary = Summary(mode: full ? "full" : "incremental")
        summary.entries = loaded.entries.count
        let input: [HullEntry]
        let inputIndices: [Int]
        var recompute: [Bool]
        if full {
            // Everything: no system bookkeeping, and the engine gets the loaded array itself (no copy).
            summary.systems = Set(loaded.entries.map { ElementMask($0.composition.elements) }).count
            input = loaded.entries
            loaded.entries = []
            inputIndices = Array(input.indices)
            recompute = [Bool](repeating: true, count: input.count)
        } else {
            // Which entries to recompute, and which entries their hulls need.
            recompute = [Bool](repeating: false, count: loaded.entries.count)
            var systems = [ChemicalSystemSet.Key: [Int]]()
            for (i, entry) in loaded.entries.enumerated() { systems[ChemicalSystemSet.key(entry.composition), default: []].append(i) }
            summary.systems = systems.count
            let dirty = Set(loaded.entries.indices.filter { loaded.pending[$0] }.map { ChemicalSystemSet.key(loaded.entries[$0].composition) })
            if !dirty.isEmpty {
                for (system, members) in systems where ChemicalSystemSet.subsets(system).contains(where: dirty.contains) {
                    for i in members { recompute[i] = true }
                }
            }
            var needed = Set<Int>()
            var affectedSystems = Set<ChemicalSystemSet.Key>()
            for (system, members) in systems where recompute[members[0]] { affectedSystems.insert(system) }
            for system in affectedSystems {
                for sub in ChemicalSystemSet.subsets(system) { if let members = systems[sub] { needed.formUnion(members) } }
            }
            inputIndices = needed.sorted()
            input = inputIndices.map { loaded.entries[$0] }
        }
        let results = StabilityEngine().compute(input)

        let record = HullRunRecord(mode: full ? .full : .incremental, tolerance: tolerance, systems: summary.systems, entries: summary.entries)
        let counts = try store.recordHullRun(record, started: start) { writer in
            for (position, index) in inputIndices.enumerated() where recompute[index] {
                let result = results[position]
                try writer.write(HullResult(entryPK: loaded.entryPKs[index], formationEnergyPerAtom: result.formationEnergyPerAtom,
                                            energyAboveHull: result.energyAboveHull, energyAboveReferenceHull: result.energyAboveReferenceHull,
                                            isHullVertex: result.isHullVertex, isReferenceHullVertex: result.isReferenceHullVertex,
                                            decomposition: result.decomposition.map { (input[$0.entry].id, $0.fraction) },
                                            missingReferences: result.missingReferences, energyBelowHull: result.energyBelowHull,
                                            decompositionReaction: DecompositionReaction(result, of: input[position].composition) { input[$0].composition }?.description))
            }
        }
        summary.recomputed = counts.recomputed
        summary.stable = counts.stable
        summary.belowReference = counts.belowReference
        summary.missingReferences = counts.missingReferences
        summary.seconds = counts.seconds
        return summary
    }
}

/// Chemical systems as sorted atomic-number lists, for the incremental bookkeeping.
enum ChemicalSystemSet {
    typealias Key = [Int]

    static func key(_ composition: Composition) -> Key { composition.elements.map(\.atomicNumber) }

    static func subsets(_ system: Key) -> [Key] {
        (1..<(1 << system.count)).map { mask in system.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element) }
    }
}
