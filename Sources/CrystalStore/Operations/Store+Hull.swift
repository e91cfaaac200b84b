import Foundation
import CrystalModel

/// One entry with an energy, as the stability engine needs it.
public struct HullInput: Sendable {
    public var entryPK: Int64
    public var id: String
    public var isReference: Bool
    /// eV/atom, as imported.
    public var energyPerAtom: Double
    /// Not computed since its import (incremental runs start from these).
    public var pending: Bool
    public var composition: Composition
}

/// One entry's stability results, as a hull run stores them. Energies in eV/atom.
public struct HullResult: Sendable {
    public var entryPK: Int64
    public var formationEnergyPerAtom: Double?
    /// nil when the entry could not be placed (a missing elemental reference).
    public var energyAboveHull: Double?
    public var energyAboveReferenceHull: Double?
    public var isHullVertex: Bool
    public var isReferenceHullVertex: Bool
    /// Hull phases by id and their atom fractions.
    public var decomposition: [(id: String, fraction: Double)]
    /// Elements without an elemental entry.
    public var missingReferences: [Element]

    public init(entryPK: Int64, formationEnergyPerAtom: Double?, energyAboveHull: Double?, energyAboveReferenceHull: Double?,
                isHullVertex: Bool, isReferenceHullVertex: Bool, decomposition: [(id: String, fraction: Double)], missingReferences: [Element]) {
        self.entryPK = entryPK
        self.formationEnergyPerAtom = formationEnergyPerAtom
        self.energyAboveHull = energyAboveHull
        self.energyAboveReferenceHull = energyAboveReferenceHull
        self.isHullVertex = isHullVertex
        self.isReferenceHullVertex = isReferenceHullVertex
        self.decomposition = decomposition
        self.missingReferences = missingReferences
    }
}

/// What a hull run records about itself, and the store-wide counts after it.
public struct HullRunRecord: Sendable {
    public enum Mode: String, Sendable { case full, incremental }
    public var mode: Mode
    /// eV/atom: `is_stable` is a hull vertex or within this of the hull.
    public var tolerance: Double
    public var systems: Int
    public var entries: Int
    public init(mode: Mode, tolerance: Double, systems: Int, entries: Int) {
        self.mode = mode
        self.tolerance = tolerance
        self.systems = systems
        self.entries = entries
    }
}

/// Entries the last hull run could not place, for `crystaldb diagnostics`.
public struct UnplacedEntry: Sendable {
    public var id: String
    public var reducedFormula: String
    /// Comma-separated symbols of the missing elemental references.
    public var missingElements: String
    public var location: SourceLocation
}

extension Store {
    /// Every entry with an energy, in row-key order, with its composition (one pass over two indexes).
    public func forEachHullInput(_ body: (HullInput) throws -> Void) throws {
        let rows = try database.prepare("""
            SELECT e.entry_pk, e.id, e.is_reference, g.energy_per_atom, g.hull_computed
            FROM entries e JOIN energies g ON g.entry_pk = e.entry_pk ORDER BY e.entry_pk
            """)
        let compositions = try database.prepare("""
            SELECT c.entry_pk, c.element, c.amount FROM compositions c JOIN energies g ON g.entry_pk = c.entry_pk
            ORDER BY c.entry_pk
            """)
        var hasComposition = try compositions.step()
        while try rows.step() {
            let pk = rows.int(0)
            var composition = Composition()
            while hasComposition, compositions.int(0) <= pk {
                if compositions.int(0) == pk, let element = compositions.element(1) { composition.add(element, compositions.double(2)) }
                hasComposition = try compositions.step()
            }
            try body(HullInput(entryPK: pk, id: rows.text(1) ?? "", isReference: rows.int(2) == 1, energyPerAtom: rows.double(3),
                               pending: rows.int(4) == 0, composition: composition))
        }
    }

    /// The number of entries with an energy that no hull run has computed since their import.
    public func pendingHullEntries() throws -> Int {
        let check = try database.prepare("SELECT count(*) FROM energies WHERE hull_computed = 0")
        guard try check.step() else { return 0 }
        return Int(check.int(0))
    }

    /// The tolerance of the last hull run (eV/atom), if any ran.
    public func lastHullTolerance() throws -> Double? {
        let run = try database.prepare("SELECT tolerance FROM hull_runs ORDER BY run_id DESC LIMIT 1")
        return try run.step() ? run.double(0) : nil
    }

