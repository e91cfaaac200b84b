import Foundation
import Testing
import CrystalMatch
import CrystalModel

/// Real AIRSS carbon polymorphs (../shared/data/carbon24, read in sorted file-name order) against pymatgen's
/// answers committed in Fixtures/carbon24.* (oracle/structure_matcher_oracle.py, default options).
/// `make test` checks the first 200; `CRYSTALDB_FULL_AGREEMENT=1` every structure the answers cover.
@Suite(.enabled(if: MatchFixtures.sharedAvailable, "needs ../shared/data"))
struct Carbon24AgreementTests {
    @Test("every pair of a bucket agrees with StructureMatcher.fit and every group with group_structures")
    func agreement() throws {
        let all = try OracleAnswers(prefix: MatchFixtures.fixtures.appendingPathComponent("carbon24").path)
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
        #expect(agreement.bothMatch >= 100)
        #expect(StructureGrouper(matcher: matcher, jobs: 2).group(reduced).leader == answers.leaders.map { Optional($0) })
    }
}
