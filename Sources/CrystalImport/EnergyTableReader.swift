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
///
/// `readCSV` reads a table in memory; the importer streams large tables row by row through `CSVStream` and
/// `EnergyTableLayout`, which follow the same rules.
public enum EnergyTableReader {
    public static func readCSV(bytes: [UInt8], location: SourceLocation, stem: String) -> EnergyReadResult {
        var result = EnergyReadResult()
        var rows = CSVRows(bytes: bytes)
        guard let header = rows.next() else {
            result.diagnostics.append(EnergyTableLayout.emptyTable(location))
            return result
        }
        let layout: EnergyTableLayout
        switch EnergyTableLayout.make(header: header, location: location) {
        case .success(let made): layout = made
        case .failure(let diagnostic):
            result.diagnostics.append(diagnostic)
            return result
        }
        var dataRow = 0
        while let row = rows.next() {
            dataRow += 1
            switch layout.record(row, dataRow: dataRow, stem: stem, location: location) {
            case .success(let record): result.records.append(record)
            case .failure(let diagnostic): result.diagnostics.append(diagnostic)
            }
        }
        return result
    }
}

/// The columns of an energy table, decided once from its header; turns each row into a record or a located
/// diagnostic. Every number is checked against `PhysicalBounds`.
public struct EnergyTableLayout: Sendable {
    static let idNames = ["materialid", "material_id", "id", "entry_id", "mp_id"]
    static let compositionNames = ["composition", "formula", "reduced formula", "chemical_formula"]
    static let totalEnergyNames = ["corrected energy", "energy", "final energy", "total_energy", "energy_total", "corrected_energy"]
    static let perAtomNames = ["energy_per_atom", "energy per atom", "corrected energy per atom"]

    let header: [String]
    let idColumn: Int?
    let compositionColumn: Int?
    let totalColumn: Int?
    let perAtomColumn: Int?
    /// Element-count columns (pymatgen test tables), standing in for a formula column.
    let elementColumns: [(Int, Element)]
    /// Columns kept as properties, with their names.
    let propertyColumns: [(Int, String)]

    public static func emptyTable(_ location: SourceLocation) -> ImportDiagnostic {
        ImportDiagnostic(.error, .noStructure, at: location.at(line: 1), "empty energy table")
    }

    /// The layout of a header row, or a located diagnostic when it names no composition or no energy.
    public static func make(header: (line: Int, fields: [String]), location: SourceLocation) -> Result<EnergyTableLayout, ImportDiagnostic> {
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: [String]) -> Int? {
            for candidate in candidates { if let index = names.firstIndex(of: candidate) { return index } }
            return nil
        }
        let idColumn = column(idNames)
        let compositionColumn = column(compositionNames)
        let totalColumn = column(totalEnergyNames)
        let perAtomColumn = totalColumn == nil ? column(perAtomNames) : nil
        let elementColumns: [(Int, Element)] = compositionColumn != nil ? [] : header.fields.enumerated().compactMap { index, name in
            Element(symbol: name.trimmingCharacters(in: .whitespaces)).map { (index, $0) }
        }
        guard compositionColumn != nil || !elementColumns.isEmpty, totalColumn != nil || perAtomColumn != nil else {
            return .failure(ImportDiagnostic(.error, .badRow, at: location.at(line: header.line),
                "energy table header needs a composition or formula column (or element columns) and an energy column; found \(header.fields.joined(separator: ",").prefix(200))"))
        }
        let used = Set([idColumn, compositionColumn, totalColumn, perAtomColumn].compactMap { $0 } + elementColumns.map(\.0))
        let properties = header.fields.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map { ($0.offset, $0.element) }
        return .success(EnergyTableLayout(header: header.fields, idColumn: idColumn, compositionColumn: compositionColumn,
                                          totalColumn: totalColumn, perAtomColumn: perAtomColumn, elementColumns: elementColumns,
                                          propertyColumns: properties))
    }

    /// One data row (`dataRow` counts from 1 after the header) as a record, or why it was skipped.
    public func record(_ row: (line: Int, fields: [String]), dataRow: Int, stem: String, location: SourceLocation) -> Result<EnergyRecord, ImportDiagnostic> {
        let here = location.at(line: row.line)
        func fail(_ kind: ImportDiagnostic.Kind, _ message: String) -> Result<EnergyRecord, ImportDiagnostic> {
            .failure(ImportDiagnostic(.error, kind, at: here, message))
        }
        guard row.fields.count == header.count else {
            return fail(.badRow, "row has \(row.fields.count) fields, the header \(header.count)")
        }
        var composition = Composition()
        if let c = compositionColumn {
            do {
                composition = try Composition(formula: row.fields[c].trimmingCharacters(in: .whitespaces))
            } catch {
                return fail(.badRow, "\(error)")
            }
        } else {
            for (index, element) in elementColumns {
                let text = row.fields[index].trimmingCharacters(in: .whitespaces)
                guard let amount = Double(text), amount.isFinite, amount >= 0, amount <= PhysicalBounds.maximumAmount else {
                    return fail(.badRow, "atom count '\(text.prefix(30))' for \(element.symbol) is not a number from 0 to \(PhysicalBounds.maximumAmount)")
                }
                composition.add(element, amount)
            }
        }
        guard !composition.isEmpty, composition.totalAmount > 0 else { return fail(.badRow, "empty composition") }
        let energyColumn = totalColumn ?? perAtomColumn ?? 0
        let energyText = row.fields[energyColumn].trimmingCharacters(in: .whitespaces)
        guard let energy = Double(energyText), energy.isFinite else {
            return fail(.badEnergy, "energy '\(energyText.prefix(30))' is not a finite number")
        }
        let total = totalColumn != nil ? energy : energy * composition.totalAmount
        if let why = PhysicalBounds.violation(totalEnergy: total, of: composition) { return fail(.badEnergy, why) }
        var id = idColumn.map { row.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        if id.isEmpty { id = "\(stem)-\(dataRow)" }
        var properties = [(name: String, value: String)]()
        for (index, name) in propertyColumns {
            let value = row.fields[index]
            if !value.isEmpty { properties.append((name, value)) }
        }
        return .success(EnergyRecord(id: id, composition: composition, totalEnergy: total, line: row.line, properties: properties))
    }
}
