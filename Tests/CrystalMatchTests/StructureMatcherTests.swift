import Foundation
import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct StructureMatcherTests {
    let matcher = StructureMatcher()

    /// The rewrite a relaxation in another setting gives: a supercell, shuffled sites, a shifted origin,
    /// 1% strain and 0.02 Å noise.
    func rewritten(_ s: Structure, _ matrix: IntegerMatrix3, seed: UInt64) -> Structure {
        var rng = SplitMix64(seed: seed)
        var out = StructureVariants.supercell(s, matrix)
        out = StructureVariants.shuffled(out, &rng)
        out = StructureVariants.shiftedOrigin(out, &rng)
        out = StructureVariants.strained(out, magnitude: 0.01, &rng)
        return StructureVariants.noisy(out, 0.02...0.02, &rng)
    }

    @Test("rock salt matches its rewritten supercell, in both directions")
    func supercellVariant() {
        let base = TestCrystals.rockSalt()
        let variant = rewritten(base, IntegerMatrix3(SIMD3(1, 1, 0), SIMD3(-1, 1, 0), SIMD3(0, 0, 1)), seed: 4)
        #expect(variant.sites.count == 16)
        #expect(matcher.fit(base, variant))
        #expect(matcher.fit(variant, base))
    }

    @Test("without the primitive reduction, different site counts match only when supercells are attempted")
    func supercellOption() {
        let base = TestCrystals.rockSalt()
        let variant = rewritten(base, IntegerMatrix3(SIMD3(2, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)), seed: 9)
        var options = MatchOptions()
        options.primitiveCell = false
        #expect(!StructureMatcher(options: options).fit(base, variant))
        options.attemptSupercell = true
        #expect(StructureMatcher(options: options).fit(base, variant))
        #expect(StructureMatcher(options: options).fit(variant, base))
    }

    @Test("one site moved: 0.2 (V/n)^(1/3) matches, 0.4 does not (7/8 of it remains after the mean shift)")
    func siteTolerance() throws {
        let base = TestCrystals.eightElements()
        let length = cbrt(base.lattice.volume / 8)
        #expect(matcher.fit(base, TestCrystals.displaced(base, site: 2, by: Vector3(0.2 * length, 0, 0))))
        #expect(!matcher.fit(base, TestCrystals.displaced(base, site: 2, by: Vector3(0.4 * length, 0, 0))))
        var loose = MatchOptions()
        loose.siteTolerance = 0.4
        #expect(StructureMatcher(options: loose).fit(base, TestCrystals.displaced(base, site: 2, by: Vector3(0.4 * length, 0, 0))))
    }

    @Test("exchanged species, another structure type or another composition do not match")
    func negatives() {
        let base = TestCrystals.rockSalt()
        var swapped = base
        swapped.sites[0].occupants = base.sites[1].occupants
        swapped.sites[1].occupants = base.sites[0].occupants
        #expect(!matcher.fit(base, swapped))
        #expect(!matcher.fit(base, TestCrystals.caesiumChlorideType()))
        #expect(!matcher.fit(base, TestCrystals.bccIron()))
    }

    @Test("a cell of twice the volume matches when scaled, not without (its lengths are 26% longer, beyond ltol)")
    func scale() {
        let base = TestCrystals.rockSalt(a: 5.64), larger = TestCrystals.rockSalt(a: 5.64 * cbrt(2))
        #expect(matcher.fit(base, larger))
        var options = MatchOptions()
        options.scale = false
        #expect(!StructureMatcher(options: options).fit(base, larger))
    }

    @Test("a cell stretched 25% along one axis is refused by ltol 0.2 without scaling, accepted at 0.3")
    func lengthTolerance() {
        let base = TestCrystals.eightElements()
        let stretched = StructureVariants.stretched(base, axis: 2, factor: 1.25)
        var options = MatchOptions()
        options.scale = false
        options.siteTolerance = 1
        #expect(!StructureMatcher(options: options).fit(base, stretched))
        options.lengthTolerance = 0.3
        #expect(StructureMatcher(options: options).fit(base, stretched))
    }

    @Test("options: finite positive tolerances only, named in the error")
    func validation() {
        for (keyPath, name) in [(\MatchOptions.lengthTolerance, "ltol"), (\.siteTolerance, "stol"), (\.angleTolerance, "angle-tol")] {
            for bad in [0, -0.1, .nan, .infinity] {
                var options = MatchOptions()
                options[keyPath: keyPath] = bad
                #expect(throws: MatchOptions.Invalid.self) { try options.validate() }
                do { try options.validate() } catch { #expect(error.option == name) }
            }
        }
        #expect(throws: Never.self) { try MatchOptions().validate() }
    }

    @Test("structures without sites or with a flat cell cannot be reduced")
    func unmatchable() {
        #expect(matcher.reduce(Structure(lattice: Lattice(rows: [[3, 0, 0], [0, 3, 0], [0, 0, 3]]), sites: [])) == nil)
        let flat = Structure(lattice: Lattice(rows: [[3, 0, 0], [6, 0, 0], [0, 0, 3]]), sites: [Site(element: TestCrystals.element("Fe"), position: .zero)])
        #expect(matcher.reduce(flat) == nil)
        #expect(!matcher.fit(flat, TestCrystals.bccIron()))
        // More sites than the matcher takes: 1,025 iron atoms on a grid in a large box.
        var rng = SplitMix64(seed: 2)
        var sites = [Site]()
        for k in 0...ReducedStructure.maximumSites {
            let grid = Vector3(Double(k % 11) / 11, Double((k / 11) % 11) / 11, Double(k / 121) / 10)
            let jitter = Vector3(rng.uniform(0, 0.01), rng.uniform(0, 0.01), rng.uniform(0, 0.01))
            sites.append(Site(element: TestCrystals.element("Fe"), position: grid + jitter))
        }
        let big = Structure(lattice: Lattice(rows: [[30, 0, 0], [0, 30, 0], [0, 0, 30]]), sites: sites)
        #expect(matcher.reduce(big) == nil)
        #expect(matcher.reduce(Structure(lattice: big.lattice, sites: Array(sites.dropLast()))) != nil)
    }
}
