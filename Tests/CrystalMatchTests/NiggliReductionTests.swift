import Foundation
import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct NiggliReductionTests {
    /// The Křivý-Gruber example (Acta Cryst. A32 (1976) 297, also in pymatgen's tests): a = 3, b = 5.196,
    /// c = 2, α = 103°55', β = 109°28', γ = 134°53' reduces to a = 2, b = 3, c = 3 with the angles below.
    @Test("the Křivý-Gruber example reduces to a = 2, b = c = 3")
    func krivyGruber() throws {
        let lattice = Lattice(lengths: Vector3(3, 5.196, 2), anglesInDegrees: Vector3(103 + 55.0 / 60, 109 + 28.0 / 60, 134 + 53.0 / 60))
        let (reduced, transform) = try #require(NiggliReduction.reduce(lattice))
        let lengths = reduced.lengths, angles = reduced.anglesInDegrees
        #expect(abs(lengths.x - 2) < 1e-9 && abs(lengths.y - 3) < 1e-3 && abs(lengths.z - 3.000119936169048) < 1e-9)
        // pymatgen: (116.38285522450752, 94.76979028782901, 109.46666666666667)
        #expect(abs(angles.x - 116.38285522450752) < 1e-8 && abs(angles.y - 94.76979028782901) < 1e-8
                && abs(angles.z - 109.46666666666667) < 1e-8)
        #expect(abs(transform.determinant) == 1)
        #expect(abs(reduced.volume - lattice.volume) < 1e-9)
        #expect(reduced.signedVolume > 0)
    }

    @Test("a skewed basis of a cubic lattice reduces to the cube")
    func skewedCubic() throws {
        let lattice = Lattice(rows: [[4, 0, 0], [20, 4, 0], [12, 28, 4]])
        let (reduced, _) = try #require(NiggliReduction.reduce(lattice))
        for length in [reduced.lengths.x, reduced.lengths.y, reduced.lengths.z] { #expect(abs(length - 4) < 1e-12) }
        for angle in [reduced.anglesInDegrees.x, reduced.anglesInDegrees.y, reduced.anglesInDegrees.z] { #expect(abs(angle - 90) < 1e-9) }
    }

    @Test("the face-centred cube's primitive cell is the 60° rhombohedron")
    func faceCentred() throws {
        let (reduced, _) = try #require(NiggliReduction.reduce(Lattice(rows: [[0, 2, 2], [2, 0, 2], [2, 2, 0]])))
        #expect(abs(reduced.lengths.x - 8.0.squareRoot()) < 1e-12)
        #expect(abs(reduced.anglesInDegrees.x - 60) < 1e-9 && abs(reduced.anglesInDegrees.z - 60) < 1e-9)
    }

    @Test("the Niggli conditions hold on reduced cells, and a singular cell is refused")
    func conditions() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let rows = (0..<3).map { _ in [rng.uniform(-6, 6), rng.uniform(-6, 6), rng.uniform(-6, 6)] }
            let lattice = Lattice(rows: rows)
            guard lattice.volume > 1 else { continue }
            let (reduced, transform) = try #require(NiggliReduction.reduce(lattice))
            let (a, b, c, xi, eta, zeta) = NiggliReduction.metric(reduced)
            let e = 1e-5 * cbrt(lattice.volume) * 10
            #expect(a <= b + e && b <= c + e)
            #expect(abs(xi) <= b + e && abs(eta) <= a + e && abs(zeta) <= a + e)
            #expect((xi > 0 && eta > 0 && zeta > 0) || (xi <= e && eta <= e && zeta <= e))
            #expect(abs(transform.determinant) == 1)
            #expect(abs(reduced.volume - lattice.volume) < 1e-9 * lattice.volume)
        }
        #expect(NiggliReduction.reduce(Lattice(rows: [[1, 0, 0], [2, 0, 0], [0, 0, 1]])) == nil)
    }
}
