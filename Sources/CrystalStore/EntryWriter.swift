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
    private let deleteComposition: Statement
    private let insertLattice: Statement
    private let insertSite: Statement
    private let insertEnergy: Statement
    private let insertProvenance: Statement
    private let insertProperty: Statement
    private let insertDiagnostic: Statement
    private let selectComposition: Statement
    private let insertSystem: Statement
    private let insertSymmetry: Statement
    private var knownSystems = Set<String>()

    public init(db: Database, source: String, isReference: Bool, importID: Int64?) throws(StoreError) {
        self.db = db
        self.source = source
        self.isReference = isReference
        self.importID = importID
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
        insertLattice = try db.prepare("""
            INSERT INTO lattices (entry_pk, ax, ay, az, bx, by, bz, cx, cy, cz, a, b, c, alpha, beta, gamma, volume, density)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertSite = try db.prepare("INSERT INTO sites (entry_pk, site_index, element, occupancy, x, y, z, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        insertEnergy = try db.prepare("INSERT INTO energies (entry_pk, total_energy, energy_natoms, energy_per_atom) VALUES (?, ?, ?, ?)")
        insertProvenance = try db.prepare("""
            INSERT INTO provenance (entry_pk, role, file, member, data_block, line, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertProperty = try db.prepare("INSERT OR REPLACE INTO properties (entry_pk, name, value) VALUES (?, ?, ?)")
        selectComposition = try db.prepare("SELECT element, amount FROM compositions WHERE entry_pk = ?")
        insertSymmetry = try db.prepare("""
            INSERT OR REPLACE INTO symmetry (entry_pk, spacegroup_number, spacegroup_symbol, hall_number, point_group, crystal_system,
                                             wyckoff_sequence, fingerprint, symprec, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertSystem = try db.prepare("INSERT OR IGNORE INTO chemical_systems (chemical_system, mask_low, mask_high) VALUES (?, ?, ?)")
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
        findEntry.bind(1, id)
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
        statement.bind(1, entryPK)
        defer { statement.reset() }
        var composition = Composition()
        while try statement.step() {
            if let element = statement.text(0).flatMap(Element.init(symbol:)) { composition.add(element, statement.double(1)) }
        }
        return composition
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
        updateEntryStructure.bind([.double(composition.totalAmount), .integer(Int64(structure.siteCount)),
                                   .optionalInt(record.declaredSpaceGroupNumber), .optionalText(record.declaredSpaceGroupSymbol),
                                   .optionalText(record.title), .integer(found.entryPK)])
        try updateEntryStructure.run()
        deleteComposition.bind(1, found.entryPK)
        try deleteComposition.run()
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
        insertDiagnostic.bind([.optionalInt(importID.map(Int.init)), .text(source), .text(l.path), .optionalText(l.member),
                               .optionalInt(l.line), .optionalText(l.block), .text(diagnostic.severity.rawValue),
                               .text(diagnostic.kind.rawValue), .text(diagnostic.message)])
        try insertDiagnostic.run()
    }

    /// Inserts an entry row; nil when the id is already taken.
    private func insertEntryRow(id: String, summary: CompositionSummary, nsites: Int?, spaceGroupNumber: Int?,
                                spaceGroupSymbol: String?, title: String?) throws(StoreError) -> Int64? {
        insertEntry.bind([.text(id), .text(source), .integer(isReference ? 1 : 0), .text(summary.reducedFormula),
                          .text(summary.anonymousFormula), .text(summary.chemicalSystem),
                          .integer(Int64(summary.composition.elementCount)), .real(summary.composition.totalAmount),
                          .optionalInt(nsites), .optionalInt(spaceGroupNumber), .optionalText(spaceGroupSymbol),
                          .optionalText(title), .optionalInt(importID.map(Int.init))])
        try insertEntry.run()
        guard db.changes == 1 else { return nil }
        let entryPK = db.lastInsertRowID
        if !knownSystems.contains(summary.chemicalSystem) {
            let mask = ElementMask(summary.composition.elements)
            insertSystem.bind([.text(summary.chemicalSystem), .integer(mask.low), .integer(mask.high)])
            try insertSystem.run()
            knownSystems.insert(summary.chemicalSystem)
        }
        return entryPK
    }

    private func writeComposition(_ entryPK: Int64, _ composition: Composition) throws(StoreError) {
        for (element, amount) in composition.amounts where amount > 0 {
            insertComposition.bind(1, entryPK)
            insertComposition.bindStatic(2, ElementSymbols.cString(element))
            insertComposition.bind(3, amount)
            try insertComposition.run()
        }
    }

    private func writeStructureRows(_ entryPK: Int64, _ record: StructureRecord) throws(StoreError) {
        let structure = record.structure
        let lattice = structure.lattice
        let lengths = lattice.lengths, angles = lattice.anglesInDegrees
        var values: [StoreValue] = [.integer(entryPK)]
        for row in lattice.rows { values += [.real(row.x), .real(row.y), .real(row.z)] }
        values += [.real(lengths.x), .real(lengths.y), .real(lengths.z), .real(angles.x), .real(angles.y), .real(angles.z),
                   .real(lattice.volume), .real(record.summary.composition.mass * Structure.gramsPerCubicCentimetrePerDaltonPerCubicAngstrom / lattice.volume)]
        insertLattice.bind(values)
        try insertLattice.run()
        for (index, site) in structure.sites.enumerated() {
            for occupant in site.occupants {
                insertSite.bind(1, entryPK)
                insertSite.bind(2, index)
                insertSite.bindStatic(3, ElementSymbols.cString(occupant.element))
                insertSite.bind(4, occupant.occupancy)
                insertSite.bind(5, site.position.x)
                insertSite.bind(6, site.position.y)
                insertSite.bind(7, site.position.z)
                insertSite.bind(8, site.label)
                try insertSite.run()
            }
        }
        try writeProvenance(entryPK, role: "structure", record.provenance)
        if let symmetry = record.symmetry { try write(symmetry, entryPK: entryPK) }
    }

    /// Stores (or replaces) an entry's symmetry.
    public func write(_ s: SymmetryRecord, entryPK: Int64) throws(StoreError) {
        insertSymmetry.bind([.integer(entryPK), .integer(Int64(s.spaceGroupNumber)), .optionalText(s.spaceGroupSymbol),
                             .optionalInt(s.hallNumber), .optionalText(s.pointGroup), .text(s.crystalSystem),
                             .optionalText(s.wyckoffSequence), .optionalText(s.fingerprint), s.symprec.map { .real($0) } ?? .null,
                             .text(s.detected ? "detected" : "declared")])
        try insertSymmetry.run()
    }

    private func writeEnergyRows(_ entryPK: Int64, _ energy: EnergyEntry, _ provenance: Provenance) throws(StoreError) {
        let natoms = energy.composition.totalAmount
        insertEnergy.bind([.integer(entryPK), .real(energy.totalEnergy), .real(natoms), .real(energy.totalEnergy / natoms)])
        try insertEnergy.run()
        try writeProvenance(entryPK, role: "energy", provenance)
        for (name, value) in energy.properties {
            insertProperty.bind([.integer(entryPK), .text(name), .text(value)])
            try insertProperty.run()
        }
    }

    private func writeProvenance(_ entryPK: Int64, role: String, _ p: Provenance) throws(StoreError) {
        insertProvenance.bind([.integer(entryPK), .text(role), .text(p.file), .optionalText(p.member), .optionalText(p.block),
                               .optionalInt(p.line), .text(p.contentHash)])
        try insertProvenance.run()
    }
}

extension StoreValue {
    static func double(_ v: Double) -> StoreValue { .real(v) }
    static func optionalInt(_ v: Int?) -> StoreValue { v.map { .integer(Int64($0)) } ?? .null }
    static func optionalText(_ v: String?) -> StoreValue { v.map { .text($0) } ?? .null }
}

/// Element symbols as C strings allocated once for the process, bound without copying.
enum ElementSymbols {
    nonisolated(unsafe) static let pointers: [UnsafePointer<CChar>] = (1...118).map { z in
        UnsafePointer(strdup(Element(atomicNumber: z)!.symbol)!)
    }

    static func cString(_ element: Element) -> UnsafePointer<CChar> { pointers[element.atomicNumber - 1] }
}
