import CrystalModel

/// One row of an energy table: an id, the composition the energy belongs to and its total energy.
public struct EnergyRecord: Sendable {
    public var id: String
    /// The composition the energy is for (atoms of the calculated cell, e.g. `Ac2Ag1Ir1`).
    public var composition: Composition
    /// Total energy in eV of `composition` (corrections included, as MP's "Corrected Energy").
    public var totalEnergy: Double
    /// 1-based line (CSV) or 1-based entry index (JSON) in the source.
    public var line: Int
    /// Columns the store has no dedicated place for, kept as name/value text.
    public var properties: [(name: String, value: String)]
    /// A ComputedStructureEntry's structure.
    public var structure: ReadStructure?

    public init(id: String, composition: Composition, totalEnergy: Double, line: Int,
                properties: [(name: String, value: String)] = [], structure: ReadStructure? = nil) {
        self.id = id
        self.composition = composition
        self.totalEnergy = totalEnergy
        self.line = line
        self.properties = properties
        self.structure = structure
    }

    public var energyPerAtom: Double { totalEnergy / composition.totalAmount }
}

public struct EnergyReadResult: Sendable {
    public var records: [EnergyRecord] = []
    public var diagnostics: [ImportDiagnostic] = []
    public init() {}
}
