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
    /// Condition selecting the entries to deduplicate (SQL over e, g, y with bound values); nil for all.
    public var condition: (sql: String, bindings: [StoreValue])?

    public init() {}

    struct Member {
        var entryPK: Int64
        var id: String
        var energy: Double?
        var isReference: Bool
    }

    public func run(_ db: Database) throws -> Summary {
        let start = Date()
        var summary = Summary()
        var sql = """
            SELECT e.entry_pk, e.id, g.energy_per_atom, e.is_reference, y.fingerprint FROM entries e
            JOIN symmetry y ON y.entry_pk = e.entry_pk
            LEFT JOIN energies g ON g.entry_pk = e.entry_pk
            LEFT JOIN lattices l ON l.entry_pk = e.entry_pk
            WHERE y.fingerprint IS NOT NULL
            """
        if let condition { sql += " AND (\(condition.sql))" }
        let select = try db.prepare(sql + " ORDER BY y.fingerprint, e.id")
        select.bind(condition?.bindings ?? [])
        var buckets = [[Member]]()
        var current = ""
        while try select.step() {
            let member = Member(entryPK: select.int(0), id: select.text(1) ?? "", energy: select.optionalDouble(2), isReference: select.int(3) == 1)
            let fingerprint = select.text(4) ?? ""
            if fingerprint != current || buckets.isEmpty {
                buckets.append([])
                current = fingerprint
            }
            buckets[buckets.count - 1].append(member)
            summary.entries += 1
        }
        summary.buckets = buckets.count
        // Structures of buckets with more than one member, read in order; then buckets compared on all cores.
        let reader = try StructureReader(db: db)
        var assignments = [(entry: Int64, representative: Int64, size: Int, novel: Bool)]()
        var shared = [(bucket: [Member], structures: [Structure?])]()
        for bucket in buckets {
            if bucket.count == 1 {
                assignments.append((bucket[0].entryPK, bucket[0].entryPK, 1, !bucket[0].isReference))
            } else {
                shared.append((bucket, try bucket.map { try reader.structure(entryPK: $0.entryPK) }))
            }
        }
        var grouped = [[[Int]]](repeating: [], count: shared.count)
        var comparisons = [Int](repeating: 0, count: shared.count)
        let comparator = self.comparator
        grouped.withUnsafeMutableBufferPointer { groupSlots in
            comparisons.withUnsafeMutableBufferPointer { countSlots in
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
                let best = members.min { l, r in
                    let a = bucket[l], b = bucket[r]
                    switch (a.energy, b.energy) {
                    case let (x?, y?) where x != y: return x < y
                    case (.some, nil): return true
                    case (nil, .some): return false
                    default: return a.id < b.id
                    }
                }!
                let novel = !members.contains { bucket[$0].isReference }
                for i in members { assignments.append((bucket[i].entryPK, bucket[best].entryPK, members.count, novel)) }
            }
        }
        try db.inTransaction {
            let setting = try db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('novel_by', ?)")
            setting.bind(1, novelByStructure ? "structure" : "composition")
            try setting.run()
            let write = try db.prepare("INSERT OR REPLACE INTO duplicates (entry_pk, representative_pk, group_size, novel_by_structure) VALUES (?, ?, ?, ?)")
            for a in assignments {
                write.bind([.integer(a.entry), .integer(a.representative), .integer(Int64(a.size)), .integer(a.novel ? 1 : 0)])
                try write.run()
                if a.entry != a.representative { summary.duplicates += 1 } else if a.size > 1 { summary.groups += 1 }
            }
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
