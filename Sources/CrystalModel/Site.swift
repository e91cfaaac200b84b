/// One position in the cell with the species that occupy it. An ordered site has one species at
/// occupancy 1; a disordered site has several, or occupancy below 1 (vacancies).
public struct Site: Hashable, Sendable {
    public struct Occupant: Hashable, Sendable {
        public var element: Element
        public var occupancy: Double
        public init(element: Element, occupancy: Double) {
            self.element = element
            self.occupancy = occupancy
        }
    }

    /// Fractional coordinates.
    public var position: Vector3
    public var occupants: [Occupant]
    /// The label the file gave (CIF `_atom_site_label`), if any.
    public var label: String?

    public init(position: Vector3, occupants: [Occupant], label: String? = nil) {
        self.position = position
        self.occupants = occupants
        self.label = label
    }

    public init(element: Element, position: Vector3, occupancy: Double = 1, label: String? = nil) {
        self.init(position: position, occupants: [Occupant(element: element, occupancy: occupancy)], label: label)
    }

    public var isOrdered: Bool { occupants.count == 1 && occupants[0].occupancy == 1 }
    public var totalOccupancy: Double { occupants.reduce(0) { $0 + $1.occupancy } }
}
