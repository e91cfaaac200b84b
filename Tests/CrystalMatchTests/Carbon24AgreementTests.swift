import Foundation
import Testing
import CrystalMatch
import CrystalModel

/// Real AIRSS carbon polymorphs (../shared/data/carbon24, read in sorted file-name order) against pymatgen's
/// answers (oracle/structure_matcher_oracle.py, default options): Fixtures/carbon24-600.* has every pair of
/// a bucket among the first 600 (27,285 pairs, 1,722 matches); Fixtures/carbon24.* the 170,872 pairs that
/// group_structures evaluates on all 4,062 (2,906 matches). `make test` checks the first 200 of each;
/// `CRYSTALDB_FULL_AGREEMENT=1` everything.
@Suite(.enabled(if: MatchFixtures.sharedAvailable, "needs ../shared/data"))
struct Carbon24AgreementTests {
    @Test("every pair agrees with StructureMatcher.fit and every group with group_structures", arguments: ["carbon24-600", "carbon24"])
    func agreement(prefix: String) throws {
        let all = try OracleAnswers(prefix: MatchFixtures.fixtures.appendingPathComponent(prefix).path)
        #expect(all.evaluatedAllPairs == (prefix == "carbon24-600"))
        let count = MatchFixtures.fullAgreement ? all.ids.count : 200
        let entries = try MatchFixtures.carbon24(limit: count)
        #expect(entries.map(\.id) == Array(all.ids.prefix(count)))
        let buckets = entries.indices.map { "C/\(all.reducedSiteCounts[$0])" }
        let answers = all.prefix(count, buckets: buckets)
        let matcher = StructureMatcher()
        let reduced = entries.map { matcher.reduce($0.structure) }
        let agreement = MatchAgreement.measure(reduced, formulas: entries.map { _ in "C" }, answers: answers, matcher: matcher, jobs: 2)
        #expect(agreement.reducedCountDifferences.isEmpty)
        #expect(agreement.missed.isEmpty && agreement.falseMerges.isEmpty)
        #expect(agreement.bothMatch >= 50)
        if count == 4062 { #expect(agreement.pairs == 170_872 && agreement.bothMatch == 2906) }
        if count == 600 { #expect(agreement.pairs == 27_285 && agreement.bothMatch == 1722) }
        #expect(StructureGrouper(matcher: matcher, jobs: 2).group(reduced).leader == answers.leaders.map { Optional($0) })
    }
}
