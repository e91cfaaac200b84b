/// A crystal: a lattice and its sites (every position of the full cell, after symmetry expansion).
public struct Structure: Hashable, Sendable {
    public var lattice: Lattice
    public var sites: [Site]

    public init(lattice: Lattice, sites: [Site]) {
        self.lattice = lattice
        self.sites = sites
    }

    /// Positions in the cell, as pymatgen's `len(structure)` counts them.
    public var siteCount: Int { sites.count }

    /// Occupancy-weighted atom counts of the whole cell.
    public var composition: Composition {
        var composition = Composition()
        for site in sites {
            for occupant in site.occupants { composition.add(occupant.element, occupant.occupancy) }
        }
        return composition
    }

    public var isOrdered: Bool { sites.allSatisfy(\.isOrdered) }

    /// Density in g/cm^3 (1 u/Å^3 = 1.66053906660 g/cm^3).
    public var density: Double {
        composition.mass * Self.gramsPerCubicCentimetrePerDaltonPerCubicAngstrom / lattice.volume
    }

    /// 1 u / Å^3 in g / cm^3 (CODATA 2018 atomic mass constant).
    public static let gramsPerCubicCentimetrePerDaltonPerCubicAngstrom = 1.66053906660
}
