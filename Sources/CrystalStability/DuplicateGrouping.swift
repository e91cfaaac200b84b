import Dispatch
import Foundation
import CrystalMatch
import CrystalModel

/// Groups entries into duplicate groups with StructureMatcher's semantics (`CrystalMatch`), picks each
/// group's representative and decides novelty against the reference entries. No SQL: `DedupeRun` reads the
/// entries and writes the outcome.
///
/// - Order: reference entries first, then the others, each by id, so that a known crystal leads the group
///   of its duplicates; within a bucket (`MatchKey`) the first entry not yet grouped leads a group and takes
///   every later ungrouped entry that fits onto it, as `group_structures` does.
/// - Representative: the lowest energy per atom in the group (entries without an energy last), then the
///   lowest id.
/// - `novelByStructure`: no reference entry of the entry's bucket fits it (`fit(reference, entry)`); a
///   reference entry is never novel. Each entry is compared with the references of its bucket only.
public struct DuplicateGrouping: Sendable {
    public struct Member: Sendable {
        public var entryPK: Int64
        public var id: String
        public var energyPerAtom: Double?
        public var isReference: Bool
        /// Nil when the entry has no structure (it is then alone in its group).
        public var structure: Structure?

        public init(entryPK: Int64, id: String, energyPerAtom: Double?, isReference: Bool, structure: Structure?) {
            self.entryPK = entryPK
            self.id = id
            self.energyPerAtom = energyPerAtom
            self.isReference = isReference
            self.structure = structure
        }
    }

    public struct Assignment: Sendable, Equatable {
        public var entryPK: Int64
        public var representativePK: Int64
        public var groupSize: Int
        public var novelByStructure: Bool
    }

    public struct Outcome: Sendable {
        public var assignments = [Assignment]()
        /// Buckets of entries that could be compared (reduced formula and reduced site count).
        public var buckets = 0
        /// `fit` calls made for grouping and for novelty.
        public var comparisons = 0
        /// Entries whose structure could not be reduced (no sites, a flat cell, too many sites): alone.
        public var unmatchable = 0
    }

    public let matcher: StructureMatcher
    public let jobs: Int

    public init(matcher: StructureMatcher, jobs: Int) {
        self.matcher = matcher
        self.jobs = max(1, jobs)
    }

    public func group(_ input: [Member]) -> Outcome {
        var outcome = Outcome()
        let members = input.sorted { ($0.isReference ? 0 : 1, $0.id) < ($1.isReference ? 0 : 1, $1.id) }
        let reduced = reduceAll(members.map(\.structure))
        outcome.unmatchable = reduced.indices.filter { reduced[$0] == nil }.count
        let grouping = StructureGrouper(matcher: matcher, jobs: jobs).group(reduced)
        outcome.buckets = grouping.buckets
        outcome.comparisons = grouping.comparisons
        var groups = [Int: [Int]]()
        for (index, leader) in grouping.leader.enumerated() { groups[leader ?? index, default: []].append(index) }
        // Novelty: an entry outside every reference-led group is still known when a reference that leads no
        // group (grouped under another reference) fits it; those are the only references it was not compared with.
        var referencesByBucket = [MatchKey: [Int]]()
        for (index, structure) in reduced.enumerated() where members[index].isReference && grouping.leader[index] != index {
            if let key = structure?.key { referencesByBucket[key, default: []].append(index) }
        }
        var questions = [(entry: Int, references: [Int])]()
        for (leader, indices) in groups where !members[leader].isReference {
            for index in indices {
                guard let key = reduced[index]?.key, let references = referencesByBucket[key] else { continue }
                questions.append((index, references))
            }
        }
        let known = answer(questions, reduced)
        outcome.comparisons += known.comparisons
        for (leader, indices) in groups.sorted(by: { $0.key < $1.key }) {
            let best = indices.min { l, r in
                let a = members[l], b = members[r]
                switch (a.energyPerAtom, b.energyPerAtom) {
                case let (x?, y?) where x != y: return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.id < b.id
                }
            } ?? leader
            let groupHasReference = members[leader].isReference
            for index in indices {
                let novel = !groupHasReference && !known.entries.contains(index)
                outcome.assignments.append(Assignment(entryPK: members[index].entryPK, representativePK: members[best].entryPK,
                                                      groupSize: indices.count, novelByStructure: novel))
            }
        }
        return outcome
    }

    /// Which entries some of their references fit, on the workers.
    func answer(_ questions: [(entry: Int, references: [Int])], _ reduced: [ReducedStructure?]) -> (entries: Set<Int>, comparisons: Int) {
        var found = [Bool](repeating: false, count: questions.count)
        var counts = [Int](repeating: 0, count: questions.count)
        let workers = max(1, min(jobs, questions.count))
        found.withUnsafeMutableBufferPointer { foundSlots in
            counts.withUnsafeMutableBufferPointer { countSlots in
                // Workers write disjoint, interleaved slots.
                nonisolated(unsafe) let foundOut = foundSlots, countsOut = countSlots
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var k = worker
                    while k < questions.count {
                        if let entry = reduced[questions[k].entry] {
                            for reference in questions[k].references {
                                guard let structure = reduced[reference] else { continue }
                                countsOut[k] += 1
                                if matcher.fit(structure, entry) { foundOut[k] = true; break }
                            }
                        }
                        k += workers
                    }
                }
            }
        }
        return (Set(questions.indices.filter { found[$0] }.map { questions[$0].entry }), counts.reduce(0, +))
    }

    /// Every structure prepared for matching, on the workers.
    func reduceAll(_ structures: [Structure?]) -> [ReducedStructure?] {
        var out = [ReducedStructure?](repeating: nil, count: structures.count)
        let workers = max(1, min(jobs, structures.count))
        out.withUnsafeMutableBufferPointer { slots in
            // Workers write disjoint, interleaved slots.
            nonisolated(unsafe) let buffer = slots
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var k = worker
                while k < structures.count {
                    buffer[k] = structures[k].flatMap(matcher.reduce)
                    k += workers
                }
            }
        }
        return out
    }
}
