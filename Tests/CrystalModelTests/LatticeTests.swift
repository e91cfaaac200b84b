import Testing
@testable import CrystalModel

@Suite struct LatticeTests {
    @Test("from parameters and back, in pymatgen's orientation")
    func parameters() {
        let lattice = Lattice(lengths: Vector3(6.05894683, 6.54554726, 11.16360518), anglesInDegrees: Vector3(80.47978479, 83.11212043, 79.98240574))
        let lengths = lattice.lengths, angles = lattice.anglesInDegrees
        #expect(abs(lengths.x - 6.05894683) < 1e-10 && abs(lengths.z - 11.16360518) < 1e-10)
        #expect(abs(angles.y - 83.11212043) < 1e-9)
        // The pymatgen-written file says 428.08601052 Å^3.
        #expect(abs(lattice.volume - 428.08601052) < 1e-6)
        #expect(lattice.c.x == 0 && lattice.c.y == 0)
    }

    @Test("fractional and Cartesian coordinates invert each other")
    func roundTrip() throws {
        let lattice = Lattice(a: Vector3(2.9, 0, 0), b: Vector3(-1.45, 2.51147367, 0), c: Vector3(0, 0, 5))
        let frac = Vector3(0.25, 0.5, 0.75)
        let back = try #require(lattice.fractional(lattice.cartesian(frac)))
        #expect(abs(back.x - 0.25) < 1e-12 && abs(back.y - 0.5) < 1e-12 && abs(back.z - 0.75) < 1e-12)
        #expect(Lattice(a: Vector3(1, 0, 0), b: Vector3(2, 0, 0), c: Vector3(0, 0, 1)).fractional(frac) == nil)
    }

    @Test("density of rock salt in g/cm^3")
    func density() {
        let lattice = Lattice(lengths: Vector3(5.6402, 5.6402, 5.6402), anglesInDegrees: Vector3(90, 90, 90))
        let na = Element(symbol: "Na")!, cl = Element(symbol: "Cl")!
        var sites = [Site]()
        for p in [Vector3(0, 0, 0), Vector3(0, 0.5, 0.5), Vector3(0.5, 0, 0.5), Vector3(0.5, 0.5, 0)] {
            sites.append(Site(element: na, position: p))
            sites.append(Site(element: cl, position: p + Vector3(0.5, 0.5, 0.5)))
        }
        let structure = Structure(lattice: lattice, sites: sites)
        // 4 NaCl (58.443 g/mol) in 179.425 Å^3: 2.1635 g/cm^3.
        #expect(abs(structure.density - 2.16350) < 1e-4)
    }
}
