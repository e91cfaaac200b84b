import CrystalModel

/// Why a phase diagram cannot be drawn.
public enum PhaseDiagramError: Error, Equatable, CustomStringConvertible {
    /// An entry that the hull could not place (an element without an elemental entry).
    public struct Unplaced: Equatable, Sendable {
        public var id: String
        public var formula: String
        public var missing: [Element]
    }

    /// Fewer than 2 or more than 4 elements.
    case elementCount([Element])
    case repeatedElement(Element)
    /// Elements with no elemental entry among the hull's entries, and the entries that therefore cannot be placed.
    case missingReferences([Element], unplaced: [Unplaced], hull: PhaseDiagram.HullMode)
    /// The engine gave no result for an entry (should not happen once references are present).
    case notPlaced(String)
    /// The facet search failed (should not happen: its input is the engine's vertices).
    case hullFailed(String)

    public var description: String {
        switch self {
        case .elementCount(let elements):
            let system = elements.map(\.symbol).joined(separator: "-")
            if elements.count > 4 {
                let sub = elements.prefix(4).map(\.symbol).joined(separator: "-")
                return "a phase diagram shows 2 to 4 elements and \(system) has \(elements.count): draw a subsystem, e.g. --chemsys \(sub)"
            }
            return "a phase diagram shows 2 to 4 elements and '\(system)' has \(elements.count): give a system such as Li-O, Na-Zn-P or Li-Fe-P-O"
        case .repeatedElement(let element):
            return "\(element.symbol) appears twice in the chemical system"
        case .missingReferences(let elements, let unplaced, let hull):
            let symbols = elements.map(\.symbol).joined(separator: ", ")
            let among = hull == .reference ? " among the reference entries" : ""
            return "no elemental entry for \(symbols)\(among): \(unplaced.count) entries cannot be placed on the hull, and the diagram needs one entry of each element"
        case .notPlaced(let id):
            return "entry '\(id)' could not be placed on the hull"
        case .hullFailed(let system):
            return "the hull facets of \(system) could not be computed"
        }
    }
}
