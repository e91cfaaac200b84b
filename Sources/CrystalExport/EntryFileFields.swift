import CrystalModel
import CrystalStore

/// The stored values extended XYZ frames and pymatgen entries carry, read from one export row.
struct EntryFileFields {
    /// Fields the rows hold (after the row key), in this order.
    static let names = ["id", "source", "composition", "energy_per_atom", "formation_energy_per_atom", "e_above_hull",
                        "e_above_reference_hull", "is_stable", "is_novel", "decomposition", "spacegroup_number"]
    /// The stability values written as info keys (extxyz) and under `data` (pymatgen), when known.
    static let stabilityNames = ["formation_energy_per_atom", "e_above_hull", "e_above_reference_hull", "is_stable", "is_novel", "decomposition"]

    var byName: [String: (QueryField, StoreValue)] = [:]

    init(fields: [QueryField], values: [StoreValue]) {
        for (field, value) in zip(fields, values) { byName[field.name] = (field, value) }
    }

    func text(_ name: String) -> String? {
        if case .text(let v)? = byName[name]?.1 { return v }
        return nil
    }

    func double(_ name: String) -> Double? {
        switch byName[name]?.1 {
        case .real(let v)?: return v
        case .integer(let v)?: return Double(v)
        default: return nil
        }
    }

    /// Total energy of `atoms` atoms at the stored energy per atom.
    func energy(atoms: Double) -> Double? { double("energy_per_atom").map { $0 * atoms } }

    func extendedXYZInfo(structure: Structure) -> [(key: String, value: ExtendedXYZWriter.Value)] {
        var info: [(key: String, value: ExtendedXYZWriter.Value)] = [("id", .string(text("id") ?? ""))]
        if let source = text("source") { info.append(("source", .string(source))) }
        if let energy = energy(atoms: structure.composition.totalAmount) {
            info.append(("energy", .number(energy)))
            if let perAtom = double("energy_per_atom") { info.append(("energy_per_atom", .number(perAtom))) }
        }
        for name in Self.stabilityNames {
            guard let (field, value) = byName[name] else { continue }
            switch (field.kind, value) {
            case (_, .null): continue
            case (.boolean, .integer(let v)): info.append((name, .bool(v != 0)))
            case (_, .integer(let v)): info.append((name, .integer(Int(v))))
            case (_, .real(let v)): info.append((name, .number(v)))
            case (_, .text(let v)): info.append((name, .string(v)))
            }
        }
        if case .integer(let number)? = byName["spacegroup_number"]?.1 { info.append(("spacegroup_number", .integer(Int(number)))) }
        return info
    }

    /// The entry as pymatgen JSON, or nil without an energy.
    func pymatgenEntry(structure: Structure?) -> String? {
        let composition = structure?.composition ?? text("composition").map(Self.composition) ?? Composition()
        guard !composition.isEmpty, let energy = energy(atoms: composition.totalAmount), let id = text("id") else { return nil }
        var data = [(String, String)]()
        if let source = text("source") { data.append(("source", StructureJSON.string(source))) }
        for name in Self.stabilityNames {
            guard let (field, value) = byName[name], value != .null else { continue }
            data.append((name, ValueText.json(field, value)))
        }
        return PymatgenEntryJSON.entry(id: id, energy: energy, composition: composition, structure: structure, data: data)
    }

    /// `element:amount,...` as the composition field stores it.
    static func composition(_ text: String) -> Composition {
        var composition = Composition()
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let element = Element(symbol: String(parts[0])), let amount = Double(parts[1]), amount > 0 else { continue }
            composition.add(element, amount)
        }
        return composition
    }
}
