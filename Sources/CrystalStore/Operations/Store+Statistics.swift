/// Counts over a whole store (`crystaldb stats`).
public struct StoreStatistics: Sendable {
    public var entries = 0
    public var withStructure = 0
    public var withEnergy = 0
    public var withBoth = 0
    /// Entries per import source, sources in name order.
    public var bySource: [(source: String, isReference: Bool, entries: Int)] = []
    /// Entries per number of elements, ascending.
    public var byElementCount: [(elements: Int, entries: Int)] = []
    /// Entries containing each element, most frequent first (then by symbol).
    public var byElement: [(symbol: String, entries: Int)] = []
    /// Stored import diagnostics per severity and kind.
    public var diagnostics: [(severity: String, kind: String, count: Int)] = []
}

extension Store {
    /// The store's counts; `topElements` limits the element list (nil: all).
    public func statistics(topElements: Int?) throws -> StoreStatistics {
        var stats = StoreStatistics()
        let totals = try database.prepare("""
            SELECT count(*), count(e.nsites), count(g.entry_pk), count(*) FILTER (WHERE e.nsites IS NOT NULL AND g.entry_pk IS NOT NULL)
            FROM entries e LEFT JOIN energies g ON g.entry_pk = e.entry_pk
            """)
        if try totals.step() {
            stats.entries = Int(totals.int(0))
            stats.withStructure = Int(totals.int(1))
            stats.withEnergy = Int(totals.int(2))
            stats.withBoth = Int(totals.int(3))
        }
        let sources = try database.prepare("SELECT source, is_reference, count(*) FROM entries GROUP BY source, is_reference ORDER BY source, is_reference")
        while try sources.step() { stats.bySource.append((sources.text(0) ?? "", sources.int(1) == 1, Int(sources.int(2)))) }
        let counts = try database.prepare("SELECT nelements, count(*) FROM entries GROUP BY nelements ORDER BY nelements")
        while try counts.step() { stats.byElementCount.append((Int(counts.int(0)), Int(counts.int(1)))) }
        let elements = try database.prepare("SELECT element, count(*) AS n FROM compositions GROUP BY element ORDER BY n DESC, element LIMIT ?")
        try elements.bind(topElements.map(Int64.init) ?? Int64.max)
        while try elements.step() { stats.byElement.append((elements.text(0) ?? "", Int(elements.int(1)))) }
        let diagnostics = try database.prepare("SELECT severity, kind, count(*) FROM diagnostics GROUP BY severity, kind ORDER BY severity, kind")
        while try diagnostics.step() { stats.diagnostics.append((diagnostics.text(0) ?? "", diagnostics.text(1) ?? "", Int(diagnostics.int(2)))) }
        return stats
    }
}
