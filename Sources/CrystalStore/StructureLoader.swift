import CrystalModel

/// Reads an entry's stored structure back into the model.
public enum StructureLoader {
    public struct Loaded {
        public var id: String
        public var entryPK: Int64
        public var structure: Structure?
        public var title: String?
    }

    public static func load(_ db: Database, id: String) throws -> Loaded? {
        let entry = try db.prepare("SELECT entry_pk, title FROM entries WHERE id = ?")
        entry.bind(1, id)
        guard try entry.step() else { return nil }
        let entryPK = entry.int(0)
        var loaded = Loaded(id: id, entryPK: entryPK, structure: nil, title: entry.text(1))
        let lattice = try db.prepare("SELECT ax, ay, az, bx, by, bz, cx, cy, cz FROM lattices WHERE entry_pk = ?")
        lattice.bind(1, entryPK)
        guard try lattice.step() else { return loaded }
        var rows = [Vector3]()
        for r: Int32 in 0..<3 {
            let x = lattice.double(r * 3), y = lattice.double(r * 3 + 1), z = lattice.double(r * 3 + 2)
            rows.append(Vector3(x, y, z))
        }
        let sites = try db.prepare("SELECT site_index, element, occupancy, x, y, z, label FROM sites WHERE entry_pk = ? ORDER BY site_index")
        sites.bind(1, entryPK)
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
        loaded.structure = Structure(lattice: Lattice(a: rows[0], b: rows[1], c: rows[2]), sites: out)
        return loaded
    }
}
