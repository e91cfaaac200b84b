import CrystalModel

/// Reads stored structures back into the model, with statements prepared once: the one way every reader
/// (show, exports, dedupe, symmetry recompute, the server) gets a structure out of the store.
public final class StructureReader {
    private let select: Statement

    init(_ db: Database) throws(StoreError) {
        select = try db.prepare("SELECT ax, ay, az, bx, by, bz, cx, cy, cz, packed_sites, site_labels FROM structures WHERE entry_pk = ?")
    }

    /// The entry's structure, or nil when it has none. Throws when the stored sites cannot be decoded.
    public func structure(entryPK: Int64) throws(StoreError) -> Structure? {
        try select.bind(entryPK)
        defer { select.reset() }
        guard try select.step() else { return nil }
        let d = (0..<9).map { select.double(Int32($0)) }
        let lattice = Lattice(a: Vector3(d[0], d[1], d[2]), b: Vector3(d[3], d[4], d[5]), c: Vector3(d[6], d[7], d[8]))
        do {
            let labels = try select.text(10).map(SiteLabels.decode)
            let sites = try select.withBytes(9) { bytes throws(PackedSites.Damaged) in try PackedSites.decode(bytes, labels: labels) }
            return Structure(lattice: lattice, sites: sites)
        } catch {
            throw StoreError(code: 0, message: "entry \(entryPK): \(error.description)")
        }
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
