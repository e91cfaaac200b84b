import CrystalModel

/// A periodic cell reduced to what matching needs: the lattice, each site's fractional position and an index
/// of its species (into a table the caller keeps), in a fixed site order.
struct CellSites: Sendable {
    var lattice: Lattice
    var frac: [Vector3]
    var species: [Int]

    var count: Int { frac.count }

    /// The same sites in the Niggli-reduced cell, positions wrapped into [0, 1); nil for a singular cell.
    func niggliReduced() -> CellSites? {
        guard let (reduced, transform) = NiggliReduction.reduce(lattice),
              let inverse = transform.unimodularInverse else { return nil }
        // Cartesian positions are kept: f_new = f_old * transform^-1.
        let positions = frac.map { f -> Vector3 in
            let p = inverse.rowTimes(f)
            return p - p.rounded(.down)
        }
        return CellSites(lattice: reduced, frac: positions, species: species)
    }
}
