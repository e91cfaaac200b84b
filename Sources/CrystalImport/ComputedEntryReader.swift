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

    /// A finite number, given as a JSON number or a numeric string; nil for anything else ("nan", "inf",
    /// booleans, objects).
    static func number(_ value: Any?) -> Double? {
        var result: Double?
        // JSON true/false arrive as NSNumber too, with the Objective-C type "c" (char); no JSON number has it.
        if let n = value as? NSNumber, n.objCType.pointee != 0x63 { result = n.doubleValue }
        if let s = value as? String { result = Double(s.trimmingCharacters(in: .whitespaces)) }
        guard let result, result.isFinite else { return nil }
        return result
    }

    /// The value's text for a message, cut short.
    static func shown(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        return String("\(value)".prefix(30))
    }

    static func record(_ entry: [String: Any], index: Int, stem: String, location: SourceLocation) -> Result<EnergyRecord, ImportDiagnostic> {
        func fail(_ kind: ImportDiagnostic.Kind, _ message: String) -> Result<EnergyRecord, ImportDiagnostic> {
            .failure(ImportDiagnostic(.error, kind, at: location, message))
        }
        var id = "\(stem)-\(index + 1)"
        if let raw = entry["entry_id"], !(raw is NSNull) { id = "\(raw)" }
        guard let uncorrected = number(entry["energy"]) else {
            return fail(.badEnergy, "entry \(id): 'energy' \(shown(entry["energy"])) is not a finite number")
        }
        var correction = 0.0
        if let adjustments = entry["energy_adjustments"] as? [Any], !adjustments.isEmpty {
            for (position, item) in adjustments.enumerated() {
                guard let adjustment = item as? [String: Any], let value = number(adjustment["value"]) else {
                    let raw = (item as? [String: Any])?["value"]
                    return fail(.badEnergy, "entry \(id): energy adjustment \(position + 1) has no finite 'value' (\(shown(raw)))")
                }
                correction += value
            }
        } else if let raw = entry["correction"], !(raw is NSNull) {
            guard let value = number(raw) else { return fail(.badEnergy, "entry \(id): 'correction' \(shown(raw)) is not a finite number") }
            correction = value
        }
        var composition = Composition()
        if let amounts = entry["composition"] as? [String: Any] {
            for (symbol, amount) in amounts {
                let bare = String(symbol.prefix { $0.isLetter })
                guard let element = Element(symbol: bare) else {
                    return fail(.unknownElement, "entry \(id): composition key '\(symbol)' is not an element")
                }
                guard let value = number(amount), value >= 0, value <= PhysicalBounds.maximumAmount else {
                    return fail(.badRow, "entry \(id): amount \(shown(amount)) of \(symbol) is not a number from 0 to \(PhysicalBounds.maximumAmount)")
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
            if composition.isEmpty, let structure { composition = structure.structure.composition }
        }
        guard !composition.isEmpty else { return fail(.badRow, "entry \(id): no composition") }
        let total = uncorrected + correction
        if let why = PhysicalBounds.violation(totalEnergy: total, of: composition) { return fail(.badEnergy, "entry \(id): \(why)") }
        var properties = [(name: String, value: String)]()
        if let className = entry["@class"] as? String { properties.append(("class", className)) }
        if correction != 0 { properties.append(("correction", String(correction))) }
        if let parameters = entry["parameters"] as? [String: Any], let runType = parameters["run_type"] as? String {
            properties.append(("run_type", runType))
        }
        return .success(EnergyRecord(id: id, composition: composition, totalEnergy: total, line: index + 1,
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
            guard row.count == 3, values.count == 3 else { return .failure(StructureJSONError("lattice matrix is not 3x3 finite numbers")) }
            rows.append(values)
        }
        let cell = Lattice(rows: rows)
        if let why = PhysicalBounds.violation(in: cell) { return .failure(StructureJSONError("lattice: \(why)")) }
        guard let siteObjects = object["sites"] as? [[String: Any]], !siteObjects.isEmpty else { return .failure(StructureJSONError("no sites")) }
        guard siteObjects.count <= PhysicalBounds.maximumSites else {
            return .failure(StructureJSONError("\(siteObjects.count) sites, more than \(PhysicalBounds.maximumSites)"))
        }
        var sites = [Site]()
        for (index, site) in siteObjects.enumerated() {
            guard let abc = site["abc"] as? [Any], abc.count == 3 else { return .failure(StructureJSONError("site \(index + 1) has no 'abc'")) }
            let coords = abc.compactMap(ComputedEntryReader.number)
            guard coords.count == 3, coords.allSatisfy({ abs($0) <= PhysicalBounds.maximumFractionalCoordinate }) else {
                return .failure(StructureJSONError("site \(index + 1): 'abc' is not 3 finite numbers within ±\(PhysicalBounds.maximumFractionalCoordinate)"))
            }
            guard let species = site["species"] as? [[String: Any]], !species.isEmpty else { return .failure(StructureJSONError("site \(index + 1) has no species")) }
            var occupants = [Site.Occupant]()
            for item in species {
                let symbol = (item["element"] as? String).map { String($0.prefix { $0.isLetter }) } ?? ""
                guard let element = Element(symbol: symbol) else { return .failure(StructureJSONError("site \(index + 1): '\(symbol)' is not an element")) }
                // pymatgen writes `occu` for every species; a missing one is a whole atom, a non-number an error.
                var occupancy = 1.0
                if let raw = item["occu"], !(raw is NSNull) {
                    guard let value = ComputedEntryReader.number(raw), value >= 0, value <= PhysicalBounds.maximumOccupancy else {
                        return .failure(StructureJSONError("site \(index + 1): occupancy \(ComputedEntryReader.shown(raw)) of \(symbol) is not a number from 0 to 1"))
                    }
                    occupancy = value
                }
                if occupancy > 0 { occupants.append(.init(element: element, occupancy: occupancy)) }
            }
            guard !occupants.isEmpty else { return .failure(StructureJSONError("site \(index + 1): every species has occupancy 0")) }
            let total = occupants.reduce(0) { $0 + $1.occupancy }
            guard total <= PhysicalBounds.maximumOccupancy else {
                return .failure(StructureJSONError("site \(index + 1): occupancies sum to \(total), more than 1"))
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
