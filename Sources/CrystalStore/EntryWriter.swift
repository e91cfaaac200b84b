import CrystalModel
import Foundation

/// Writes structures, energies and diagnostics with statements prepared once and reused for every row.
/// Call inside `Database.inTransaction` for bulk work. An id names one entry: a structure and an energy
/// with the same id join, whichever comes first; different content under a taken id is refused.
public final class EntryWriter {
    let db: Database
    public let source: String
    public let isReference: Bool
    public let importID: Int64?

    private let findEntry: Statement
    private let insertEntry: Statement
    private let updateEntryStructure: Statement
    private let insertComposition: Statement
    /// `INSERT ... VALUES (...), (...)` for k elements at once (index k - 2), prepared on first use: one
    /// statement per composition instead of one per element.
    private var insertCompositions: [Statement?] = Array(repeating: nil, count: 7)
    private let deleteComposition: Statement
    private let insertStructure: Statement
    /// The packed sites of the structure being written (reused).
    private var packedSites = [UInt8]()
    private let insertEnergy: Statement
    private let insertProvenance: Statement
    private let insertProperty: Statement
    private let insertDiagnostic: Statement
    private let selectComposition: Statement
    private let insertSystem: Statement
    private let insertSymmetry: Statement
    /// Chemical systems already inserted by this writer (a cache that skips repeated inserts; bounded by
    /// `knownSystemsLimit`, so a table of a million random compositions keeps the memory of a small one).
    private var knownSystems = Set<String>()
    /// Entries the store held when this writer began (its largest row key), and entries inserted since.
    private let existingEntries: Int
    private var insertedEntries = 0
    /// This writer has set the secondary indexes aside (`IndexDeferral`).
    public private(set) var deferredIndexes = false
    static let knownSystemsLimit = 1 << 16

