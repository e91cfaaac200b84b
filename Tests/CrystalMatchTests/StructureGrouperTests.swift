import Foundation
import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct StructureGrouperTests {
    let matcher = StructureMatcher()

    /// A, B (one site moved 0.2 L), C (moved 0.4 L): A~B, B~C, but not A~C.
    func chain() -> [Structure] {
        let a = TestCrystals.eightElements()
        let length = cbrt(a.lattice.volume / 8)
        return [a, TestCrystals.displaced(a, site: 5, by: Vector3(0, 0.2 * length, 0)),
                TestCrystals.displaced(a, site: 5, by: Vector3(0, 0.4 * length, 0))]
    }

    @Test("leaders take what fits onto them, as group_structures: no transitive closure, order decides")
    func leaderAlgorithm() {
        let s = chain().map { matcher.reduce($0) }
        let grouper = StructureGrouper(matcher: matcher, jobs: 2)
        #expect(grouper.group(s).leader == [0, 0, 2])
        // B first: B leads and takes both.
        #expect(grouper.group([s[1], s[0], s[2]]).leader == [0, 0, 0])
    }

    @Test("only structures of one bucket are compared; unreducible ones are left out")
    func buckets() {
        var structures = chain().map { matcher.reduce($0) }
        structures.append(matcher.reduce(TestCrystals.rockSalt()))
        structures.append(matcher.reduce(TestCrystals.caesiumChlorideType()))
        structures.append(nil)
        let result = StructureGrouper(matcher: matcher, jobs: 2).group(structures)
        #expect(result.buckets == 2)
        // 2 comparisons in the chain's bucket (A-B, A-C, then C alone); rock salt and CsCl share the
        // formula ClNa and 2 sites per primitive cell: one bucket, one comparison.
        #expect(result.comparisons == 3)
        #expect(result.leader == [0, 0, 2, 3, 4, nil])
    }

    @Test("large buckets (shared across workers) group as small ones do")
    func largeBuckets() {
        var rng = SplitMix64(seed: 8)
        var structures = [ReducedStructure?]()
        for k in 0..<40 {
            var s = TestCrystals.eightElements()
            if k % 3 == 0 { s = TestCrystals.displaced(s, site: 1, by: Vector3(2, 0, 0)) }
            structures.append(matcher.reduce(StructureVariants.noisy(s, 0.01...0.03, &rng)))
        }
        var small = StructureGrouper(matcher: matcher, jobs: 2)
        small.largeBucket = 1000
        var large = StructureGrouper(matcher: matcher, jobs: 2)
        large.largeBucket = 4
        let expected = small.group(structures).leader
        #expect(large.group(structures).leader == expected)
        #expect(Set(expected.compactMap { $0 }).count == 2)
    }
}
