import Foundation
import CrystalModel

/// What occupies a site, as StructureMatcher's default `SpeciesComparator` compares it: the element for an
/// ordered site, the occupants with their occupancies for a disordered one (two sites are alike only when
/// all of these are equal).
public struct SiteSpecies: Hashable, Comparable, Sendable {
    /// Occupants sorted by atomic number; occupancies rounded to `occupancyQuantum`.
    public let occupants: [Occupant]

    public struct Occupant: Hashable, Sendable {
        public let element: Element
        /// Occupancy in units of `occupancyQuantum`.
        public let amount: Int64
    }

    /// Occupancies closer than this are equal (pymatgen's `Composition.amount_tolerance` is 1e-8).
    public static let occupancyQuantum = 1e-8

    public init(_ site: Site) {
        if site.occupants.count == 1, site.occupants[0].occupancy == 1 {
            self.init(site.occupants[0].element)
            return
        }
        var merged = [Element: Double]()
        for occupant in site.occupants { merged[occupant.element, default: 0] += occupant.occupancy }
        self.init(occupants: merged.keys.sorted().map { element in
            let amount = ((merged[element] ?? 0) / Self.occupancyQuantum).rounded()
            return Occupant(element: element, amount: amount.isFinite && abs(amount) < 9e18 ? Int64(amount) : 0)
        })
    }

    init(occupants: [Occupant]) { self.occupants = occupants }

    public init(_ element: Element) { self.init(occupants: [Occupant(element: element, amount: Self.fullOccupancy)]) }

    /// Occupancy 1 in units of `occupancyQuantum`.
    static let fullOccupancy = Int64((1 / occupancyQuantum).rounded())

    public var isOrdered: Bool { occupants.count == 1 && occupants[0].amount == Self.fullOccupancy }

    /// pymatgen's `species_string`, by which `get_primitive_structure` orders sites: the symbol for an ordered
    /// site, `El:occupancy` joined by ", " otherwise.
    public var speciesString: String {
        if isOrdered { return occupants[0].element.symbol }
        return occupants.map { "\($0.element.symbol):\(String(format: "%.3g", Double($0.amount) * Self.occupancyQuantum))" }
            .joined(separator: ", ")
    }

    public static func < (l: SiteSpecies, r: SiteSpecies) -> Bool {
        for (x, y) in zip(l.occupants, r.occupants) where x != y {
            return x.element != y.element ? x.element < y.element : x.amount < y.amount
        }
        return l.occupants.count < r.occupants.count
    }
}
