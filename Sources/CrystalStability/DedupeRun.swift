import Dispatch
import Foundation
import CrystalModel
import CrystalStore
import CrystalSymmetry

/// Finds duplicate structures: entries are bucketed by their symmetry fingerprint (reduced formula, space
/// group, Wyckoff orbit sizes; an index lookup, not all pairs), and within a bucket compared with
/// `StructureComparator`. Each group's representative is its lowest energy per atom (then lowest id).
public struct DedupeRun {
    public struct Summary: Sendable {
        public var entries = 0
        public var buckets = 0
        public var comparisons = 0
        public var groups = 0
        public var duplicates = 0
        public var seconds = 0.0
    }

    public var comparator = StructureComparator()
    /// Which rule `is_novel` follows from now on: reduced composition (GNoME's) or duplicate group.
    public var novelByStructure = false
    /// The entries to deduplicate (the store's planner joins what it reads); `.all` for every entry.
    public var predicate: EntryPredicate = .all

    public init() {}

    public func run(_ store: Store) throws -> Summary {
        let start = Date()
        var summary = Summary()
        // Structures of buckets with more than one member, read in order; then buckets compared on all cores.
        let reader = try store.structureReader()
        var assignments = [DuplicateAssignment]()
        var shared = [(bucket: [DuplicateCandidate], structures: [Structure?])]()
        try store.forEachDuplicateBucket(matching: predicate, by: .symmetryFingerprint) { bucket in
            summary.buckets += 1
            summary.entries += bucket.count
            if bucket.count == 1 {
                assignments.append(DuplicateAssignment(entryPK: bucket[0].entryPK, representativePK: bucket[0].entryPK, groupSize: 1,
                                                       novelByStructure: !bucket[0].isReference))
            } else {
                shared.append((bucket, try bucket.map { try reader.structure(entryPK: $0.entryPK) }))
            }
        }
        var grouped = [[[Int]]](repeating: [], count: shared.count)
        var comparisons = [Int](repeating: 0, count: shared.count)
        let comparator = self.comparator
        grouped.withUnsafeMutableBufferPointer { groupSlots in
            comparisons.withUnsafeMutableBufferPointer { countSlots in
                // Each index is written by exactly one iteration, and read only after concurrentPerform returns.
                nonisolated(unsafe) let groupsOut = groupSlots, countsOut = countSlots
                let work = shared
                DispatchQueue.concurrentPerform(iterations: work.count) { index in
                    let (groups, count) = Self.groups(work[index].structures, comparator: comparator)
                    groupsOut[index] = groups
                    countsOut[index] = count
                }
            }
        }
        for (index, (bucket, _)) in shared.enumerated() {
            summary.comparisons += comparisons[index]
            for members in grouped[index] {
                guard let best = members.min(by: { l, r in
                    let a = bucket[l], b = bucket[r]
                    switch (a.energyPerAtom, b.energyPerAtom) {
                    case let (x?, y?) where x != y: return x < y
                    case (.some, nil): return true
                    case (nil, .some): return false
                    default: return a.id < b.id
                    }
                }) else { continue }
                let novel = !members.contains { bucket[$0].isReference }
                for i in members {
                    assignments.append(DuplicateAssignment(entryPK: bucket[i].entryPK, representativePK: bucket[best].entryPK,
                                                           groupSize: members.count, novelByStructure: novel))
                }
            }
        }
        try store.writeDuplicateGroups(assignments, novelBy: novelByStructure ? .structure : .composition)
        for a in assignments {
            if a.entryPK != a.representativePK { summary.duplicates += 1 } else if a.groupSize > 1 { summary.groups += 1 }
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    /// Union-find over one bucket: member indices grouped by sameness, and the number of comparisons made.
    static func groups(_ structures: [Structure?], comparator: StructureComparator) -> ([[Int]], Int) {
        let standardized = structures.map { $0.flatMap(comparator.standardized) }
        var parent = Array(structures.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        var comparisons = 0
        for i in structures.indices {
            for j in (i + 1)..<structures.count where root(i) != root(j) {
                guard let a = standardized[i], let b = standardized[j] else { continue }
                comparisons += 1
                if comparator.sameStandardized(a, b) || comparator.sameStandardized(b, a) { parent[root(j)] = root(i) }
            }
        }
        var groups = [Int: [Int]]()
        for i in structures.indices { groups[root(i), default: []].append(i) }
        return (groups.keys.sorted().map { groups[$0]! }, comparisons)
    }
}
