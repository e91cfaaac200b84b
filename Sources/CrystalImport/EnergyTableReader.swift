import Foundation
import CrystalModel

/// Reads energy tables. CSV dialects, told apart by their header (names compared case-insensitively):
/// - GNoME / Materials Project summary: `MaterialId`, `Composition` (`Ac2Ag1Ir1`), `Corrected Energy`
///   (total eV of that composition); every other column is kept as a property.
/// - plain: `id`, `formula`, and `energy` (total eV of the formula) or `energy_per_atom`.
/// - element columns (pymatgen's test tables): `Name`, one column per element with atom counts, and
///   `Final energy` / `energy` (total eV). Rows without an id column get `<file stem>-<row>`.
/// JSON: a list of pymatgen `ComputedEntry` / `ComputedStructureEntry` objects; energy is `energy` plus
/// `correction` (or the sum of `energy_adjustments`), as pymatgen's `ComputedEntry.energy`.
public enum EnergyTableReader {
    static let idNames = ["materialid", "material_id", "id", "entry_id", "mp_id"]
    static let compositionNames = ["composition", "formula", "reduced formula", "chemical_formula"]
    static let totalEnergyNames = ["corrected energy", "energy", "final energy", "total_energy", "energy_total", "corrected_energy"]
    static let perAtomNames = ["energy_per_atom", "energy per atom", "corrected energy per atom"]

    public static func readCSV(bytes: [UInt8], location: SourceLocation, stem: String) -> EnergyReadResult {
        var result = EnergyReadResult()
        var rows = CSVRows(bytes: bytes)
        guard let header = rows.next() else {
            result.diagnostics.append(ImportDiagnostic(.error, .noStructure, at: location.at(line: 1), "empty energy table"))
            return result
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: [String]) -> Int? {
            for candidate in candidates { if let index = names.firstIndex(of: candidate) { return index } }
            return nil
        }
        let idColumn = column(idNames)
        let compositionColumn = column(compositionNames)
        let totalColumn = column(totalEnergyNames)
        let perAtomColumn = totalColumn == nil ? column(perAtomNames) : nil
        // Element-count columns (pymatgen test tables) stand in for a formula column.
        let elementColumns: [(Int, Element)] = compositionColumn != nil ? [] : header.fields.enumerated().compactMap { index, name in
            Element(symbol: name.trimmingCharacters(in: .whitespaces)).map { (index, $0) }
        }
        guard compositionColumn != nil || !elementColumns.isEmpty, totalColumn != nil || perAtomColumn != nil else {
            result.diagnostics.append(ImportDiagnostic(.error, .badRow, at: location.at(line: header.line),
                "energy table header needs a composition or formula column (or element columns) and an energy column; found \(header.fields.joined(separator: ","))"))
            return result
        }
        let used = Set([idColumn, compositionColumn, totalColumn, perAtomColumn].compactMap { $0 } + elementColumns.map(\.0))
        var dataRow = 0
        while let row = rows.next() {
            dataRow += 1
            let here = location.at(line: row.line)
            guard row.fields.count == header.fields.count else {
                result.diagnostics.append(ImportDiagnostic(.error, .badRow, at: here, "row has \(row.fields.count) fields, the header \(header.fields.count)"))
                continue
            }
            var composition = Composition()
            if let c = compositionColumn {
                do {
                    composition = try Composition(formula: row.fields[c].trimmingCharacters(in: .whitespaces))
                } catch {
                    result.diagnostics.append(ImportDiagnostic(.error, .badRow, at: here, "\(error)"))
                    continue
                }
            } else {
                var bad: String?
                for (index, element) in elementColumns {
                    guard let amount = Double(row.fields[index].trimmingCharacters(in: .whitespaces)), amount >= 0, amount <= Composition.maximumAmount else {
                        bad = "atom count '\(row.fields[index])' for \(element.symbol) is not a number"
                        break
                    }
                    composition.add(element, amount)
                }
                if let bad { result.diagnostics.append(ImportDiagnostic(.error, .badRow, at: here, bad)); continue }
            }
            guard !composition.isEmpty, composition.totalAmount > 0 else {
                result.diagnostics.append(ImportDiagnostic(.error, .badRow, at: here, "empty composition"))
                continue
            }
            let energyText = row.fields[totalColumn ?? perAtomColumn!].trimmingCharacters(in: .whitespaces)
            guard let energy = Double(energyText), energy.isFinite else {
                result.diagnostics.append(ImportDiagnostic(.error, .badEnergy, at: here, "energy '\(energyText.prefix(30))' is not a finite number"))
                continue
            }
            let total = totalColumn != nil ? energy : energy * composition.totalAmount
            var id = idColumn.map { row.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            if id.isEmpty { id = "\(stem)-\(dataRow)" }
            var properties = [(name: String, value: String)]()
            for (index, name) in header.fields.enumerated() where !used.contains(index) && !name.isEmpty {
                let value = row.fields[index]
                if !value.isEmpty { properties.append((name, value)) }
            }
            result.records.append(EnergyRecord(id: id, composition: composition, totalEnergy: total, line: row.line, properties: properties))
        }
        return result
    }
}
