import Foundation
import Dispatch

/// Pairwise agreement of `StructureMatcher.fit` with pymatgen's answers on one list of structures: every
/// pair i < j of one reduced formula that either side puts in one bucket, compared as `fit(s_i, s_j)` (or,
/// when pymatgen evaluated only the pairs group_structures does, those pairs).
public struct MatchAgreement: Sendable {
    /// Pairs compared.
    public var pairs = 0
    /// pymatgen: match; crystaldb: match.
    public var bothMatch = 0
    /// pymatgen: match; crystaldb: no match (a duplicate missed).
    public var missed = [OracleAnswers.Pair]()
    /// pymatgen: no match; crystaldb: match (a false merge).
    public var falseMerges = [OracleAnswers.Pair]()
    /// Structures whose reduced site count differs from pymatgen's.
    public var reducedCountDifferences = [Int]()

    /// Found duplicates as a fraction of pymatgen's.
    public var foundFraction: Double { Double(bothMatch) / Double(max(bothMatch + missed.count, 1)) }
    /// False merges as a fraction of crystaldb's matches.
    public var falseMergeFraction: Double { Double(falseMerges.count) / Double(max(bothMatch + falseMerges.count, 1)) }

    public init() {}

    /// `formulas[i]` is structure i's reduced formula; `reduced[i]` its prepared form (nil: unmatchable).
    public static func measure(_ reduced: [ReducedStructure?], formulas: [String], answers: OracleAnswers,
                               matcher: StructureMatcher, jobs: Int) -> MatchAgreement {
        var agreement = MatchAgreement()
        var pairs = [OracleAnswers.Pair]()
        var byFormula = [String: [Int]]()
        for (i, formula) in formulas.enumerated() { byFormula[formula, default: []].append(i) }
        for i in reduced.indices where reduced[i]?.siteCount != answers.reducedSiteCounts[i] {
            agreement.reducedCountDifferences.append(i)
        }
        if !answers.evaluatedAllPairs {
            let buckets = formulas.indices.map { "\(formulas[$0])/\(matcher.options.attemptSupercell ? 0 : answers.reducedSiteCounts[$0])" }
            pairs = OracleAnswers.leaderPairs(count: formulas.count, buckets: buckets, matches: answers.matches)
        }
        for members in byFormula.values where answers.evaluatedAllPairs {
            for (x, i) in members.enumerated() {
                for j in members[(x + 1)...] {
                    let oursTogether = reduced[i] != nil && reduced[i]?.key == reduced[j]?.key
                    // With supercells attempted, pymatgen compares every pair of one composition.
                    let theirsTogether = matcher.options.attemptSupercell || answers.reducedSiteCounts[i] == answers.reducedSiteCounts[j]
                    if oursTogether || theirsTogether { pairs.append(OracleAnswers.Pair(i, j)) }
                }
            }
        }
        pairs.sort { ($0.first, $0.second) < ($1.first, $1.second) }
        let work = pairs
        var fits = [Bool](repeating: false, count: pairs.count)
        let workers = max(1, min(jobs, pairs.count))
        fits.withUnsafeMutableBufferPointer { slots in
            // Workers write disjoint, interleaved slots.
            nonisolated(unsafe) let out = slots
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var k = worker
                while k < work.count {
                    if let a = reduced[work[k].first], let b = reduced[work[k].second] { out[k] = matcher.fit(a, b) }
                    k += workers
                }
            }
        }
        agreement.pairs = pairs.count
        for (pair, ours) in zip(pairs, fits) {
            let theirs = answers.matches.contains(pair)
            switch (theirs, ours) {
            case (true, true): agreement.bothMatch += 1
            case (true, false): agreement.missed.append(pair)
            case (false, true): agreement.falseMerges.append(pair)
            case (false, false): break
            }
        }
        return agreement
    }
}
