/// An entry placed against the hull of other entries (for example a candidate against the reference set).
public struct HullPlacement: Sendable {
    /// Against the elemental references of the hull's entries (eV/atom).
    public var formationEnergyPerAtom: Double
    /// Distance above that hull (eV/atom); negative below it.
    public var energyAboveHull: Double
    /// The hull phases (entry indices) and their atom fractions at the entry's composition.
    public var decomposition: [(entry: Int, fraction: Double)]

    public init(formationEnergyPerAtom: Double, energyAboveHull: Double, decomposition: [(entry: Int, fraction: Double)]) {
        self.formationEnergyPerAtom = formationEnergyPerAtom
        self.energyAboveHull = energyAboveHull
        self.decomposition = decomposition
    }
}