    /// Stores a hull run in one transaction: `body` writes each recomputed entry's results through the writer;
    /// then `is_stable` follows the run's tolerance for every entry, and the run is recorded. Returns the
    /// store-wide counts (stable, below the reference hull, not placed).
    public func recordHullRun(_ run: HullRunRecord, started: Date, _ body: (HullResultWriter) throws -> Void) throws -> HullRunCounts {
        try database.inTransaction {
            let writer = try HullResultWriter(database, tolerance: run.tolerance)
            try body(writer)
            // Entries computed by earlier runs keep their distances; only their is_stable can change.
            let retolerance = try database.prepare("""
                UPDATE energies SET is_stable = (CASE WHEN is_hull_vertex = 1 OR e_above_hull <= ? THEN 1 ELSE 0 END)
                WHERE e_above_hull IS NOT NULL AND is_stable IS NOT (CASE WHEN is_hull_vertex = 1 OR e_above_hull <= ? THEN 1 ELSE 0 END)
                """)
            try retolerance.execute(run.tolerance, run.tolerance)
            if writer.suspendedQueryColumns { try QueryColumns.resume(database) }
            let counts = try database.prepare("""
                SELECT count(*) FILTER (WHERE is_stable = 1), count(*) FILTER (WHERE e_above_reference_hull < 0),
                       count(*) FILTER (WHERE hull_missing IS NOT NULL) FROM energies
                """)
            var result = HullRunCounts(recomputed: writer.written)
            if try counts.step() {
                result.stable = Int(counts.int(0))
                result.belowReference = Int(counts.int(1))
                result.missingReferences = Int(counts.int(2))
            }
            counts.reset()
            result.seconds = Date().timeIntervalSince(started)
            let record = try database.prepare("""
                INSERT INTO hull_runs (finished_at, mode, tolerance, systems, entries, stable, below_reference, missing_references, seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try record.execute(ISO8601DateFormatter().string(from: Date()), run.mode.rawValue, run.tolerance, run.systems, run.entries,
                               result.stable, result.belowReference, result.missingReferences, result.seconds)
            return result
        }
    }

    /// Entries the last hull run could not place (no elemental entry for one of their elements), by id.
    public func unplacedHullEntries(source: String? = nil, _ body: (UnplacedEntry) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT e.id, e.reduced_formula, g.hull_missing, p.file, p.line FROM energies g JOIN entries e ON e.entry_pk = g.entry_pk
            LEFT JOIN provenance p ON p.entry_pk = e.entry_pk AND p.role = 'energy'
            WHERE g.hull_missing IS NOT NULL AND (? IS NULL OR e.source = ?) ORDER BY e.id
            """)
        try statement.bind(source, source)
        while try statement.step() {
            try body(UnplacedEntry(id: statement.text(0) ?? "", reducedFormula: statement.text(1) ?? "", missingElements: statement.text(2) ?? "",
                                   location: SourceLocation(path: statement.text(3) ?? "(hull)", line: statement.optionalInt(4).map(Int.init))))
        }
    }
}

/// Store-wide hull counts after a run.
public struct HullRunCounts: Sendable {
    public var recomputed = 0
    public var stable = 0
    public var belowReference = 0
    public var missingReferences = 0
    public var seconds = 0.0
}

/// Writes one entry's results per call with a statement prepared once (inside `Store.recordHullRun`).
public final class HullResultWriter {
    private let update: Statement
    private let database: Database
    let tolerance: Double
    private(set) var written = 0
    /// Whether this run dropped the query columns' triggers and indexes (a large run; `recordHullRun` copies and
    /// rebuilds them before it commits).
    private(set) var suspendedQueryColumns = false
    private let suspendAfter = QueryColumns.rowsBeforeSuspending.load(ordering: .relaxed)
    private var text = [UInt8]()

    init(_ db: Database, tolerance: Double) throws(StoreError) {
        database = db
        update = try db.prepare("""
            UPDATE energies SET formation_energy_per_atom = ?, e_above_hull = ?, e_above_reference_hull = ?, is_stable = ?,
                decomposition = ?, is_hull_vertex = ?, is_reference_hull_vertex = ?, hull_missing = ?, hull_computed = 1
            WHERE entry_pk = ?
            """)
        self.tolerance = tolerance
    }

    public func write(_ result: HullResult) throws(StoreError) {
        if written >= suspendAfter, !suspendedQueryColumns {
            try QueryColumns.suspend(database)
            suspendedQueryColumns = true
        }
        let placed = result.energyAboveHull != nil
        let stable = result.isHullVertex || (result.energyAboveHull.map { $0 <= tolerance } ?? false)
        let decomposition = placed ? DecompositionText.format(result.decomposition, into: &text) : nil
        let missing = result.missingReferences.isEmpty ? nil : result.missingReferences.map(\.symbol).joined(separator: ",")
        try update.execute(result.formationEnergyPerAtom, result.energyAboveHull, result.energyAboveReferenceHull,
                           placed ? stable : nil, decomposition, result.isHullVertex, result.isReferenceHullVertex, missing, result.entryPK)
        written += 1
    }
}

@available(*, unavailable)
extension HullResultWriter: Sendable {}
