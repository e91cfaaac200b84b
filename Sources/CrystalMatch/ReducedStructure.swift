import Foundation
import CrystalModel

/// A structure prepared once for matching, as StructureMatcher prepares it: reduced to its primitive cell
/// (pymatgen's `get_primitive_structure` semantics, when the options ask for it) and Niggli-reduced, with
/// its species indexed, its bucket key, and the site pymatgen anchors translations on when the structure is
/// the one being moved (the first site, in pymatgen's site order, of the species with fewest sites).
public struct ReducedStructure: Sendable {
    /// The Niggli-reduced cell and its sites in pymatgen's order.
    let cell: CellSites
    /// Species, sorted; `cell.species` indexes this.
    public let speciesTable: [SiteSpecies]
    /// Site indices of each species.
    let sitesBySpecies: [[Int]]
    /// The anchor site.
    let anchor: Int
    public let key: MatchKey
    let lengths: Vector3
    let angles: Vector3

    public var lattice: Lattice { cell.lattice }
    public var siteCount: Int { cell.count }

    /// Largest cell (sites, as given) matched: the primitive search compares sites pairwise per species and
    /// the site stage holds a cost matrix per species (pymatgen's method is cubic in the sites). Larger cells
    /// are left out (`ReducedStructure` is nil).
    public static let maximumSites = 1024

    /// Nil when the structure cannot be matched: no sites, more than `maximumSites` sites, a singular cell,
    /// or non-finite coordinates.
    public init?(_ structure: Structure, options: MatchOptions) {
        guard !structure.sites.isEmpty, structure.sites.count <= Self.maximumSites, structure.sites.allSatisfy({ s in
            s.position.x.isFinite && s.position.y.isFinite && s.position.z.isFinite
        }) else { return nil }
        let labels = structure.sites.map(SiteSpecies.init)
        let table = Array(Set(labels)).sorted()
        var index = [SiteSpecies: Int]()
        for (i, label) in table.enumerated() { index[label] = i }
        let input = CellSites(lattice: structure.lattice, frac: structure.sites.map(\.position), species: labels.map { index[$0] ?? 0 })
        guard var cell = input.niggliReduced() else { return nil }
        if options.primitiveCell {
            cell = PrimitiveCellFinder(speciesStrings: table.map(\.speciesString)).primitive(cell)
        }
        self.init(cell: cell, speciesTable: table, formula: structure.composition.reducedFormula,
                  keySites: options.attemptSupercell ? 0 : cell.count)
    }

    init(cell: CellSites, speciesTable: [SiteSpecies], formula: String, keySites: Int) {
        self.cell = cell
        self.speciesTable = speciesTable
        var bySpecies = [[Int]](repeating: [], count: speciesTable.count)
        for (site, species) in cell.species.enumerated() { bySpecies[species].append(site) }
        sitesBySpecies = bySpecies
        // pymatgen's anchor: the first row of its species mask with the most refusals.
        let counts = bySpecies.map(\.count)
        var best = 0
        for site in cell.species.indices where counts[cell.species[site]] < counts[cell.species[best]] { best = site }
        anchor = best
        key = MatchKey(reducedFormula: formula, siteCount: keySites)
        lengths = cell.lattice.lengths
        angles = cell.lattice.anglesInDegrees
    }
}
