import CrystalModel

/// ASE's extended XYZ (the format of MACE and CHGNet training sets and Matbench Discovery): per frame the atom
/// count, a comment line of `key=value` pairs (`Lattice` rows in Å, `Properties=species:S:1:pos:R:3`,
/// `pbc="T T T"`, then the entry's values as info keys) and one line per atom with Cartesian positions (Å).
/// Ordered structures only: the format has no partial occupancy.
public enum ExtendedXYZWriter {
    /// An info value: ASE reads numbers, T/F booleans and (quoted) strings.
    public enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case integer(Int)
        case bool(Bool)
    }

    /// The frame; nil for a disordered structure.
    public static func write(_ structure: Structure, info: [(key: String, value: Value)]) -> String? {
        guard structure.isOrdered else { return nil }
        let rows = structure.lattice.rows
        var out = "\(structure.sites.count)\n"
        out += "Lattice=\"" + rows.map { "\(number($0.x)) \(number($0.y)) \(number($0.z))" }.joined(separator: " ") + "\""
        out += " Properties=species:S:1:pos:R:3"
        for (key, value) in info { out += " \(key)=\(text(value))" }
        out += " pbc=\"T T T\"\n"
        for site in structure.sites {
            let p = structure.lattice.cartesian(site.position)
            out += "\(site.occupants[0].element.symbol) \(number(p.x)) \(number(p.y)) \(number(p.z))\n"
        }
        return out
    }

    /// Shortest round-tripping decimal (ASE parses it with Python's float()).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "nan" }
        return value == 0 ? "0.0" : "\(value)"
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .number(let v): return number(v)
        case .integer(let v): return String(v)
        case .bool(let v): return v ? "T" : "F"
        case .string(let s):
            let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" && $0 != "=" && $0 != "," }
            if plain { return s }
            var quoted = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                case "\n", "\r": quoted += " "
                default: quoted.unicodeScalars.append(scalar)
                }
            }
            return quoted + "\""
        }
    }
}
