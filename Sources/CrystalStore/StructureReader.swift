import CrystalModel

/// Reads stored structures by row key with statements prepared once (for exports of many entries).
public final class StructureReader {
    private let lattice: Statement
    private let sites: Statement

    public init(db: Database) throws {
        lattice = try db.prepare("SELECT ax, ay, az, bx, by, bz, cx, cy, cz FROM lattices WHERE entry_pk = ?")
        sites = try db.prepare("SELECT site_index, element, occupancy, x, y, z, label FROM sites WHERE entry_pk = ? ORDER BY site_index")
    }

    /// The entry's structure, or nil when it has none.
    public func structure(entryPK: Int64) throws -> Structure? {
        lattice.bind(1, entryPK)
        defer { lattice.reset() }
        guard try lattice.step() else { return nil }
        var rows = [Vector3]()
        for r: Int32 in 0..<3 {
            let x = lattice.double(r * 3), y = lattice.double(r * 3 + 1), z = lattice.double(r * 3 + 2)
            rows.append(Vector3(x, y, z))
        }
        sites.bind(1, entryPK)
        defer { sites.reset() }
        var out = [Site]()
        var lastIndex: Int64 = -1
        while try sites.step() {
            guard let element = sites.text(1).flatMap(Element.init(symbol:)) else { continue }
            let occupant = Site.Occupant(element: element, occupancy: sites.double(2))
            if sites.int(0) == lastIndex, !out.isEmpty {
                out[out.count - 1].occupants.append(occupant)
            } else {
                out.append(Site(position: Vector3(sites.double(3), sites.double(4), sites.double(5)), occupants: [occupant], label: sites.text(6)))
                lastIndex = sites.int(0)
            }
        }
        return Structure(lattice: Lattice(a: rows[0], b: rows[1], c: rows[2]), sites: out)
    }
}
