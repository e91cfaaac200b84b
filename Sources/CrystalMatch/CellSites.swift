import CrystalModel

/// A periodic cell reduced to what matching needs: the lattice, each site's fractional position and an index
/// of its species (into a table the caller keeps), in a fixed site order.
struct CellSites: Sendable {
    var lattice: Lattice
    var frac: [Vector3]
    var species: [Int]

    var count: Int { frac.count }

    /// The same sites in the Niggli-reduced cell, in pymatgen's basis (`PymatgenNiggliBasis`), positions
    /// wrapped into [0, 1); unchanged when that cell is the current one (pymatgen's
    /// `get_reduced_structure`); nil for a singular cell.
    func niggliReduced() -> CellSites? {
        guard let (reduced, transform) = PymatgenNiggliBasis.reduce(lattice),
              let inverse = transform.unimodularInverse else { return nil }
        if Self.allClose(reduced, lattice) { return self }
        // Cartesian positions are kept: f_new = f_old * transform^-1.
        let positions = frac.map { f -> Vector3 in
            let p = inverse.rowTimes(f)
            return p - p.rounded(.down)
        }
        return CellSites(lattice: reduced, frac: positions, species: species)
    }

    /// numpy's `allclose` on the matrices (|x - y| <= 1e-8 + 1e-5 |y| for every entry).
    static func allClose(_ x: Lattice, _ y: Lattice) -> Bool {
        for (u, v) in zip(x.rows, y.rows) {
            for d in 0..<3 where Swift.abs(u[d] - v[d]) > 1e-8 + 1e-5 * Swift.abs(v[d]) { return false }
        }
        return true
    }
}
