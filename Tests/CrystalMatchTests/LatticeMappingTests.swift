import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct LatticeMappingTests {
    func mappings(_ lattice: Lattice, onto target: Lattice, ltol: Double = 0.2, angle: Double = 5) -> [LatticeMapping] {
        let radius = max(target.lengths.x, target.lengths.y, target.lengths.z) * (1 + ltol)
        return LatticeMapping.all(of: LatticePoints(lattice, radius: radius), scaledBy: 1, onto: target.lengths, target.anglesInDegrees,
                                  lengthTolerance: ltol, angleTolerance: angle, determinant: 1)
    }

    @Test("a cube maps onto itself in the 48 ways of its point group")
    func cube() {
        let cube = Lattice(rows: [[3, 0, 0], [0, 3, 0], [0, 0, 3]])
        let found = mappings(cube, onto: cube)
        #expect(found.count == 48)
        #expect(Set(found.map(\.scale)).count == 48)
        #expect(found.allSatisfy { abs($0.scale.determinant) == 1 })
    }

    @Test("tetragonal: 16 ways; a triclinic cell: only itself and its inversion")
    func lowerSymmetry() {
        let tetragonal = Lattice(rows: [[3, 0, 0], [0, 3, 0], [0, 0, 5]])
        #expect(mappings(tetragonal, onto: tetragonal).count == 16)
        let triclinic = Lattice(lengths: Vector3(3, 4, 5), anglesInDegrees: Vector3(70, 80, 100))
        let found = mappings(triclinic, onto: triclinic)
        #expect(Set(found.map(\.scale)) == [.identity, -.identity])
    }

    @Test("lengths within ltol and angles within angle_tol, and no further")
    func tolerances() {
        let cube = Lattice(rows: [[3, 0, 0], [0, 3, 0], [0, 0, 3]])
        // c 19% longer: inside ltol 0.2; 21% longer: outside.
        #expect(!mappings(cube, onto: Lattice(rows: [[3, 0, 0], [0, 3, 0], [0, 0, 3 * 1.19]])).isEmpty)
        #expect(mappings(cube, onto: Lattice(rows: [[3, 0, 0], [0, 3, 0], [0, 0, 3 * 1.21]])).isEmpty)
        // gamma 94.9° is within 5° of 90°, 95.1° is not.
        #expect(!mappings(cube, onto: Lattice(lengths: Vector3(3, 3, 3), anglesInDegrees: Vector3(90, 90, 94.9))).isEmpty)
        #expect(mappings(cube, onto: Lattice(lengths: Vector3(3, 3, 3), anglesInDegrees: Vector3(90, 90, 95.1))).isEmpty)
    }

    @Test("a supercell target is found with the right determinant")
    func supercell() {
        let cube = Lattice(rows: [[3, 0, 0], [0, 3, 0], [0, 0, 3]])
        let doubled = Lattice(rows: [[6, 0, 0], [0, 3, 0], [0, 0, 3]])
        let found = LatticeMapping.all(of: LatticePoints(cube, radius: 7.2), scaledBy: 1, onto: doubled.lengths, doubled.anglesInDegrees,
                                       lengthTolerance: 0.2, angleTolerance: 5, determinant: 2)
        #expect(!found.isEmpty && found.allSatisfy { abs($0.scale.determinant) == 2 })
    }
}