    public init(store: Store, source: String, isReference: Bool, importID: Int64?) throws(StoreError) {
        let db = store.database
        self.db = db
        self.source = source
        self.isReference = isReference
        self.importID = importID
        let size = try db.prepare("SELECT coalesce(max(entry_pk), 0) FROM entries")
        existingEntries = try size.step() ? Int(size.int(0)) : 0
        findEntry = try db.prepare("""
            SELECT e.entry_pk, e.nsites, ps.content_hash, ps.file, ps.line, pe.content_hash, pe.file, pe.line
            FROM entries e
            LEFT JOIN provenance ps ON ps.entry_pk = e.entry_pk AND ps.role = 'structure'
            LEFT JOIN provenance pe ON pe.entry_pk = e.entry_pk AND pe.role = 'energy'
            WHERE e.id = ?
            """)
        insertEntry = try db.prepare("""
            INSERT INTO entries (id, source, is_reference, reduced_formula, anonymous_formula, chemical_system, nelements,
                                 natoms, nsites, declared_spacegroup_number, declared_spacegroup_symbol, title, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """)
        updateEntryStructure = try db.prepare("""
            UPDATE entries SET natoms = ?, nsites = ?, declared_spacegroup_number = ?, declared_spacegroup_symbol = ?, title = ?
            WHERE entry_pk = ?
            """)
        insertComposition = try db.prepare("INSERT INTO compositions (entry_pk, element, amount) VALUES (?, ?, ?)")
        deleteComposition = try db.prepare("DELETE FROM compositions WHERE entry_pk = ?")
        insertStructure = try db.prepare("""
            INSERT INTO structures (entry_pk, ax, ay, az, bx, by, bz, cx, cy, cz, a, b, c, alpha, beta, gamma, volume, density,
                                    packed_sites, site_labels)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertEnergy = try db.prepare("INSERT INTO energies (entry_pk, total_energy, energy_natoms, energy_per_atom) VALUES (?, ?, ?, ?)")
        insertProvenance = try db.prepare("""
            INSERT INTO provenance (entry_pk, role, file, member, data_block, line, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertProperty = try db.prepare(db.dialect.upsert(into: "properties", columns: ["entry_pk", "name", "value"], key: ["entry_pk", "name"]))
        selectComposition = try db.prepare("SELECT element, amount FROM compositions WHERE entry_pk = ?")
        insertSymmetry = try db.prepare(Self.symmetryUpsert(db.dialect))
        insertSystem = try db.prepare(db.dialect.insertIgnoringExisting(into: "chemical_systems", columns: ["chemical_system", "mask_low", "mask_high"]))
        insertDiagnostic = try db.prepare("""
            INSERT INTO diagnostics (import_id, source, file, member, line, data_block, severity, kind, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    struct Existing {
        var entryPK: Int64
        var hasStructure: Bool
        var structureHash: String?
        var structureFrom: String?
        var energyHash: String?
        var energyFrom: String?
    }

    func existing(_ id: String) throws(StoreError) -> Existing? {
        try findEntry.bind(id)
        defer { findEntry.reset() }
        guard try findEntry.step() else { return nil }
        func from(_ file: Int32, _ line: Int32) -> String? {
            guard let path = findEntry.text(file) else { return nil }
            return findEntry.optionalInt(line).map { "\(path):\($0)" } ?? path
        }
        return Existing(entryPK: findEntry.int(0), hasStructure: !findEntry.isNull(1),
                        structureHash: findEntry.text(2), structureFrom: from(3, 4),
                        energyHash: findEntry.text(5), energyFrom: from(6, 7))
    }

    func storedComposition(_ entryPK: Int64) throws(StoreError) -> Composition {
        let statement = selectComposition
        try statement.bind(entryPK)
        defer { statement.reset() }
        var composition = Composition()
        while try statement.step() {
            if let element = statement.text(0).flatMap(Element.init(symbol:)) { composition.add(element, statement.double(1)) }
        }
        return composition
    }

    /// Call at the start of each batch transaction: once the import is large against the store, sets the
    /// secondary indexes aside (`Store.finishImport` builds them again).
    public func beginBatch() throws {
        guard !deferredIndexes, IndexDeferral.worthwhile(inserted: insertedEntries, existing: existingEntries) else { return }
        try IndexDeferral.setAside(db)
        deferredIndexes = true
    }

    public func write(_ record: StructureRecord) throws(StoreError) -> WriteOutcome {
        let structure = record.structure
        let composition = record.summary.composition
        // Insert first: a new id (the bulk case) needs no lookup.
        if let entryPK = try insertEntryRow(id: record.id, summary: record.summary, nsites: structure.siteCount,
                                            spaceGroupNumber: record.declaredSpaceGroupNumber,
                                            spaceGroupSymbol: record.declaredSpaceGroupSymbol, title: record.title) {
            try writeComposition(entryPK, composition)
            try writeStructureRows(entryPK, record)
            return .inserted
        }
        guard let found = try existing(record.id) else { throw StoreError(code: 0, message: "entry '\(record.id)' vanished during import") }
        if found.hasStructure {
            if found.structureHash == record.provenance.contentHash { return .unchanged }
            return .rejected(ImportDiagnostic(.error, .idCollision, at: record.provenance.location,
                "id '\(record.id)' already holds a different structure (from \(found.structureFrom ?? "?")); this one was not stored"))
        }
        let stored = try storedComposition(found.entryPK)
        guard stored.hasSameReducedComposition(as: composition) else {
            return .rejected(ImportDiagnostic(.error, .compositionMismatch, at: record.provenance.location,
                "structure '\(record.id)' is \(record.summary.reducedFormula) but its energy row (\(found.energyFrom ?? "?")) is \(stored.reducedFormula); not joined"))
        }
        try updateEntryStructure.execute(composition.totalAmount, structure.siteCount, record.declaredSpaceGroupNumber,
                                         record.declaredSpaceGroupSymbol, record.title, found.entryPK)
        try deleteComposition.execute(found.entryPK)
        try writeComposition(found.entryPK, composition)
        try writeStructureRows(found.entryPK, record)
        return .joined
    }

    public func write(_ energy: EnergyEntry) throws(StoreError) -> WriteOutcome {
        let hash = energy.composition.energyHash(totalEnergy: energy.totalEnergy)
        var provenance = energy.provenance
        provenance.contentHash = hash
        if let entryPK = try insertEntryRow(id: energy.id, summary: energy.summary, nsites: nil,
                                            spaceGroupNumber: nil, spaceGroupSymbol: nil, title: nil) {
            try writeComposition(entryPK, energy.composition)
            try writeEnergyRows(entryPK, energy, provenance)
            return .inserted
        }
        guard let found = try existing(energy.id) else { throw StoreError(code: 0, message: "entry '\(energy.id)' vanished during import") }
        if let stored = found.energyHash {
            if stored == hash { return .unchanged }
            return .rejected(ImportDiagnostic(.error, .idCollision, at: provenance.location,
                "id '\(energy.id)' already has a different energy (from \(found.energyFrom ?? "?")); this one was not stored"))
        }
        let composition = try storedComposition(found.entryPK)
        guard composition.hasSameReducedComposition(as: energy.composition) else {
            return .rejected(ImportDiagnostic(.error, .compositionMismatch, at: provenance.location,
                "energy row '\(energy.id)' is for \(energy.composition.reducedFormula) but its structure (\(found.structureFrom ?? "?")) is \(composition.reducedFormula); not joined"))
        }
        try writeEnergyRows(found.entryPK, energy, provenance)
        return .joined
    }

    public func write(_ diagnostic: ImportDiagnostic) throws(StoreError) {
        let l = diagnostic.location
        try insertDiagnostic.execute(importID, source, l.path, l.member, l.line, l.block, diagnostic.severity.rawValue,
                                     diagnostic.kind.rawValue, diagnostic.message)
    }

    /// Inserts an entry row; nil when the id is already taken.
    private func insertEntryRow(id: String, summary: CompositionSummary, nsites: Int?, spaceGroupNumber: Int?,
                                spaceGroupSymbol: String?, title: String?) throws(StoreError) -> Int64? {
        try insertEntry.execute(id, source, isReference, summary.reducedFormula, summary.anonymousFormula, summary.chemicalSystem,
                                summary.composition.elementCount, summary.composition.totalAmount, nsites, spaceGroupNumber,
                                spaceGroupSymbol, title, importID)
        guard db.changes == 1 else { return nil }
        insertedEntries += 1
        let entryPK = db.lastInsertRowID
        if !knownSystems.contains(summary.chemicalSystem) {
            let mask = ElementMask(summary.composition.elements)
            try insertSystem.execute(summary.chemicalSystem, mask.low, mask.high)
            if knownSystems.count >= Self.knownSystemsLimit { knownSystems.removeAll(keepingCapacity: true) }
            knownSystems.insert(summary.chemicalSystem)
        }
        return entryPK
    }

    private func writeComposition(_ entryPK: Int64, _ composition: Composition) throws(StoreError) {
        let amounts = composition.amounts.filter { $0.amount > 0 }
        let k = amounts.count
        guard k >= 2, k - 2 < insertCompositions.count else {
            for (element, amount) in amounts { try insertComposition.execute(entryPK, ElementSymbol(element: element), amount) }
            return
        }
        let statement: Statement
        if let prepared = insertCompositions[k - 2] {
            statement = prepared
        } else {
            statement = try db.prepare("INSERT INTO compositions (entry_pk, element, amount) VALUES "
                                       + Array(repeating: "(?, ?, ?)", count: k).joined(separator: ", "))
            insertCompositions[k - 2] = statement
        }
        try statement.bindRows(amounts.map { (entryPK, ElementSymbol(element: $0.element), $0.amount) })
        try statement.run()
    }

    private func writeStructureRows(_ entryPK: Int64, _ record: StructureRecord) throws(StoreError) {
        let structure = record.structure
        let lattice = structure.lattice
        let lengths = lattice.lengths, angles = lattice.anglesInDegrees
        let (a, b, c) = (lattice.rows[0], lattice.rows[1], lattice.rows[2])
        let density = record.summary.composition.mass * Structure.gramsPerCubicCentimetrePerDaltonPerCubicAngstrom / lattice.volume
        PackedSites.encode(structure.sites, into: &packedSites)
        try insertStructure.execute(entryPK, a.x, a.y, a.z, b.x, b.y, b.z, c.x, c.y, c.z, lengths.x, lengths.y, lengths.z,
                                    angles.x, angles.y, angles.z, lattice.volume, density, SQLBlob(bytes: packedSites),
                                    SiteLabels.encode(structure.sites))
        try writeProvenance(entryPK, role: "structure", record.provenance)
        if let symmetry = record.symmetry { try write(symmetry, entryPK: entryPK) }
    }

    /// Stores (or replaces) an entry's symmetry.
    func write(_ s: SymmetryRecord, entryPK: Int64) throws(StoreError) {
        try Self.write(s, entryPK: entryPK, with: insertSymmetry)
    }

    static func symmetryUpsert(_ dialect: any SQLDialect) -> String {
        dialect.upsert(into: "symmetry", columns: ["entry_pk", "spacegroup_number", "spacegroup_symbol", "hall_number", "point_group",
                                                   "crystal_system", "wyckoff_sequence", "fingerprint", "symprec", "origin"], key: ["entry_pk"])
    }

    static func write(_ s: SymmetryRecord, entryPK: Int64, with statement: Statement) throws(StoreError) {
        try statement.execute(entryPK, s.spaceGroupNumber, s.spaceGroupSymbol, s.hallNumber, s.pointGroup, s.crystalSystem,
                              s.wyckoffSequence, s.fingerprint, s.symprec, s.detected ? "detected" : "declared")
    }

    private func writeEnergyRows(_ entryPK: Int64, _ energy: EnergyEntry, _ provenance: Provenance) throws(StoreError) {
        let natoms = energy.composition.totalAmount
        try insertEnergy.execute(entryPK, energy.totalEnergy, natoms, energy.totalEnergy / natoms)
        try writeProvenance(entryPK, role: "energy", provenance)
        for (name, value) in energy.properties {
            try insertProperty.execute(entryPK, name, value)
        }
    }

    private func writeProvenance(_ entryPK: Int64, role: String, _ p: Provenance) throws(StoreError) {
        try insertProvenance.execute(entryPK, role, p.file, p.member, p.block, p.line, p.contentHash)
    }
}
