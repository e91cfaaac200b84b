extension QueryField {
    /// Stored values the OPTIMADE properties need besides the `crystaldb query` fields (not listed by the CLI).
    public static let optimadeInternal: [QueryField] = [
        QueryField(name: "hall_number", tables: .symmetry, sql: "y.hall_number", kind: .integer, summary: "spglib's Hall setting number (detected symmetry)"),
        QueryField(name: "symprec", tables: .symmetry, sql: "y.symprec", kind: .real, summary: "symmetry tolerance of the stored analysis (Å)"),
        // Timestamps are stored as ISO 8601 UTC text (`2026-11-27T10:00:00Z`), so text order is time order.
        QueryField(name: "last_modified", tables: [.entries, .energies], sql: """
            nullif(max(coalesce((SELECT coalesce(i.finished_at, i.started_at) FROM imports i WHERE i.import_id = e.import_id), ''),
                       CASE WHEN g.hull_computed = 1 THEN coalesce((SELECT max(h.finished_at) FROM hull_runs h), '') ELSE '' END), '')
            """, kind: .text, summary: "the entry's import, or the last hull run for an entry with hull results (UTC)"),
        QueryField(name: "immutable_id", tables: .entries, sql: """
            (e.id || '@' || (SELECT group_concat(h, '.') FROM (SELECT substr(p.content_hash, 1, 12) AS h FROM provenance p
                                                              WHERE p.entry_pk = e.entry_pk ORDER BY p.role DESC)))
            """, kind: .text, summary: "id@structure-hash.energy-hash (12 hex digits each)"),
        // OPTIMADE's reduced and anonymous formulas have whole proportions: a formula with decimals is unknown there.
        QueryField(name: "optimade_formula_reduced", tables: .entries, sql: "(CASE WHEN instr(e.reduced_formula, '.') = 0 THEN e.reduced_formula END)",
                   kind: .text, summary: "reduced formula with whole proportions"),
        QueryField(name: "optimade_formula_anonymous", tables: .entries, sql: "(CASE WHEN instr(e.anonymous_formula, '.') = 0 THEN e.anonymous_formula END)",
                   kind: .text, summary: "anonymous formula with whole proportions"),
        QueryField(name: "chemical_formula_hill", tables: .entries, kind: .text, summary: "Hill formula of the formula unit") { _ in
            "crystaldb_formula('hill', \(compositionText))"
        },
        QueryField(name: "space_group_symbol_hall", tables: .symmetry, sql: "y.hall_number", kind: .integer, summary: "known when the Hall setting is"),
        QueryField(name: "space_group_symbol_hermann_mauguin", tables: .symmetry, sql: "y.spacegroup_symbol", kind: .text, summary: "known when a symbol is stored"),
        QueryField(name: "space_group_symbol_hermann_mauguin_extended", tables: .symmetry, sql: "y.hall_number", kind: .integer, summary: "known when the Hall setting is"),
    ]

    /// The entry's composition as `element:amount,...` (SQLite's text for the amounts).
    static let compositionText = "(SELECT group_concat(c.element || ':' || c.amount, ',') FROM compositions c WHERE c.entry_pk = e.entry_pk)"

    /// The prefix the OPTIMADE server gives the store's own fields by default (`_crystaldb_e_above_hull`).
    public static let defaultProviderPrefix = "crystaldb"

    /// `_crystaldb_e_above_hull` -> `e_above_hull`; any other name unchanged (the CLI accepts both spellings).
    public static func name(ofPrefixed name: String) -> String {
        let head = "_\(defaultProviderPrefix)_"
        return name.hasPrefix(head) ? String(name.dropFirst(head.count)) : name
    }

    /// The CLI's fields and the server's internal ones, by name.
    public static let byNameWithInternal: [String: QueryField] = byName.merging(optimadeInternal.map { ($0.name, $0) }) { first, _ in first }
}
