import ArgumentParser
import CrystalStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Counts by source, element and number of elements; diagnostics summary.")

    @OptionGroup var store: StoreOptions

    @Option(help: "How many elements to list, most frequent first (0: all).")
    var topElements = 20

    func run() throws {
        let out = Output()
        try failing {
            let db = try Store.openForReading(path: store.db)
            func rows(_ sql: String, _ body: (Statement) -> Void) throws {
                let statement = try db.prepare(sql)
                while try statement.step() { body(statement) }
            }
            try rows("""
                SELECT count(*), count(e.nsites), count(g.entry_pk), sum(e.nsites IS NOT NULL AND g.entry_pk IS NOT NULL)
                FROM entries e LEFT JOIN energies g ON g.entry_pk = e.entry_pk
                """) { s in
                out.line("entries: \(s.int(0))  with structure: \(s.int(1))  with energy: \(s.int(2))  with both: \(s.optionalInt(3) ?? 0)")
            }
            out.line("by source:")
            try rows("SELECT source, is_reference, count(*) FROM entries GROUP BY source, is_reference ORDER BY source") { s in
                out.line("  \(s.text(0) ?? "")\(s.int(1) == 1 ? " (reference)" : ""): \(s.int(2))")
            }
            out.line("by number of elements:")
            try rows("SELECT nelements, count(*) FROM entries GROUP BY nelements ORDER BY nelements") { s in
                out.line("  \(s.int(0)): \(s.int(1))")
            }
            out.line("by element (entries containing it):")
            let limit = topElements > 0 ? " LIMIT \(topElements)" : ""
            try rows("SELECT element, count(*) AS n FROM compositions GROUP BY element ORDER BY n DESC, element" + limit) { s in
                out.line("  \(s.text(0) ?? ""): \(s.int(1))")
            }
            out.line("diagnostics:")
            try rows("SELECT severity, kind, count(*) FROM diagnostics GROUP BY severity, kind ORDER BY severity, kind") { s in
                out.line("  \(s.text(0) ?? "") \(s.text(1) ?? ""): \(s.int(2))")
            }
        }
    }
}
