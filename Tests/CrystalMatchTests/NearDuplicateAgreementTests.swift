import Foundation
import Testing
import CrystalMatch
import CrystalModel

/// The seeded near-duplicate set (real crystals from ../shared, their rewrites and hard negatives) against
/// pymatgen's answers committed in Fixtures/near-duplicates.* (oracle/structure_matcher_oracle.py).
/// `CRYSTALDB_WRITE_MATCH_SET=FILE swift test --filter NearDuplicateAgreement` writes the set for the oracle.
@Suite(.enabled(if: MatchFixtures.sharedAvailable, "needs ../shared/data"))
struct NearDuplicateAgreementTests {
    @Test("the generated set agrees pairwise with StructureMatcher.fit")
    func agreement() throws {
        let bases = try MatchFixtures.nearDuplicateBases()
        #expect(bases.count == 200)
        let set = NearDuplicateSet.generate(bases: bases, seed: MatchFixtures.nearDuplicateSeed)
        if let path = ProcessInfo.processInfo.environment["CRYSTALDB_WRITE_MATCH_SET"] {
            try set.map { StructureLines.line(id: $0.id, $0.structure) }.joined(separator: "\n").appending("\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let answers = try OracleAnswers(prefix: MatchFixtures.fixtures.appendingPathComponent("near-duplicates").path)
        #expect(answers.ids == set.map(\.id))
        let matcher = StructureMatcher()
        let reduced = set.map { matcher.reduce($0.structure) }
        let agreement = MatchAgreement.measure(reduced, formulas: set.map { $0.structure.composition.reducedFormula },
                                               answers: answers, matcher: matcher, jobs: 2)
        #expect(agreement.reducedCountDifferences.isEmpty)
        #expect(agreement.foundFraction >= 0.995)
        #expect(agreement.falseMergeFraction <= 0.005)
    }
}
