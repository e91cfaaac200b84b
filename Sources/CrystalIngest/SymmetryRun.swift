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
    /// The entries to analyse (the store's planner joins what it reads); `.all` for every structure.
    public var predicate: EntryPredicate

    public init(symprec: Double, predicate: EntryPredicate = .all) {
        self.symprec = symprec
        self.predicate = predicate
    }

    public struct Summary: Sendable {
        public var structures = 0
        public var detected = 0
        public var declared = 0
        public var seconds = 0.0
    }

    /// Entries analysed and written per transaction.
    static let batchSize = 512

    public func run(_ store: Store) throws -> Summary {
        let start = Date()
        var summary = Summary()
        let rows = try store.symmetryCandidates(matching: predicate)
        let reader = try store.structureReader()
        let symprec = self.symprec
        for batchStart in stride(from: 0, to: rows.count, by: Self.batchSize) {
            let batch = Array(rows[batchStart..<min(rows.count, batchStart + Self.batchSize)])
            let structures = try batch.map { try reader.structure(entryPK: $0.entryPK) }
            var records = [SymmetryRecord?](repeating: nil, count: batch.count)
            records.withUnsafeMutableBufferPointer { buffer in
                // Each index is written by exactly one iteration, and read only after concurrentPerform returns.
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                    guard let structure = structures[i] else { return }
                    slots[i] = SymmetryFingerprint.record(structure, declaredNumber: batch[i].declaredSpaceGroupNumber,
                                                          declaredSymbol: batch[i].declaredSpaceGroupSymbol,
                                                          reducedFormula: batch[i].reducedFormula, symprec: symprec)
                }
            }
            var written = [(entryPK: Int64, record: SymmetryRecord)]()
            for (row, record) in zip(batch, records) {
                summary.structures += 1
                guard let record else { continue }
                written.append((row.entryPK, record))
                if record.detected { summary.detected += 1 } else { summary.declared += 1 }
            }
            try store.writeSymmetry(written)
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
