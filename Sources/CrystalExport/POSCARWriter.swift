import Foundation
import CrystalModel

/// Writes an ordered structure as a VASP 5 POSCAR (scale 1, Direct); species grouped in order of first
/// appearance. Disordered structures have no POSCAR form and are refused.
public enum POSCARWriter {
    public struct DisorderedError: Error, CustomStringConvertible {
        public var description: String { "a disordered structure (partial occupancy) has no POSCAR form; use --format cif" }
    }

    public static func write(_ structure: Structure, comment: String) throws(DisorderedError) -> String {
        guard structure.isOrdered else { throw DisorderedError() }
        var order = [Element]()
        var groups = [Element: [Vector3]]()
        for site in structure.sites {
            let element = site.occupants[0].element
            if groups[element] == nil { order.append(element) }
            groups[element, default: []].append(site.position)
        }
        var out = comment.replacingOccurrences(of: "\n", with: " ") + "\n1.0\n"
        for row in structure.lattice.rows {
            out += String(format: "  %.10f  %.10f  %.10f\n", row.x, row.y, row.z)
        }
        out += order.map(\.symbol).joined(separator: " ") + "\n"
        out += order.map { String(groups[$0]!.count) }.joined(separator: " ") + "\n"
        out += "Direct\n"
        for element in order {
            for p in groups[element]! { out += String(format: "  %.10f  %.10f  %.10f %@\n", p.x, p.y, p.z, element.symbol) }
        }
        return out
    }
}
