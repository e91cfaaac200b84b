import CrystalModel
import Foundation
import CrystalStore

/// The column layout of GNoME's stable_materials_summary.csv. Columns the store has no value for
/// (dimensionality, band gap, Is Train) stay empty.
enum GnomeSummary {
    static let columns = ["", "Composition", "MaterialId", "Reduced Formula", "Elements", "NSites", "Volume", "Density",
                          "Point Group", "Space Group", "Space Group Number", "Crystal System", "Corrected Energy",
                          "Formation Energy Per Atom", "Decomposition Energy Per Atom", "Dimensionality Cheon",
                          "Dimensionality Gorai", "Dimensionality Larsen", "Dimensionality Tsai", "Bandgap", "Is Train"]

    static let header = columns.joined(separator: ",") + "\n"

    /// Store fields a row needs (the id first, as every export query has it).
    static let fieldNames = ["id", "nsites", "volume", "density", "energy_per_atom",
                             "formation_energy_per_atom", "e_above_hull", "e_above_reference_hull",
                             "point_group", "spacegroup_symbol", "spacegroup_number", "crystal_system"]

    static func row(index: Int, fields: [QueryField], values: [StoreValue], structure: Structure) -> String {
        var byName = [String: StoreValue]()
        for (field, value) in zip(fields, values) { byName[field.name] = value }
        func text(_ name: String) -> String {
            guard let field = QueryField.byName[name], let value = byName[name] else { return "" }
            return ValueText.text(field, value)
        }
        // GNoME writes the cell's composition with every count, alphabetical (Ac2Ag1Ir1); the reduced formula as
        // pymatgen writes it (LiFePO4, Ca4ZnS); the elements as a Python list in pymatgen's electronegativity order.
        let cell = structure.composition
        let composition = cell.amounts.sorted { $0.element.symbol < $1.element.symbol }
            .map { "\($0.element.symbol)\(StructureJSON.number($0.amount))" }.joined()
        let elements = "\"[" + cell.electronegativityOrderedElements.map { "'\($0.symbol)'" }.joined(separator: ", ") + "]\""
        // Decomposition energy: distance to the reference hull for candidates (negative below it), else above the hull.
        let decomposition = text("e_above_reference_hull").isEmpty ? text("e_above_hull") : text("e_above_reference_hull")
        // Corrected Energy is the total energy of the Composition written (the cell).
        var energy = ""
        if case .real(let perAtom)? = byName["energy_per_atom"] { energy = StructureJSON.number(perAtom * cell.totalAmount) }
        let cells = [String(index), composition, ValueText.csv(text("id")), cell.pymatgenReducedFormula, elements, text("nsites"),
                     text("volume"), text("density"), ValueText.csv(text("point_group")), ValueText.csv(text("spacegroup_symbol")),
                     text("spacegroup_number"), text("crystal_system").capitalized, energy, text("formation_energy_per_atom"),
                     decomposition, "", "", "", "", "", ""]
        return cells.joined(separator: ",") + "\n"
    }
}
