import Foundation
import CrystalModel

/// Ordered structures as JSON lines, the exchange format between generated match sets and the pymatgen
/// oracle script: `{"id": ..., "lattice": [[ax, ay, az], [bx, by, bz], [cx, cy, cz]], "species": ["Na", ...],
/// "frac": [[x, y, z], ...]}`. Numbers are written with Swift's shortest round-tripping form, so Python reads
/// exactly the doubles that were written.
public enum StructureLines {
    public struct Malformed: Error, CustomStringConvertible {
        public let path: String, line: Int, reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }

    public static func line(id: String, _ structure: Structure) -> String {
        func vector(_ v: Vector3) -> String { "[\(v.x.description), \(v.y.description), \(v.z.description)]" }
        let lattice = structure.lattice.rows.map(vector).joined(separator: ", ")
        let species = structure.sites.map { "\"\($0.occupants.first?.element.symbol ?? "X")\"" }.joined(separator: ", ")
        let frac = structure.sites.map { vector($0.position) }.joined(separator: ", ")
        let escaped = id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "{\"id\": \"\(escaped)\", \"lattice\": [\(lattice)], \"species\": [\(species)], \"frac\": [\(frac)]}"
    }

    public static func read(path: String) throws -> [(id: String, structure: Structure)] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out = [(String, Structure)]()
        for (number, line) in text.split(separator: "\n").enumerated() {
            func fail(_ reason: String) -> Malformed { Malformed(path: path, line: number + 1, reason: reason) }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { throw fail("not a JSON object") }
            guard let id = object["id"] as? String else { throw fail("no id") }
            guard let rows = object["lattice"] as? [[Double]], rows.count == 3, rows.allSatisfy({ $0.count == 3 }) else { throw fail("lattice is not 3x3") }
            guard let species = object["species"] as? [String], let frac = object["frac"] as? [[Double]],
                  species.count == frac.count, frac.allSatisfy({ $0.count == 3 }) else { throw fail("species and frac differ") }
            var sites = [Site]()
            for (symbol, p) in zip(species, frac) {
                guard let element = Element(symbol: symbol) else { throw fail("unknown element \(symbol)") }
                sites.append(Site(element: element, position: Vector3(p[0], p[1], p[2])))
            }
            out.append((id, Structure(lattice: Lattice(rows: rows), sites: sites)))
        }
        return out
    }
}
