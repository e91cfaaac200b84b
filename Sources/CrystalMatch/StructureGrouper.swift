import Foundation
import Dispatch

/// Groups structures as pymatgen's `StructureMatcher.group_structures` does, but compares only within
/// buckets (`MatchKey`: structures in different buckets can never match) and on several cores.
///
/// Within a bucket, in the given order, the first structure not yet grouped leads a new group and takes
/// every later ungrouped structure that fits onto it (`fit(leader, other)`); the rest go on to the next
/// leader. As in pymatgen, grouping is not transitive closure: a structure is compared with leaders only.
public struct StructureGrouper: Sendable {
    public let matcher: StructureMatcher
    /// Worker threads.
    public var jobs: Int
    /// Buckets larger than this compare each leader with the rest on all workers; smaller buckets are
    /// handed out whole, one per worker at a time.
    public var largeBucket = 64

    public init(matcher: StructureMatcher, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.matcher = matcher
        self.jobs = max(1, jobs)
    }

    public struct Result: Sendable {
        /// For each input, the index of its group's leader (itself for a leader); nil when it could not be
        /// reduced (no sites, singular cell).
        public var leader: [Int?]
        public var buckets = 0
        public var comparisons = 0
    }

    /// Input order decides leaders, as the list order does for `group_structures`.
    public func group(_ structures: [ReducedStructure?]) -> Result {
        var bucketOf = [MatchKey: Int]()
        var buckets = [[Int]]()
        for (index, structure) in structures.enumerated() {
            guard let structure else { continue }
            if let b = bucketOf[structure.key] {
                buckets[b].append(index)
            } else {
                bucketOf[structure.key] = buckets.count
                buckets.append([index])
            }
        }
        var result = Result(leader: [Int?](repeating: nil, count: structures.count), buckets: buckets.count)
        let large = buckets.filter { $0.count > largeBucket }
        let small = buckets.filter { $0.count <= largeBucket }
        for bucket in large {
            let (leaders, comparisons) = groupLarge(bucket, structures)
            for (member, leader) in zip(bucket, leaders) { result.leader[member] = leader }
            result.comparisons += comparisons
        }
        // Small buckets: workers take the next bucket under a lock (a lock per bucket, not per comparison).
        let lock = NSLock()
        var outputs = [(leaders: [Int], comparisons: Int)](repeating: ([], 0), count: small.count)
        outputs.withUnsafeMutableBufferPointer { slots in
            // Each bucket index is handed to exactly one worker, so every slot has one writer.
            nonisolated(unsafe) let out = slots
            nonisolated(unsafe) var cursor = 0
            DispatchQueue.concurrentPerform(iterations: min(jobs, max(small.count, 1))) { _ in
                while true {
                    lock.lock()
                    let b = cursor
                    cursor += 1
                    lock.unlock()
                    guard b < small.count else { return }
                    out[b] = groupSmall(small[b], structures)
                }
            }
        }
        for (bucket, output) in zip(small, outputs) {
            for (member, leader) in zip(bucket, output.leaders) { result.leader[member] = leader }
            result.comparisons += output.comparisons
        }
        return result
    }

    /// The leader algorithm on one bucket, on the calling thread; leaders as input indices.
    func groupSmall(_ bucket: [Int], _ structures: [ReducedStructure?]) -> (leaders: [Int], comparisons: Int) {
        var leaders = [Int](repeating: -1, count: bucket.count)
        var comparisons = 0
        for i in bucket.indices where leaders[i] < 0 {
            leaders[i] = bucket[i]
            guard let head = structures[bucket[i]] else { continue }
            let open = ((i + 1)..<bucket.count).filter { leaders[$0] < 0 }
            guard !open.isEmpty else { continue }
            let points = matcher.latticePoints(for: head, comparedWith: open.compactMap { structures[bucket[$0]] })
            for j in open {
                guard let other = structures[bucket[j]] else { continue }
                comparisons += 1
                if matcher.fit(head, other, points: points) { leaders[j] = bucket[i] }
            }
        }
        return (leaders, comparisons)
    }

    /// The leader algorithm on one bucket, each leader's comparisons spread over the workers.
    func groupLarge(_ bucket: [Int], _ structures: [ReducedStructure?]) -> (leaders: [Int], comparisons: Int) {
        var leaders = [Int](repeating: -1, count: bucket.count)
        var comparisons = 0
        var fits = [Bool](repeating: false, count: bucket.count)
        for i in bucket.indices where leaders[i] < 0 {
            leaders[i] = bucket[i]
            guard let head = structures[bucket[i]] else { continue }
            let open = ((i + 1)..<bucket.count).filter { leaders[$0] < 0 }
            comparisons += open.count
            let points = matcher.latticePoints(for: head, comparedWith: open.compactMap { structures[bucket[$0]] })
            let chunks = min(jobs, max(open.count, 1))
            fits.withUnsafeMutableBufferPointer { slots in
                // Chunks cover disjoint positions of `open`, so every slot has one writer.
                nonisolated(unsafe) let out = slots
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    var k = chunk
                    while k < open.count {
                        let j = open[k]
                        out[j] = structures[bucket[j]].map { matcher.fit(head, $0, points: points) } ?? false
                        k += chunks
                    }
                }
            }
            for j in open where fits[j] { leaders[j] = bucket[i] }
        }
        return (leaders, comparisons)
    }
}
