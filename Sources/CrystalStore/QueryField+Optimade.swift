extension QueryField {
    /// Stored values the OPTIMADE server reads besides the `crystaldb query` fields (not listed by the CLI).
    public static let optimadeInternal: [QueryField] = [
        QueryField(name: "hall_number", sql: "y.hall_number", kind: .integer, summary: "spglib's Hall setting number (detected symmetry)"),
        QueryField(name: "symprec", sql: "y.symprec", kind: .real, summary: "symmetry tolerance of the stored analysis (Å)"),
        // Timestamps are stored as ISO 8601 UTC text (`2026-11-27T10:00:00Z`), so text order is time order.
        QueryField(name: "last_modified", sql: """
            nullif(max(coalesce((SELECT coalesce(i.finished_at, i.started_at) FROM imports i WHERE i.import_id = e.import_id), ''),
                       CASE WHEN g.hull_computed = 1 THEN coalesce((SELECT max(h.finished_at) FROM hull_runs h), '') ELSE '' END), '')
            """, kind: .text, summary: "the entry's import, or the last hull run for an entry with hull results (UTC)"),
        QueryField(name: "immutable_id", sql: """
            (e.id || '@' || (SELECT group_concat(h, '+') FROM (SELECT substr(p.content_hash, 1, 12) AS h FROM provenance p
                                                              WHERE p.entry_pk = e.entry_pk ORDER BY p.role DESC)))
            """, kind: .text, summary: "id@structure-hash+energy-hash (12 hex digits each)"),
    ]

    /// The CLI's fields and the OPTIMADE server's internal ones, by name.
    public static let byNameWithInternal: [String: QueryField] = byName.merging(optimadeInternal.map { ($0.name, $0) }) { first, _ in first }
}
