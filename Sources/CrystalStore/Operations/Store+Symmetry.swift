/// A stored structure whose symmetry can be (re)computed.
public struct SymmetryCandidate: Sendable {
    public var entryPK: Int64
    public var reducedFormula: String
    /// What the file declared (used for disordered structures, which spglib cannot analyse).
    public var declaredSpaceGroupNumber: Int?
    public var declaredSpaceGroupSymbol: String?
}

extension Store {
    /// The entries with a structure that `predicate` selects, in row-key order (the planner joins what the
    /// predicate reads).
    public func symmetryCandidates(matching predicate: EntryPredicate) throws -> [SymmetryCandidate] {
        guard let nsites = QueryField.byName["nsites"], let formula = QueryField.byName["chemical_formula_reduced"],
              let number = QueryField.byName["declared_spacegroup_number"], let symbol = QueryField.byName["declared_spacegroup_symbol"] else {
            throw StoreError(code: 0, message: "query fields missing")
        }
        var query = EntryQuery(fields: [QueryField.entryKey, formula, number, symbol], predicate: predicate.and(.known(nsites, true)))
        query.sort = [EntryQuery.SortKey(QueryField.entryKey)]
        var out = [SymmetryCandidate]()
        try entries(query) { row in
            guard case .integer(let pk) = row[0] else { return }
            var candidate = SymmetryCandidate(entryPK: pk, reducedFormula: "", declaredSpaceGroupNumber: nil, declaredSpaceGroupSymbol: nil)
            if case .text(let text) = row[1] { candidate.reducedFormula = text }
            if case .integer(let n) = row[2] { candidate.declaredSpaceGroupNumber = Int(exactly: n) }
            if case .text(let text) = row[3] { candidate.declaredSpaceGroupSymbol = text }
            out.append(candidate)
        }
        return out
    }

    /// Stores (or replaces) the symmetry of entries, in one transaction.
    public func writeSymmetry(_ records: [(entryPK: Int64, record: SymmetryRecord)]) throws {
        try database.inTransaction {
            let statement = try database.prepare(EntryWriter.symmetryUpsert(dialect))
            for (entryPK, record) in records { try EntryWriter.write(record, entryPK: entryPK, with: statement) }
        }
    }
}
