/// A stored structure that may duplicate another.
public struct DuplicateCandidate: Sendable {
    public var entryPK: Int64
    public var id: String
    /// eV/atom, when the entry has an energy (the lowest represents its group).
    public var energyPerAtom: Double?
    public var isReference: Bool
}

/// What candidate duplicates are bucketed by: only entries with the same key are compared.
public enum DuplicateBucketKey: Sendable {
    /// Reduced formula, space group and Wyckoff orbit sizes (entries with a detected symmetry only).
    case symmetryFingerprint
    /// Reduced formula (every entry with a structure).
    case reducedFormula
}

/// One entry's place in a duplicate group.
public struct DuplicateAssignment: Sendable {
    public var entryPK: Int64
    /// The group's representative (the entry itself when it represents its group or is alone).
    public var representativePK: Int64
    public var groupSize: Int
    /// No reference entry is in the group.
    public var novelByStructure: Bool
    public init(entryPK: Int64, representativePK: Int64, groupSize: Int, novelByStructure: Bool) {
        self.entryPK = entryPK
        self.representativePK = representativePK
        self.groupSize = groupSize
        self.novelByStructure = novelByStructure
    }
}

extension Store {
    /// The entries `predicate` selects that have a bucket key, one bucket at a time (members in id order).
    /// Buckets stream: only one is in memory.
    public func forEachDuplicateBucket(matching predicate: EntryPredicate, by key: DuplicateBucketKey,
                                       _ body: ([DuplicateCandidate]) throws -> Void) throws {
        guard let id = QueryField.byName["id"], let energy = QueryField.byName["energy_per_atom"],
              let reference = QueryField.byName["is_reference"], let nsites = QueryField.byName["nsites"],
              let formula = QueryField.byName["chemical_formula_reduced"] else {
            throw StoreError(code: 0, message: "query fields missing")
        }
        let keyField = key == .symmetryFingerprint ? QueryField.symmetryFingerprint : formula
        let required: EntryPredicate = key == .symmetryFingerprint ? .known(keyField, true) : .known(nsites, true)
        var query = EntryQuery(fields: [QueryField.entryKey, id, energy, reference, keyField], predicate: predicate.and(required))
        query.sort = [EntryQuery.SortKey(keyField)]
        var bucket = [DuplicateCandidate]()
        var current: StoreValue?
        try entries(query) { row in
            guard case .integer(let pk) = row[0], case .text(let entryID) = row[1] else { return }
            if row[4] != current, !bucket.isEmpty {
                try body(bucket)
                bucket.removeAll(keepingCapacity: true)
            }
            current = row[4]
            var energyPerAtom: Double?
            if case .real(let value) = row[2] { energyPerAtom = value } else if case .integer(let value) = row[2] { energyPerAtom = Double(value) }
            bucket.append(DuplicateCandidate(entryPK: pk, id: entryID, energyPerAtom: energyPerAtom, isReference: row[3] == .integer(1)))
        }
        if !bucket.isEmpty { try body(bucket) }
    }

    /// Stores duplicate groups (replacing earlier assignments of the same entries) and which rule `is_novel`
    /// follows from now on, in one transaction.
    public func writeDuplicateGroups(_ assignments: [DuplicateAssignment], novelBy rule: EntryPredicate.NovelRule) throws {
        try database.inTransaction {
            let setting = try database.prepare(dialect.upsert(into: "settings", columns: ["key", "value"], key: ["key"]))
            try setting.execute("novel_by", rule == .structure ? "structure" : "composition")
            let write = try database.prepare(dialect.upsert(into: "duplicates", columns: ["entry_pk", "representative_pk", "group_size", "novel_by_structure"],
                                                             key: ["entry_pk"]))
            for a in assignments { try write.execute(a.entryPK, a.representativePK, a.groupSize, a.novelByStructure) }
        }
    }
}
