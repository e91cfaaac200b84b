/// The per-entry tables a query can join to `entries`, each under a fixed alias; all are keyed by `entry_pk`
/// and hold at most one row per entry, so joining one never repeats an entry.
public struct StoreTables: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `entries e`: ids, formulas, counts (always the query's base table).
    public static let entries = StoreTables(rawValue: 1 << 0)
    /// `structures s`: the cell (and the packed sites).
    public static let structures = StoreTables(rawValue: 1 << 1)
    /// `energies g`: energies and hull results.
    public static let energies = StoreTables(rawValue: 1 << 2)
    /// `symmetry y`: space groups.
    public static let symmetry = StoreTables(rawValue: 1 << 3)
    /// `duplicates d`: the last dedupe run's groups.
    public static let duplicates = StoreTables(rawValue: 1 << 4)

    /// The joinable tables, in join order, with their alias and join condition.
    static let joins: [(table: StoreTables, sql: String)] = [
        (.structures, "LEFT JOIN structures s ON s.entry_pk = e.entry_pk"),
        (.energies, "LEFT JOIN energies g ON g.entry_pk = e.entry_pk"),
        (.symmetry, "LEFT JOIN symmetry y ON y.entry_pk = e.entry_pk"),
        (.duplicates, "LEFT JOIN duplicates d ON d.entry_pk = e.entry_pk"),
    ]

    /// `FROM entries e` and the joins of these tables.
    var fromClause: String { fromClause(scanning: nil) }

    /// `FROM entries e <scan>` (an engine's index directive for entries) and the joins of these tables.
    func fromClause(scanning scan: String?) -> String {
        (["FROM entries e" + (scan.map { " " + $0 } ?? "")] + Self.joins.filter { contains($0.table) }.map(\.sql)).joined(separator: " ")
    }

    public var description: String {
        let names: [(StoreTables, String)] = [(.entries, "entries"), (.structures, "structures"), (.energies, "energies"),
                                              (.symmetry, "symmetry"), (.duplicates, "duplicates")]
        return "[" + names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]"
    }
}
