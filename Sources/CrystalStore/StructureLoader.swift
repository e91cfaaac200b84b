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
        loaded.structure = try StructureReader(db: db).structure(entryPK: entryPK)
        return loaded
    }
}
