import Foundation

/// pymatgen's StructureMatcher answers for a list of structures, as `oracle/structure_matcher_oracle.py`
/// writes them: per structure its id, site count, and site count after reduction; the pairs (i < j, both
/// in one bucket) for which `fit(s_i, s_j)` holds; each structure's `group_structures` leader.
public struct OracleAnswers: Sendable {
    public struct Pair: Hashable, Sendable {
        public let first: Int, second: Int
        public init(_ first: Int, _ second: Int) { (self.first, self.second) = (first, second) }
    }

    public var ids = [String]()
    public var siteCounts = [Int]()
    public var reducedSiteCounts = [Int]()
    public var matches = Set<Pair>()
    public var leaders = [Int]()
    /// The header line recording pymatgen's version and options.
    public var header = ""
    /// Every pair of a bucket was evaluated; false when only the pairs group_structures evaluates were
    /// (a leader and each later structure not yet grouped: `--pairs leaders`).
    public var evaluatedAllPairs: Bool { !header.contains("(leaders)") }

    public struct Malformed: Error, CustomStringConvertible {
        public let path: String, line: Int, reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }

    /// The answers for the first `count` structures alone: their pairs, and the leaders group_structures
    /// gives that shorter list (the leader algorithm over the same pairs, in order, within each bucket;
    /// `bucket[i]` names structure i's).
    public func prefix(_ count: Int, buckets: [String]) -> OracleAnswers {
        var out = self
        let n = min(count, ids.count)
        out.ids = Array(ids.prefix(n))
        out.siteCounts = Array(siteCounts.prefix(n))
        out.reducedSiteCounts = Array(reducedSiteCounts.prefix(n))
        out.matches = matches.filter { $0.second < n }
        out.leaders = Self.leaders(count: n, buckets: buckets, matches: out.matches)
        return out
    }

    /// The pairs group_structures evaluates, given its answers: within a bucket, in order, each leader with
    /// every later structure not yet grouped.
    public static func leaderPairs(count: Int, buckets: [String], matches: Set<Pair>) -> [Pair] {
        var pairs = [Pair]()
        var grouped = [Bool](repeating: false, count: count)
        var members = [String: [Int]]()
        for i in 0..<count { members[buckets[i], default: []].append(i) }
        for group in members.values {
            for (x, i) in group.enumerated() where !grouped[i] {
                grouped[i] = true
                for j in group[(x + 1)...] where !grouped[j] {
                    pairs.append(Pair(i, j))
                    if matches.contains(Pair(i, j)) { grouped[j] = true }
                }
            }
        }
        return pairs
    }

    /// group_structures' leaders from pairwise answers: within a bucket, in order, the first ungrouped
    /// structure leads and takes every later ungrouped one it matches.
    public static func leaders(count: Int, buckets: [String], matches: Set<Pair>) -> [Int] {
        var leaders = [Int](repeating: -1, count: count)
        var members = [String: [Int]]()
        for i in 0..<count { members[buckets[i], default: []].append(i) }
        for group in members.values {
            for (x, i) in group.enumerated() where leaders[i] < 0 {
                leaders[i] = i
                for j in group[(x + 1)...] where leaders[j] < 0 && matches.contains(Pair(i, j)) { leaders[j] = i }
            }
        }
        return leaders
    }

    /// Reads PREFIX.structures.csv, PREFIX.matches.csv and PREFIX.groups.csv.
    public init(prefix: String) throws {
        func rows(_ suffix: String) throws -> [(line: Int, fields: [Substring])] {
            let path = prefix + suffix
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var out = [(Int, [Substring])]()
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("#") { header = String(line.dropFirst(2)); continue }
                if line.isEmpty || line.first?.isLetter == true { continue }
                out.append((number + 1, line.split(separator: ",", omittingEmptySubsequences: false)))
            }
            return out
        }
        func integer(_ s: Substring, _ suffix: String, _ line: Int) throws -> Int {
            guard let value = Int(s) else { throw Malformed(path: prefix + suffix, line: line, reason: "not an integer: \(s)") }
            return value
        }
        for (line, f) in try rows(".structures.csv") {
            guard f.count >= 4 else { throw Malformed(path: prefix + ".structures.csv", line: line, reason: "expected 10 fields") }
            guard try integer(f[0], ".structures.csv", line) == ids.count else {
                throw Malformed(path: prefix + ".structures.csv", line: line, reason: "indices out of order")
            }
            ids.append(String(f[1]))
            siteCounts.append(try integer(f[2], ".structures.csv", line))
            reducedSiteCounts.append(try integer(f[3], ".structures.csv", line))
        }
        for (line, f) in try rows(".matches.csv") {
            guard f.count == 2 else { throw Malformed(path: prefix + ".matches.csv", line: line, reason: "expected i,j") }
            matches.insert(Pair(try integer(f[0], ".matches.csv", line), try integer(f[1], ".matches.csv", line)))
        }
        leaders = [Int](repeating: -1, count: ids.count)
        for (line, f) in try rows(".groups.csv") {
            guard f.count == 2 else { throw Malformed(path: prefix + ".groups.csv", line: line, reason: "expected index,leader") }
            let index = try integer(f[0], ".groups.csv", line)
            guard leaders.indices.contains(index) else { throw Malformed(path: prefix + ".groups.csv", line: line, reason: "no structure \(index)") }
            leaders[index] = try integer(f[1], ".groups.csv", line)
        }
    }
}
