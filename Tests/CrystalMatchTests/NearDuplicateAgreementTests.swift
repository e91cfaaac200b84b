import Foundation
import Testing
import CrystalMatch
import CrystalModel

/// The seeded near-duplicate set (real crystals from ../shared, their rewrites and hard negatives) against
/// pymatgen's answers committed in Fixtures/near-duplicates.* (oracle/structure_matcher_oracle.py).
/// `make test` checks the families of the first 40 bases (240 structures, seconds in a debug build);
/// `CRYSTALDB_FULL_AGREEMENT=1` checks all 1,200 (and `crystaldb-bench match` measures them in release).
/// `CRYSTALDB_WRITE_MATCH_SET=FILE swift test --filter NearDuplicateAgreement` writes the set for the oracle.
@Suite(.enabled(if: MatchFixtures.sharedAvailable, "needs ../shared/data"))
struct NearDuplicateAgreementTests {
    static let set: [NearDuplicateSet.Member] = {
        let bases = (try? MatchFixtures.nearDuplicateBases()) ?? []
        return NearDuplicateSet.generate(bases: bases, seed: MatchFixtures.nearDuplicateSeed)
    }()

    /// Members checked: whole families (base, 3 variants, 2 negatives) of the first bases.
    static let checked = MatchFixtures.fullAgreement ? 1200 : 240

    @Test("the set is rebuilt from 200 real crystals (and written for the oracle when asked)")
    func rebuilt() throws {
        #expect(Self.set.count == 1200)
        #expect(Self.set.filter { $0.id.hasSuffix("-base") }.count == 200)
        if let path = ProcessInfo.processInfo.environment["CRYSTALDB_WRITE_MATCH_SET"] {
            try Self.set.map { StructureLines.line(id: $0.id, $0.structure) }.joined(separator: "\n").appending("\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// Fixtures/near-duplicates.*: pymatgen's answers with the default options (primitive cells).
    /// Fixtures/near-duplicates-supercell.*: primitive_cell=False, attempt_supercell=True.
    /// Fixtures/near-duplicates-loose.*: ltol 0.3, stol 0.5, angle_tol 10, scale=False.
    @Test("every pair agrees with StructureMatcher.fit and every group with group_structures", arguments: [
        "near-duplicates", "near-duplicates-supercell", "near-duplicates-loose",
    ])
    func agreement(prefix: String) throws {
        let supercells = prefix.hasSuffix("supercell")
        let all = try OracleAnswers(prefix: MatchFixtures.fixtures.appendingPathComponent(prefix).path)
        #expect(all.ids == Self.set.map(\.id))
        let set = Array(Self.set.prefix(Self.checked))
        let formulas = set.map { $0.structure.composition.reducedFormula }
        let buckets = formulas.indices.map { supercells ? formulas[$0] : "\(formulas[$0])/\(all.reducedSiteCounts[$0])" }
        let answers = all.prefix(set.count, buckets: buckets)
        var options = MatchOptions()
        options.primitiveCell = !supercells
        options.attemptSupercell = supercells
        if prefix.hasSuffix("loose") {
            (options.lengthTolerance, options.siteTolerance, options.angleTolerance, options.scale) = (0.3, 0.5, 10, false)
        }
        let matcher = StructureMatcher(options: options)
        let reduced = set.map { matcher.reduce($0.structure) }
        let agreement = MatchAgreement.measure(reduced, formulas: formulas, answers: answers, matcher: matcher, jobs: 2)
        // All 1,200: 3,190 pairs, 2,176 matches, no disagreement (supercells: 4,116 pairs, 2,318 matches;
        // loose: 3,190 pairs, 2,569 matches).
        if set.count == 1200 { #expect(agreement.pairs == (supercells ? 4116 : 3190)) }
        #expect(agreement.bothMatch > agreement.pairs / 3)
        #expect(agreement.reducedCountDifferences.isEmpty)
        #expect(agreement.missed.isEmpty && agreement.falseMerges.isEmpty)
        let leaders = StructureGrouper(matcher: matcher, jobs: 2).group(reduced).leader
        #expect(leaders == answers.leaders.map { Optional($0) })
    }
}
