import CrystalModel

/// Reads stored structures back into the model, with statements prepared once: the one way every reader
/// (show, exports, dedupe, symmetry recompute, the server) gets a structure out of the store.
public final class StructureReader {
    private let lattice: Statement
    private let sites: Statement

    init(_ db: Database) throws(StoreError) {
        lattice = try db.prepare("SELECT ax, ay, az, bx, by, bz, cx, cy, cz FROM lattices WHERE entry_pk = ?")
        sites = try db.prepare("SELECT site_index, element, occupancy, x, y, z, label FROM sites WHERE entry_pk = ? ORDER BY site_index")
    }

    /// The entry's structure, or nil when it has none.
    public func structure(entryPK: Int64) throws(StoreError) -> Structure? {
        try lattice.bind(entryPK)
        defer { lattice.reset() }
        guard try lattice.step() else { return nil }
        var rows = [Vector3]()
        for r: Int32 in 0..<3 {
            rows.append(Vector3(lattice.double(r * 3), lattice.double(r * 3 + 1), lattice.double(r * 3 + 2)))
        }
        try sites.bind(entryPK)
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

@available(*, unavailable)
extension StructureReader: Sendable {}

/// An entry found by id: its row key, title and structure.
public struct StoredEntry {
    public var id: String
    public var entryPK: Int64
    public var title: String?
    public var structure: Structure?
}

extension Store {
    /// A reader for many structures by row key (exports, dedupe, symmetry).
    public func structureReader() throws -> StructureReader { try StructureReader(database) }

    /// The entry with this id and its structure, or nil when there is none.
    public func entry(id: String) throws -> StoredEntry? {
        let entry = try database.prepare("SELECT entry_pk, title FROM entries WHERE id = ?")
        try entry.bind(id)
        guard try entry.step() else { return nil }
        let entryPK = entry.int(0)
        return StoredEntry(id: id, entryPK: entryPK, title: entry.text(1), structure: try structureReader().structure(entryPK: entryPK))
    }
}
