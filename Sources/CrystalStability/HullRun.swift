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

    func load(_ db: Database) throws -> Loaded {
        var loaded = Loaded()
        let rows = try db.prepare("""
            SELECT e.entry_pk, e.id, e.is_reference, g.energy_per_atom, g.hull_computed
            FROM entries e JOIN energies g ON g.entry_pk = e.entry_pk ORDER BY e.entry_pk
            """)
        let compositions = try db.prepare("""
            SELECT c.entry_pk, c.element, c.amount FROM compositions c JOIN energies g ON g.entry_pk = c.entry_pk
            ORDER BY c.entry_pk
            """)
        var perAtom = [Double]()
        while try rows.step() {
            loaded.entryPKs.append(rows.int(0))
            loaded.entries.append(HullEntry(id: rows.text(1) ?? "", composition: Composition(), totalEnergy: 0, isReference: rows.int(2) == 1))
            perAtom.append(rows.double(3))
            loaded.pending.append(rows.int(4) == 0)
        }
        var index = 0
        while try compositions.step() {
            let pk = compositions.int(0)
            while index < loaded.entryPKs.count, loaded.entryPKs[index] < pk { index += 1 }
            guard index < loaded.entryPKs.count, loaded.entryPKs[index] == pk,
                  let element = compositions.text(1).flatMap(Element.init(symbol:)) else { continue }
            loaded.entries[index].composition.add(element, compositions.double(2))
        }
        for i in loaded.entries.indices {
            loaded.entries[i].totalEnergy = perAtom[i] * loaded.entries[i].composition.totalAmount
        }
        return loaded
    }

    public func run(_ db: Database) throws -> Summary {
        let start = Date()
        let loaded = try load(db)
        var summary = Summary(mode: full ? "full" : "incremental")
        // Which entries to recompute, and which entries their hulls need.
        var recompute = [Bool](repeating: full, count: loaded.entries.count)
        var systems = [ChemicalSystemSet.Key: [Int]]()
        for (i, entry) in loaded.entries.enumerated() { systems[ChemicalSystemSet.key(entry.composition), default: []].append(i) }
        summary.systems = systems.count
        summary.entries = loaded.entries.count
        if !full {
            let dirty = Set(loaded.entries.indices.filter { loaded.pending[$0] }.map { ChemicalSystemSet.key(loaded.entries[$0].composition) })
            if !dirty.isEmpty {
                for (system, members) in systems where ChemicalSystemSet.subsets(system).contains(where: dirty.contains) {
                    for i in members { recompute[i] = true }
                }
            }
        }
        var needed = Set<Int>()
        var affectedSystems = Set<ChemicalSystemSet.Key>()
        for (system, members) in systems where recompute[members[0]] { affectedSystems.insert(system) }
        for system in affectedSystems {
            for sub in ChemicalSystemSet.subsets(system) { if let members = systems[sub] { needed.formUnion(members) } }
        }
        let inputIndices = needed.sorted()
        let input = inputIndices.map { loaded.entries[$0] }
        let results = StabilityEngine().compute(input)

        try db.inTransaction {
            let update = try db.prepare("""
                UPDATE energies SET formation_energy_per_atom = ?, e_above_hull = ?, e_above_reference_hull = ?, is_stable = ?,
                    decomposition = ?, is_hull_vertex = ?, is_reference_hull_vertex = ?, hull_missing = ?, hull_computed = 1
                WHERE entry_pk = ?
                """)
            for (position, index) in inputIndices.enumerated() where recompute[index] {
                let result = results[position]
                let decomposition = result.decomposition.map { (input[$0.entry].id, $0.fraction) }.sorted { $0.0 < $1.0 }
                    .map { "\($0.0):\(Self.fractionText($0.1))" }.joined(separator: ";")
                let stable = result.isHullVertex || (result.energyAboveHull.map { $0 <= tolerance } ?? false)
                let missing = result.missingReferences.map(\.symbol).joined(separator: ",")
                update.bind([result.formationEnergyPerAtom.map(StoreValue.real) ?? .null, result.energyAboveHull.map(StoreValue.real) ?? .null,
                             result.energyAboveReferenceHull.map(StoreValue.real) ?? .null,
                             result.energyAboveHull == nil ? .null : .integer(stable ? 1 : 0),
                             result.energyAboveHull == nil ? .null : .text(decomposition),
                             .integer(result.isHullVertex ? 1 : 0), .integer(result.isReferenceHullVertex ? 1 : 0),
                             missing.isEmpty ? .null : .text(missing), .integer(loaded.entryPKs[index])])
                try update.run()
                summary.recomputed += 1
            }
            // is_stable follows this run's tolerance for every entry.
            let retolerance = try db.prepare("""
                UPDATE energies SET is_stable = (is_hull_vertex = 1 OR e_above_hull <= ?) WHERE e_above_hull IS NOT NULL
                """)
            retolerance.bind(1, tolerance)
            try retolerance.run()
            let counts = try db.prepare("""
                SELECT sum(is_stable = 1), sum(e_above_reference_hull < 0), sum(hull_missing IS NOT NULL) FROM energies
                """)
            if try counts.step() {
                summary.stable = Int(counts.optionalInt(0) ?? 0)
                summary.belowReference = Int(counts.optionalInt(1) ?? 0)
                summary.missingReferences = Int(counts.optionalInt(2) ?? 0)
            }
            summary.seconds = Date().timeIntervalSince(start)
            let record = try db.prepare("""
                INSERT INTO hull_runs (finished_at, mode, tolerance, systems, entries, stable, below_reference, missing_references, seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            record.bind([.text(ISO8601DateFormatter().string(from: Date())), .text(summary.mode), .real(tolerance),
                         .integer(Int64(summary.systems)), .integer(Int64(summary.entries)), .integer(Int64(summary.stable)),
                         .integer(Int64(summary.belowReference)), .integer(Int64(summary.missingReferences)), .real(summary.seconds)])
            try record.run()
        }
        return summary
    }

    /// Fractions as pymatgen's answers print them: 9 decimals.
    static func fractionText(_ value: Double) -> String { String(format: "%.9f", value) }
}

/// Chemical systems as sorted atomic-number lists, for the incremental bookkeeping.
enum ChemicalSystemSet {
    typealias Key = [Int]

    static func key(_ composition: Composition) -> Key { composition.elements.map(\.atomicNumber) }

    static func subsets(_ system: Key) -> [Key] {
        (1..<(1 << system.count)).map { mask in system.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element) }
    }
}
