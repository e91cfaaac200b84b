/// The domain of every number that enters the store, named once with its unit. A value outside its domain is
/// a located diagnostic on that record (the rest of the file and the import go on), never a trap. The bounds
/// are generous: they refuse what no measurement or calculation gives (a 1e12 Å cell, 1e10 eV per atom, NaN),
/// never an unusual but real crystal.
public enum PhysicalBounds {
    /// Shortest lattice vector (Å). Every atom would sit closer than this to its own periodic image; the
    /// shortest interatomic distance in any material (H2) is 0.74 Å.
    public static let minimumCellLength = 0.1

    /// Longest lattice vector (Å): 1 µm. The largest cells solved (virus crystals) are about 0.2 µm; slab and
    /// supercell models stay far below.
    public static let maximumCellLength = 1e4

    /// Smallest cell volume (Å^3); below it the cell is degenerate.
    public static let minimumCellVolume = 1e-6

    /// Largest cell volume (Å^3): a cube of `maximumCellLength`.
    public static let maximumCellVolume = 1e12

    /// A cell whose volume is below this fraction of a*b*c (dimensionless; 1 for a cube) is flat: its angles
    /// leave no room (e.g. alpha = beta = gamma = 120°).
    public static let minimumVolumeFraction = 1e-6

    /// Cell angles lie strictly between 0 and this (degrees).
    public static let maximumCellAngle = 180.0

    /// Largest magnitude of a fractional coordinate (dimensionless). Real files stay within [-1, 2]; at 1e6 a
    /// position wrapped into the cell still keeps 1e-10 of resolution.
    public static let maximumFractionalCoordinate = 1e6

    /// Largest occupancy of one species at one site, and of all species at a site together (dimensionless),
    /// once a reader has rescaled published roundings (`Tolerances.occupancyRescale` in CrystalImport).
    public static let maximumOccupancy = 1 + 1e-6

    /// Most positions in one structure. The largest real inorganic cells (quasicrystal approximants, MOF
    /// supercells) hold some 10^4-10^5 atoms.
    public static let maximumSites = 1_000_000

    /// Largest amount of one element in a composition (atoms): beyond any real cell, and far below where
    /// integer formula arithmetic would overflow.
    public static let maximumAmount = 1e9

    /// Largest magnitude of an energy per atom (eV/atom): ten times the all-electron total energy of the
    /// heaviest atom (oganesson, about 1.4e6 eV). Pseudopotential DFT energies lie between about -20 and +10.
    public static let maximumEnergyPerAtom = 1e7

    /// Why a composition cannot be stored, or nil: every amount finite, positive and at most `maximumAmount`.
    public static func violation(in composition: Composition) -> String? {
        guard !composition.isEmpty else { return "no elements" }
        for (element, amount) in composition.amounts {
            guard amount.isFinite, amount > 0 else { return "amount of \(element.symbol) is \(amount); must be a positive number" }
            guard amount <= maximumAmount else { return "amount of \(element.symbol) is \(amount), more atoms than any cell holds (at most \(maximumAmount))" }
        }
        return nil
    }

    /// Why a total energy (eV) of `composition` cannot be stored, or nil: finite, and at most
    /// `maximumEnergyPerAtom` per atom in magnitude.
    public static func violation(totalEnergy: Double, of composition: Composition) -> String? {
        if let why = violation(in: composition) { return why }
        guard totalEnergy.isFinite else { return "energy \(totalEnergy) is not a finite number" }
        let perAtom = totalEnergy / composition.totalAmount
        guard perAtom.isFinite, abs(perAtom) <= maximumEnergyPerAtom else {
            return "energy \(totalEnergy) eV is \(perAtom) eV/atom, beyond ±\(maximumEnergyPerAtom) eV/atom"
        }
        return nil
    }

    /// Why a cell cannot be stored, or nil: finite rows, lengths, angles and volume within their domains.
    public static func violation(in lattice: Lattice) -> String? {
        for row in lattice.rows where !(row.x.isFinite && row.y.isFinite && row.z.isFinite) {
            return "a lattice vector is not finite"
        }
        let lengths = lattice.lengths
        for axis in 0..<3 {
            guard lengths[axis].isFinite, lengths[axis] >= minimumCellLength, lengths[axis] <= maximumCellLength else {
                return "cell length \(lengths[axis]) Å is outside \(minimumCellLength)-\(maximumCellLength) Å"
            }
        }
        let volume = lattice.volume
        guard volume.isFinite, volume > minimumCellVolume, volume <= maximumCellVolume,
              volume / (lengths.x * lengths.y * lengths.z) > minimumVolumeFraction else {
            return "cell volume \(volume) Å^3 is degenerate or outside \(minimumCellVolume)-\(maximumCellVolume) Å^3"
        }
        return nil
    }

    /// Why a structure cannot be stored, or nil: its cell, and every site's position and occupancies.
    public static func violation(in structure: Structure) -> String? {
        if let why = violation(in: structure.lattice) { return why }
        guard !structure.sites.isEmpty else { return "no sites" }
        guard structure.sites.count <= maximumSites else { return "\(structure.sites.count) sites, more than \(maximumSites)" }
        for (index, site) in structure.sites.enumerated() {
            let p = site.position
            guard p.x.isFinite, p.y.isFinite, p.z.isFinite,
                  max(abs(p.x), abs(p.y), abs(p.z)) <= maximumFractionalCoordinate else {
                return "site \(index + 1): fractional coordinates (\(p.x), \(p.y), \(p.z)) are not finite or beyond ±\(maximumFractionalCoordinate)"
            }
            guard !site.occupants.isEmpty else { return "site \(index + 1) has no species" }
            var total = 0.0
            for occupant in site.occupants {
                guard occupant.occupancy.isFinite, occupant.occupancy > 0, occupant.occupancy <= maximumOccupancy else {
                    return "site \(index + 1): occupancy \(occupant.occupancy) of \(occupant.element.symbol) is outside (0, 1]"
                }
                total += occupant.occupancy
            }
            guard total <= maximumOccupancy else { return "site \(index + 1): occupancies sum to \(total), more than 1" }
        }
        return violation(in: structure.composition)
    }
}
