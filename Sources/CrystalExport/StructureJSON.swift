import Foundation
import CrystalModel

/// A structure as JSON: lattice rows (Å) and sites with fractional coordinates and species.
public enum StructureJSON {
    public static func write(_ structure: Structure) -> String {
        let rows = structure.lattice.rows.map { "[\(number($0.x)),\(number($0.y)),\(number($0.z))]" }.joined(separator: ",")
        let sites = structure.sites.map { site in
            let species = site.occupants.map { "{\"element\":\"\($0.element.symbol)\",\"occupancy\":\(number($0.occupancy))}" }.joined(separator: ",")
            let label = site.label.map { ",\"label\":\(string($0))" } ?? ""
            return "{\"species\":[\(species)],\"abc\":[\(number(site.position.x)),\(number(site.position.y)),\(number(site.position.z))]\(label)}"
        }.joined(separator: ",")
        return "{\"lattice\":[\(rows)],\"sites\":[\(sites)]}"
    }

    /// Shortest round-tripping decimal; JSON has no NaN or infinity, so those become null.
    public static func number(_ value: Double) -> String { JSONText.number(value) }

    /// A JSON string literal with the required escapes.
    public static func string(_ text: String) -> String { JSONText.string(text) }
}
