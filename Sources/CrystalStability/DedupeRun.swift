import Foundation
import CrystalMatch
import CrystalModel
import CrystalStore

/// Finds duplicate structures with pymatgen StructureMatcher's semantics (`CrystalMatch`, through
/// `DuplicateGrouping`), independent of detected symmetry. The store streams the selected entries that have
/// a structure, bucketed by reduced formula (an index lookup, never all pairs); an entry alone in its
/// formula is alone in its group without its structure being read. The other buckets are read whole,
/// gathered into batches of about `batchSize` entries (memory stays bounded on a large reference set), and
/// each batch is reduced and grouped on `jobs` workers, compared only within (formula, sites per primitive
/// cell) buckets.
public struct DedupeRun {
    public struct Summary: Sendable {
        /// Entries with a structure that were deduplicated.
        public var entries = 0
        /// Buckets: formulas with one entry, and (formula, reduced site count) buckets of the others.
        public var buckets = 0
        public var comparisons = 0
        public var groups = 0
        public var duplicates = 0
        /// Entries whose structure could not be matched (no sites, a flat cell, more than
        /// `ReducedStructure.maximumSites` sites): each is alone in its group.
        public var unmatchable = 0
        public var seconds = 0.0
    }

    /// StructureMatcher's options (ltol, stol, angle_tol, primitive_cell, scale, attempt_supercell).
    public var options = MatchOptions()
    /// Worker threads for reduction and comparison.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Which rule `is_novel` follows from now on: reduced composition (GNoME's) or structure.
    public var novelByStructure = false
    /// The entries to deduplicate (the store's planner joins what it reads); `.all` for every entry.
    public var predicate: EntryPredicate = .all

    /// Entries gathered (whole formula buckets) before a batch is grouped.
    public static let batchSize = 8192

    public init() {}

    public func run(_ store: Store) throws -> Summary {
        try options.validate()
        let start = Date()
        var summary = Summary()
        let grouping = DuplicateGrouping(matcher: StructureMatcher(options: options), jobs: jobs)
        let reader = try store.structureReader()
        var assignments = [DuplicateAssignment]()
        var batch = [DuplicateGrouping.Member]()
        func flush() {
            guard !batch.isEmpty else { return }
            let outcome = grouping.group(batch)
            summary.buckets += outcome.buckets
            summary.comparisons += outcome.comparisons
            summary.unmatchable += outcome.unmatchable
            for a in outcome.assignments {
                assignments.append(DuplicateAssignment(entryPK: a.entryPK, representativePK: a.representativePK,
                                                       groupSize: a.groupSize, novelByStructure: a.novelByStructure))
            }
            batch.removeAll(keepingCapacity: true)
        }
        try store.forEachDuplicateBucket(matching: predicate, by: .reducedFormula) { bucket in
            summary.entries += bucket.count
            if bucket.count == 1 {
                summary.buckets += 1
                assignments.append(DuplicateAssignment(entryPK: bucket[0].entryPK, representativePK: bucket[0].entryPK, groupSize: 1,
                                                       novelByStructure: !bucket[0].isReference))
                return
            }
            for candidate in bucket {
                batch.append(DuplicateGrouping.Member(entryPK: candidate.entryPK, id: candidate.id, energyPerAtom: candidate.energyPerAtom,
                                                      isReference: candidate.isReference,
                                                      structure: try reader.structure(entryPK: candidate.entryPK)))
            }
            if batch.count >= Self.batchSize { flush() }
        }
        flush()
        try store.writeDuplicateGroups(assignments, novelBy: novelByStructure ? .structure : .composition)
        for a in assignments {
            if a.entryPK != a.representativePK { summary.duplicates += 1 } else if a.groupSize > 1 { summary.groups += 1 }
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}
