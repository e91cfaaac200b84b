import CrystalModel

/// One entry with an energy, as a phase diagram needs it.
public struct PhaseDiagramInput: Sendable {
    public var id: String
    public var source: String
    public var isReference: Bool
    /// eV/atom, as imported.
    public var energyPerAtom: Double
    public var composition: Composition
}

extension Store {
    /// Every entry with an energy whose chemical system is one of `systems` (symbols sorted and joined by '-',
    /// as `chemical_system` holds them: a system and its subsystems) and that `predicate` selects, in row-key
    /// order (import order), with its composition. Reads through the chemical-system index: the cost follows
    /// the entries of those systems, not the store's size.
    public func forEachPhaseDiagramEntry(inSystems systems: [String], matching predicate: EntryPredicate = .all,
                                         _ body: (PhaseDiagramInput) throws -> Void) throws {
        guard !systems.isEmpty else { return }
        let condition = planner.condition(predicate)
        let tables = condition.tables.union([.entries, .energies])
        // The energies join is an inner one here: only entries with an energy take part.
        let from = tables.fromClause.replacingOccurrences(of: "LEFT JOIN energies g", with: "JOIN energies g")
        let placeholders = [String](repeating: "?", count: systems.count).joined(separator: ", ")
        let sql = """
            SELECT e.entry_pk, e.id, e.source, e.is_reference, g.energy_per_atom, c.element, c.amount
            \(from) JOIN compositions c ON c.entry_pk = e.entry_pk
            WHERE e.chemical_system IN (\(placeholders))\(predicate == .all ? "" : " AND " + condition.sql)
            ORDER BY e.entry_pk
            """
        let statement = try database.prepare(sql)
        try statement.bind(systems.map(StoreValue.text) + condition.bindings)
        var current: (pk: Int64, input: PhaseDiagramInput)?
        while try statement.step() {
            let pk = statement.int(0)
            if current?.pk != pk {
                if let done = current { try body(done.input) }
                current = (pk, PhaseDiagramInput(id: statement.text(1) ?? "", source: statement.text(2) ?? "", isReference: statement.int(3) == 1,
                                                 energyPerAtom: statement.double(4), composition: Composition()))
            }
            if let element = statement.element(5) { current?.input.composition.add(element, statement.double(6)) }
        }
        if let done = current { try body(done.input) }
    }
}

extension Store {
    /// Every chemical system with the number of entries in it (its own, not its subsystems'), by system.
    public func chemicalSystemSizes() throws -> [(system: String, entries: Int)] {
        let statement = try database.prepare("SELECT chemical_system, count(*) FROM entries GROUP BY chemical_system ORDER BY chemical_system")
        var out = [(system: String, entries: Int)]()
        while try statement.step() { out.append((statement.text(0) ?? "", Int(statement.int(1)))) }
        return out
    }
}
