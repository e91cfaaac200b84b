import Foundation
import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct PrimitiveCellFinderTests {
    let matcher = StructureMatcher()

    @Test("rock salt's conventional cell reduces to 2 sites in a quarter of the volume")
    func rockSalt() throws {
        let reduced = try #require(matcher.reduce(TestCrystals.rockSalt()))
        #expect(reduced.siteCount == 2)
        #expect(abs(reduced.lattice.volume - pow(5.64, 3) / 4) < 1e-9)
        #expect(reduced.key == MatchKey(reducedFormula: "ClNa", siteCount: 2))
    }

    @Test("bcc iron reduces to 1 site; a 3x1x2 supercell of rock salt to 2")
    func supercells() throws {
        #expect(try #require(matcher.reduce(TestCrystals.bccIron())).siteCount == 1)
        let big = StructureVariants.supercell(TestCrystals.rockSalt(), IntegerMatrix3(SIMD3(3, 0, 0), SIMD3(0, 1, 0), SIMD3(1, 0, 2)))
        #expect(big.sites.count == 48)
        #expect(try #require(matcher.reduce(big)).siteCount == 2)
    }

    @Test("noise below the 0.25 Å tolerance still reduces; one atom moved 0.6 Å does not")
    func tolerance() throws {
        var rng = SplitMix64(seed: 1)
        let noisy = StructureVariants.noisy(TestCrystals.rockSalt(), 0.01...0.03, &rng)
        #expect(try #require(matcher.reduce(noisy)).siteCount == 2)
        let moved = TestCrystals.displaced(TestCrystals.rockSalt(), site: 3, by: Vector3(0.6, 0, 0))
        #expect(try #require(matcher.reduce(moved)).siteCount == 8)
    }

    @Test("without primitive_cell the cell keeps its sites")
    func noPrimitive() throws {
        var options = MatchOptions()
        options.primitiveCell = false
        let reduced = try #require(StructureMatcher(options: options).reduce(TestCrystals.rockSalt()))
        #expect(reduced.siteCount == 8)
        #expect(reduced.key == MatchKey(reducedFormula: "ClNa", siteCount: 8))
    }
}
