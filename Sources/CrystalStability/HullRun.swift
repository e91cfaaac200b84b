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
    /// Rows beyond which results are kept until the engine finishes and then written in row-key order, with the
    /// store's indexes built again afterwards (`Store.recordHullRun`'s bulk mode).
    public var bulkThreshold = Store.bulkHullWriteThreshold

    /// Results handed from the engine's thread to the writer at a time, and how many such batches may wait.
    static let batchSize = 1024
    static let batchesInFlight = 16

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
        var inputs = try store.hullInputs()
        var loaded = Loaded(entryPKs: inputs.entryPKs, entries: [], pending: inputs.pending)
        loaded.entries.reserveCapacity(inputs.count)
        for i in 0..<inputs.count {
            let composition = inputs.compositions[i]
            loaded.entries.append(HullEntry(id: inputs.ids[i], composition: composition,
                                            totalEnergy: inputs.energyPerAtom[i] * composition.totalAmount, isReference: inputs.isReference[i]))
        }
        inputs = HullInputs()
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
                for (system, members) in systems where ChemicalSystemSet.subsets(of: system, among: systems).contains(where: dirty.contains) {
                    for i in members { recompute[i] = true }
                }
            }
            var needed = Set<Int>()
            var affectedSystems = Set<ChemicalSystemSet.Key>()
            for (system, members) in systems where recompute[members[0]] { affectedSystems.insert(system) }
            for system in affectedSystems {
                for sub in ChemicalSystemSet.subsets(of: system, among: systems) { if let members = systems[sub] { needed.formUnion(members) } }
            }
            inputIndices = needed.sorted()
            input = inputIndices.map { loaded.entries[$0] }
        }
        Self.returnFreedMemory()
        // The engine runs on another thread and hands each result over as soon as it is known; this thread (the
        // store's) writes them meanwhile, so that writing overlaps computing and `StabilityResult`s are never all
        // in memory. A bulk run keeps them compactly instead and writes them in row-key order at the end.
        let channel = BoundedChannel<[(position: Int, result: StabilityResult)]>(capacity: Self.batchesInFlight)
        let computed = DispatchGroup()
        let engineInput = input
        DispatchQueue.global().async(group: computed) {
            var batch = [(position: Int, result: StabilityResult)]()
            batch.reserveCapacity(Self.batchSize)
            StabilityEngine().compute(engineInput) { position, result in
                batch.append((position, result))
                if batch.count == Self.batchSize {
                    channel.send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            channel.send(batch)
            channel.close()
        }
        defer {
            channel.cancel()
            computed.wait()
        }
        let record = HullRunRecord(mode: full ? .full : .incremental, tolerance: tolerance, systems: summary.systems, entries: summary.entries)
        let writes = inputIndices.reduce(0) { $0 + (recompute[$1] ? 1 : 0) }
        let bulk = writes > bulkThreshold
        // Each entry's formula is written once, however many reactions name it.
        var formulas = [String?](repeating: nil, count: input.count)
        func formula(_ position: Int) -> String {
            if let known = formulas[position] { return known }
            let text = input[position].composition.electronegativityOrderedFormula
            formulas[position] = text
            return text
        }
        /// The row of one engine result: phases named by id, the decomposition reaction written out.
        func row(_ position: Int, _ result: StabilityResult) -> HullResult {
            HullResult(entryPK: loaded.entryPKs[inputIndices[position]], formationEnergyPerAtom: result.formationEnergyPerAtom,
                       energyAboveHull: result.energyAboveHull, energyAboveReferenceHull: result.energyAboveReferenceHull,
                       isHullVertex: result.isHullVertex, isReferenceHullVertex: result.isReferenceHullVertex,
                       decomposition: result.decomposition.map { (input[$0.entry].id, $0.fraction) },
                       missingReferences: result.missingReferences, energyBelowHull: result.energyBelowHull,
                       decompositionReaction: DecompositionReaction.text(result, reactant: position, formula: formula))
        }
        let counts = try store.recordHullRun(record, started: start, bulk: bulk, writes: writes) { writer in
            if bulk {
                // Many rows: kept compactly while the engine runs, then written in row-key order.
                var pending = PendingHullResults(count: input.count)
                while let batch = channel.receive() {
                    for (position, result) in batch where recompute[inputIndices[position]] { pending.keep(position, result) }
                }
                for position in input.indices where pending.isKept(position) {
                    try writer.write(row(position, pending.result(position)))
                }
            } else {
                // Few rows (their pages stay in SQLite's cache): written as they come, while the engine runs.
                while let batch = channel.receive() {
                    for (position, result) in batch where recompute[inputIndices[position]] {
                        try writer.write(row(position, result))
                    }
                }
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

#if os(Linux)
/// glibc's `malloc_trim` (malloc.h, which Swift's Glibc module does not export).
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
#endif

extension HullRun {
    /// Hands the memory freed after loading back to the system: the engine allocates on another thread, whose
    /// malloc arena cannot reuse this thread's free blocks.
    static func returnFreedMemory() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }
}
