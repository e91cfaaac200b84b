import Dispatch
import Foundation
import CrystalModel

/// Every entry with an energy, as the stability engine needs them: parallel arrays in row-key order.
public struct HullInputs: Sendable {
    public var entryPKs: [Int64] = []
    public var ids: [String] = []
    public var isReference: [Bool] = []
    /// eV/atom, as imported.
    public var energyPerAtom: [Double] = []
    /// Not computed since its import (incremental runs start from these).
    public var pending: [Bool] = []
    public var compositions: [Composition] = []

    public init() {}

    public var count: Int { entryPKs.count }
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
    /// Hull vertices: the distance below the hull of every other composition (eV/atom).
    public var energyBelowHull: Double?
    /// The decomposition as a reaction with its energy (`Li3FeO3 -> 0.571 LiFeO2 + 0.429 Li2O   (+0.024 eV/atom)`).
    public var decompositionReaction: String?

    public init(entryPK: Int64, formationEnergyPerAtom: Double?, energyAboveHull: Double?, energyAboveReferenceHull: Double?,
                isHullVertex: Bool, isReferenceHullVertex: Bool, decomposition: [(id: String, fraction: Double)], missingReferences: [Element],
                energyBelowHull: Double? = nil, decompositionReaction: String? = nil) {
        self.energyBelowHull = energyBelowHull
        self.decompositionReaction = decompositionReaction
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
    /// Every entry with an energy, with its composition. The compositions are read on a second connection on
    /// another core while this one reads the entries and energies (each scan in row-key order, no index seeks);
    /// an entry whose compositions the other connection did not see (one imported between the two reads) is
    /// read again here.
    public func hullInputs() throws -> HullInputs {
        let scan = CompositionScan(path: path, parallel: database.isIdle)
        var inputs = HullInputs()
        let energies = try database.prepare("SELECT entry_pk, energy_per_atom, hull_computed FROM energies ORDER BY entry_pk")
        let entries = try database.prepare("SELECT entry_pk, id, is_reference FROM entries ORDER BY entry_pk")
        var hasEntry = try entries.step()
        while try energies.step() {
            let pk = energies.int(0)
            while hasEntry, entries.int(0) < pk { hasEntry = try entries.step() }
            guard hasEntry, entries.int(0) == pk else { continue }
            inputs.entryPKs.append(pk)
            inputs.ids.append(entries.text(1) ?? "")
            inputs.isReference.append(entries.int(2) == 1)
            inputs.energyPerAtom.append(energies.double(1))
            inputs.pending.append(energies.int(2) == 0)
        }
        let scanned = try scan.result(fallback: database)
        // The scans' pages are of no use to the engine that runs next: hand their memory back.
        database.releaseMemory()
        inputs.compositions.reserveCapacity(inputs.count)
        var position = 0
        let missing = try database.prepare("SELECT element, amount FROM compositions WHERE entry_pk = ?")
        for pk in inputs.entryPKs {
            while position < scanned.entryPKs.count, scanned.entryPKs[position] < pk { position += 1 }
            if position < scanned.entryPKs.count, scanned.entryPKs[position] == pk {
                inputs.compositions.append(scanned.compositions[position])
            } else {
                try missing.bind(pk)
                var composition = Composition()
                while try missing.step() { if let element = missing.element(0) { composition.add(element, missing.double(1)) } }
                missing.reset()
                inputs.compositions.append(composition)
            }
        }
        return inputs
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
    ///
    /// `bulk`: `body` rewrites many rows (more than `bulkHullWriteThreshold`), in row-key order; the energies
    /// indexes are then dropped first and built again after the writes (inside the same transaction).
    ///
    /// `writes`: how many rows `body` will write, when known. A run that rewrites at least
    /// `1 / queryColumnsOnePassFraction` of its entries (and every bulk run) drops the query columns' triggers and
    /// indexes at once and copies them in one pass before it commits: maintaining them row by row cost 1.1 s of a
    /// 1.5 s full run over the MP table.
    public func recordHullRun(_ run: HullRunRecord, started: Date, bulk: Bool, writes: Int? = nil,
                              _ body: (HullResultWriter) throws -> Void) throws -> HullRunCounts {
        try database.inTransaction {
            let writer = try HullResultWriter(database, tolerance: run.tolerance)
            let rebuild = bulk ? try dropIndexes(on: "energies") : []
            // A bulk run copies the query columns onto entries in one pass at its end (below).
            if bulk || (writes.map { $0 * Self.queryColumnsOnePassFraction >= run.entries } ?? false) { try writer.suspendQueryColumns() }
            if !rebuild.isEmpty {
                // Without indexes the updates walk the table in key order: a small cache does, and leaves the
                // memory to the engine computing meanwhile; the index builds get the whole cache back.
                try database.execute(dialect.cacheSize(kilobytes: Self.streamingCacheKilobytes))
            }
            try body(writer)
            if !rebuild.isEmpty {
                // The index builds sort in runs of the (small) cache size on helper threads (both cores are free now).
                try database.execute(dialect.sorterThreads(Self.indexBuildThreads))
                for sql in rebuild { try database.execute(sql) }
                try database.execute(dialect.sorterThreads(0))
                try database.execute(dialect.cacheSize(kilobytes: Database.cacheKilobytes))
            }
            var result = HullRunCounts(recomputed: writer.written)
            if run.mode == .full {
                // Every entry with an energy was written just now, with this tolerance: the writer's tallies are
                // the store's counts (an entry imported meanwhile has no results, which counts as none of them).
                result.stable = writer.stable
                result.belowReference = writer.belowReference
                result.missingReferences = writer.missingReferences
            } else {
                // Entries computed by earlier runs keep their distances; only their is_stable can change.
                let retolerance = try database.prepare("""
                    UPDATE energies SET is_stable = (CASE WHEN is_hull_vertex = 1 OR e_above_hull <= ? THEN 1 ELSE 0 END)
                    WHERE e_above_hull IS NOT NULL AND is_stable IS NOT (CASE WHEN is_hull_vertex = 1 OR e_above_hull <= ? THEN 1 ELSE 0 END)
                    """)
                try retolerance.execute(run.tolerance, run.tolerance)
                let counts = try database.prepare("""
                    SELECT count(*) FILTER (WHERE is_stable = 1), count(*) FILTER (WHERE e_above_reference_hull < 0),
                           count(*) FILTER (WHERE hull_missing IS NOT NULL) FROM energies
                    """)
                if try counts.step() {
                    result.stable = Int(counts.int(0))
                    result.belowReference = Int(counts.int(1))
                    result.missingReferences = Int(counts.int(2))
                }
                counts.reset()
            }
            if writer.suspendedQueryColumns {
                // Five index builds over every entry: sorts, on helper threads as the energies indexes above.
                try database.execute(dialect.sorterThreads(Self.indexBuildThreads))
                try QueryColumns.resume(database)
                try database.execute(dialect.sorterThreads(0))
            }
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

    /// Rows written in one hull run beyond which the energies indexes are dropped and built again, and the rows
    /// should come in row-key order (`recordHullRun`): updating
    /// them row by row touches index pages at random, and once the indexes of that many rows (about 20 bytes
    /// per row and index) compete with the table for SQLite's 64 MB page cache, every update misses it.
    public static let bulkHullWriteThreshold = 250_000
    /// A hull run writing at least 1/4 of its entries copies the query columns in one pass (`recordHullRun`).
    static let queryColumnsOnePassFraction = 4
    /// Helper threads SQLite's sorter may use to build the indexes again after a bulk run.
    static let indexBuildThreads = 2
    /// Page cache while a large run streams its updates (kB).
    static let streamingCacheKilobytes = 8192

    /// Drops every index of `table` and returns the statements that create them again.
    func dropIndexes(on table: String) throws -> [String] {
        let listing = try database.prepare(dialect.indexListing)
        try listing.bind(table)
        var indexes = [(name: String, sql: String)]()
        while try listing.step() {
            if let name = listing.text(0), let sql = listing.text(1) { indexes.append((name, sql)) }
        }
        listing.reset()
        for index in indexes { try database.execute("DROP INDEX \(index.name)") }
        return indexes.map(\.sql)
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
    /// Tallies of what was written: stable, below the reference hull, not placed.
    private(set) var stable = 0, belowReference = 0, missingReferences = 0
    /// Whether this run dropped the query columns' triggers and indexes (a large run; `recordHullRun` copies and
    /// rebuilds them before it commits).
    private(set) var suspendedQueryColumns = false
    private let suspendAfter = QueryColumns.rowsBeforeSuspending.load(ordering: .relaxed)
    private var text = [UInt8]()

    init(_ db: Database, tolerance: Double) throws(StoreError) {
        database = db
        update = try db.prepare("""
            UPDATE energies SET formation_energy_per_atom = ?, e_above_hull = ?, e_above_reference_hull = ?, is_stable = ?,
                decomposition = ?, is_hull_vertex = ?, is_reference_hull_vertex = ?, hull_missing = ?, e_below_hull = ?,
                decomposition_reaction = ?, hull_computed = 1
            WHERE entry_pk = ?
            """)
        self.tolerance = tolerance
    }

    /// Drops the query columns' triggers and indexes for the rest of the run (`recordHullRun` copies and rebuilds
    /// them before it commits).
    func suspendQueryColumns() throws(StoreError) {
        guard !suspendedQueryColumns else { return }
        try QueryColumns.suspend(database)
        suspendedQueryColumns = true
    }

    public func write(_ result: HullResult) throws(StoreError) {
        if written >= suspendAfter, !suspendedQueryColumns { try suspendQueryColumns() }
        let placed = result.energyAboveHull != nil
        let stable = result.isHullVertex || (result.energyAboveHull.map { $0 <= tolerance } ?? false)
        let decomposition = placed ? DecompositionText.format(result.decomposition, into: &text) : nil
        let missing = result.missingReferences.isEmpty ? nil : result.missingReferences.map(\.symbol).joined(separator: ",")
        try update.execute(result.formationEnergyPerAtom, result.energyAboveHull, result.energyAboveReferenceHull,
                           placed ? stable : nil, decomposition, result.isHullVertex, result.isReferenceHullVertex, missing,
                           result.energyBelowHull, result.decompositionReaction, result.entryPK)
        written += 1
        if placed && stable { self.stable += 1 }
        if let below = result.energyAboveReferenceHull, below < 0 { belowReference += 1 }
        if !result.missingReferences.isEmpty { missingReferences += 1 }
    }
}

@available(*, unavailable)
extension HullResultWriter: Sendable {}

/// Every entry's composition, read in row-key order on its own connection and thread (or on the caller's
/// connection when it is inside a transaction, whose changes another connection would not see).
///
/// `@unchecked Sendable`: `scanned` and `failure` are written by the scanning thread before it leaves `group`,
/// and read only after `group.wait()`.
final class CompositionScan: @unchecked Sendable {
    struct Scanned: Sendable {
        var entryPKs: [Int64] = []
        var compositions: [Composition] = []
    }

    private let group = DispatchGroup()
    private var scanned = Scanned()
    private var failure: Error?
    private let parallel: Bool

    init(path: String, parallel: Bool) {
        self.parallel = parallel
        guard parallel else { return }
        DispatchQueue.global().async(group: group) {
            do {
                let db = try Database(path: path, mode: .readOnly)
                // A scan in key order reads each page once: a small cache does.
                try db.execute(db.dialect.cacheSize(kilobytes: 2048))
                self.scanned = try Self.scan(db)
            } catch {
                self.failure = error
            }
        }
    }

    /// The scan's result, after waiting for it; scanned on `fallback` when not in parallel or when the other
    /// connection failed.
    func result(fallback: Database) throws -> Scanned {
        guard parallel else { return try Self.scan(fallback) }
        group.wait()
        return failure == nil ? scanned : try Self.scan(fallback)
    }

    static func scan(_ db: Database) throws -> Scanned {
        var out = Scanned()
        let rows = try db.prepare("SELECT entry_pk, element, amount FROM compositions ORDER BY entry_pk")
        var pairs = [(Element, Double)]()
        var current: Int64?
        func flush() {
            guard let current else { return }
            out.entryPKs.append(current)
            out.compositions.append(Composition(pairs))
            pairs.removeAll(keepingCapacity: true)
        }
        while try rows.step() {
            let pk = rows.int(0)
            if pk != current {
                flush()
                current = pk
            }
            if let element = rows.element(1) { pairs.append((element, rows.double(2))) }
        }
        flush()
        return out
    }
}
