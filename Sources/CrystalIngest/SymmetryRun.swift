import Dispatch
import Foundation
import CrystalModel
import CrystalStore
import CrystalSymmetry

/// Recomputes the symmetry of stored structures (all, or those a condition selects) at a given tolerance:
/// the on-demand counterpart of the analysis done on import. Batches are analysed on all cores and written
/// in one transaction each.
public struct SymmetryRun {
    public var symprec: Double
    public var condition: (sql: String, bindings: [StoreValue])?

    public init(symprec: Double, condition: (sql: String, bindings: [StoreValue])? = nil) {
        self.symprec = symprec
        self.condition = condition
    }

    public struct Summary: Sendable {
        public var structures = 0
        public var detected = 0
        public var declared = 0
        public var seconds = 0.0
    }

    public func run(_ db: Database) throws -> Summary {
        let start = Date()
        var summary = Summary()
        var sql = """
            SELECT e.entry_pk, e.reduced_formula, e.declared_spacegroup_number, e.declared_spacegroup_symbol FROM entries e
            LEFT JOIN energies g ON g.entry_pk = e.entry_pk LEFT JOIN symmetry y ON y.entry_pk = e.entry_pk
            WHERE e.nsites IS NOT NULL
            """
        if let condition { sql += " AND (\(condition.sql))" }
        let select = try db.prepare(sql + " ORDER BY e.entry_pk")
        select.bind(condition?.bindings ?? [])
        var rows = [(pk: Int64, formula: String, number: Int?, symbol: String?)]()
        while try select.step() {
            rows.append((select.int(0), select.text(1) ?? "", select.optionalInt(2).map(Int.init), select.text(3)))
        }
        let reader = try StructureReader(db: db)
        let writer = try EntryWriter(db: db, source: "", isReference: false, importID: nil)
        let symprec = self.symprec
        for batchStart in stride(from: 0, to: rows.count, by: 512) {
            let batch = Array(rows[batchStart..<min(rows.count, batchStart + 512)])
            let structures = try batch.map { try reader.structure(entryPK: $0.pk) }
            var records = [SymmetryRecord?](repeating: nil, count: batch.count)
            records.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                    guard let structure = structures[i] else { return }
                    slots[i] = SymmetryFingerprint.record(structure, declaredNumber: batch[i].number, declaredSymbol: batch[i].symbol,
                                                          reducedFormula: batch[i].formula, symprec: symprec)
                }
            }
            try db.inTransaction {
                for (row, record) in zip(batch, records) {
                    summary.structures += 1
                    guard let record else { continue }
                    try writer.write(record, entryPK: row.pk)
                    if record.detected { summary.detected += 1 } else { summary.declared += 1 }
                }
            }
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
