import Foundation
import CrystalModel

/// OPTIMADE's `species` and `species_at_sites` for a structure: one species per distinct site occupation. An
/// ordered site is its element (`Fe`); a disordered site (several elements, or an occupancy below 1) is a species
/// whose `chemical_symbols` list its elements, alphabetical, then `vacancy` for the missing occupancy, with
/// their `concentration` and `mass` (0 for the vacancy).
public struct SpeciesList: Sendable, Equatable {
    public struct Species: Sendable, Equatable {
        public var name: String
        public var chemicalSymbols: [String]
        public var concentration: [Double]
        public var mass: [Double]
    }

    public var species: [Species] = []
    /// The species name of every site, in site order.
    public var speciesAtSites: [String] = []

    /// Occupancies closer than this to 1 (or, summed, to full) count as full: no vacancy is listed.
    public static let occupancyTolerance = 1e-6

    public init(_ structure: Structure) {
        var byKey = [String: String]()
        var names = Set<String>()
        for site in structure.sites {
            let occupants = site.occupants.sorted { $0.element.symbol < $1.element.symbol }
            let key = occupants.map { "\($0.element.symbol):\(Self.concentrationText($0.occupancy))" }.joined(separator: ",")
            if let name = byKey[key] {
                speciesAtSites.append(name)
                continue
            }
            var symbols = occupants.map(\.element.symbol)
            var concentration = occupants.map(\.occupancy)
            var mass = occupants.map(\.element.atomicMass)
            let vacancy = 1 - site.totalOccupancy
            if vacancy > Self.occupancyTolerance {
                symbols.append("vacancy")
                concentration.append(vacancy)
                mass.append(0)
            }
            var name = symbols.count == 1 ? symbols[0]
                : occupants.map { $0.element.symbol + Self.concentrationText($0.occupancy) }.joined()
            if names.contains(name) {
                var suffix = 2
                while names.contains("\(name)_\(suffix)") { suffix += 1 }
                name = "\(name)_\(suffix)"
            }
            names.insert(name)
            byKey[key] = name
            species.append(Species(name: name, chemicalSymbols: symbols, concentration: concentration, mass: mass))
            speciesAtSites.append(name)
        }
    }

    /// True when any species mixes elements or has a vacancy (OPTIMADE's `disorder` structure feature).
    public var isDisordered: Bool { species.contains { $0.chemicalSymbols.count > 1 } }

    /// An occupancy in a name or key: up to 6 decimals, trailing zeros dropped.
    static func concentrationText(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    public var speciesJSON: JSONValue {
        .array(species.map { s in
            .object([
                .init("name", .string(s.name)),
                .init("chemical_symbols", .array(s.chemicalSymbols.map(JSONValue.string))),
                .init("concentration", .array(s.concentration.map(JSONValue.number))),
                .init("mass", .array(s.mass.map(JSONValue.number))),
            ])
        })
    }
}
