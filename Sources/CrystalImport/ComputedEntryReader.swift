import Foundation
import CrystalModel

/// Reads pymatgen `ComputedEntry` / `ComputedStructureEntry` JSON (a list of entries, or one entry),
/// the format Materials Project and Matbench Discovery distribute.
public enum ComputedEntryReader {
    public static func read(bytes: [UInt8], location: SourceLocation, stem: String) -> EnergyReadResult {
        var result = EnergyReadResult()
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let nsError = error as NSError
            let detail = (nsError.userInfo["NSDebugDescription"] as? String) ?? "invalid JSON"
            result.diagnostics.append(ImportDiagnostic(.error, .syntax, at: location.at(line: 1), "JSON: \(detail)"))
            return result
        }
        let list: [Any]
        if let array = object as? [Any] {
            list = array
        } else if let single = object as? [String: Any] {
            list = (single["entries"] as? [Any]) ?? [single]
        } else {
            result.diagnostics.append(ImportDiagnostic(.error, .syntax, at: location.at(line: 1), "JSON holds neither an entry nor a list of entries"))
            return result
        }
        for (index, item) in list.enumerated() {
            // JSON gives no line numbers through Foundation; the entry's 1-based position stands in.
            let here = location.at(line: nil, block: "entry \(index + 1)")
            guard let entry = item as? [String: Any] else {
                result.diagnostics.append(ImportDiagnostic(.error, .badRow, at: here, "entry is not an object"))
                continue
            }
            switch record(entry, index: index, stem: stem, location: here) {
            case .success(let record): result.records.append(record)
            case .failure(let diagnostic): result.diagnostics.append(diagnostic)
            }
        }
        return result
    }

    static func number(_ value: Any?) -> Double? {
        if let n = value as? NSNumber { return n.doubleValue }
        if let s = value as? String { return Double(s) }
        return nil
    }

    static func record(_ entry: [String: Any], index: Int, stem: String, location: SourceLocation) -> Result<EnergyRecord, ImportDiagnostic> {
        func fail(_ kind: ImportDiagnostic.Kind, _ message: String) -> Result<EnergyRecord, ImportDiagnostic> {
            .failure(ImportDiagnostic(.error, kind, at: location, message))
        }
        var id = "\(stem)-\(index + 1)"
        if let raw = entry["entry_id"], !(raw is NSNull) { id = "\(raw)" }
        guard let uncorrected = number(entry["energy"]), uncorrected.isFinite else { return fail(.badEnergy, "entry \(id): no finite 'energy'") }
        var correction = 0.0
        if let adjustments = entry["energy_adjustments"] as? [[String: Any]], !adjustments.isEmpty {
            correction = adjustments.reduce(0) { $0 + (number($1["value"]) ?? 0) }
        } else if let value = number(entry["correction"]) {
            correction = value
        }
        var composition = Composition()
        if let amounts = entry["composition"] as? [String: Any] {
            for (symbol, amount) in amounts {
                let bare = String(symbol.prefix { $0.isLetter })
                guard let element = Element(symbol: bare), let value = number(amount), value >= 0, value <= Composition.maximumAmount else {
                    return fail(.unknownElement, "entry \(id): composition key '\(symbol)' is not an element")
                }
                composition.add(element, value)
            }
        }
        var structure: ReadStructure?
        if let structureObject = entry["structure"] as? [String: Any] {
            switch PymatgenStructureJSON.structure(structureObject) {
            case .success(let s): structure = ReadStructure(structure: s, block: nil, line: index + 1)
            case .failure(let error): return fail(.noStructure, "entry \(id): structure: \(error.message)")
            }
            if composition.isEmpty { composition = structure!.structure.composition }
        }
        guard !composition.isEmpty else { return fail(.badRow, "entry \(id): no composition") }
        var properties = [(name: String, value: String)]()
        if let className = entry["@class"] as? String { properties.append(("class", className)) }
        if correction != 0 { properties.append(("correction", String(correction))) }
        if let parameters = entry["parameters"] as? [String: Any], let runType = parameters["run_type"] as? String {
            properties.append(("run_type", runType))
        }
        return .success(EnergyRecord(id: id, composition: composition, totalEnergy: uncorrected + correction, line: index + 1,
                                     properties: properties, structure: structure))
    }
}

/// pymatgen's `Structure.as_dict()`: lattice matrix (rows) and sites with species, occupancies and `abc`.
enum PymatgenStructureJSON {
    static func structure(_ object: [String: Any]) -> Result<Structure, StructureJSONError> {
        guard let lattice = object["lattice"] as? [String: Any], let matrix = lattice["matrix"] as? [[Any]], matrix.count == 3 else {
            return .failure(StructureJSONError("no lattice matrix"))
        }
        var rows = [[Double]]()
        for row in matrix {
            let values = row.compactMap(ComputedEntryReader.number)
            guard values.count == 3, values.allSatisfy(\.isFinite) else { return .failure(StructureJSONError("lattice matrix is not 3x3 numbers")) }
            rows.append(values)
        }
        let cell = Lattice(rows: rows)
        guard cell.volume > Tolerances.minimumCellVolume else { return .failure(StructureJSONError("lattice has no volume")) }
        guard let siteObjects = object["sites"] as? [[String: Any]], !siteObjects.isEmpty else { return .failure(StructureJSONError("no sites")) }
        var sites = [Site]()
        for (index, site) in siteObjects.enumerated() {
            guard let abc = site["abc"] as? [Any], abc.count == 3 else { return .failure(StructureJSONError("site \(index + 1) has no 'abc'")) }
            let coords = abc.compactMap(ComputedEntryReader.number)
            guard coords.count == 3 else { return .failure(StructureJSONError("site \(index + 1): 'abc' is not 3 numbers")) }
            guard let species = site["species"] as? [[String: Any]], !species.isEmpty else { return .failure(StructureJSONError("site \(index + 1) has no species")) }
            var occupants = [Site.Occupant]()
            for item in species {
                let symbol = (item["element"] as? String).map { String($0.prefix { $0.isLetter }) } ?? ""
                guard let element = Element(symbol: symbol) else { return .failure(StructureJSONError("site \(index + 1): '\(symbol)' is not an element")) }
                occupants.append(.init(element: element, occupancy: ComputedEntryReader.number(item["occu"]) ?? 1))
            }
            sites.append(Site(position: Vector3(coords[0], coords[1], coords[2]), occupants: occupants, label: site["label"] as? String))
        }
        return .success(Structure(lattice: cell, sites: sites))
    }
}

struct StructureJSONError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
