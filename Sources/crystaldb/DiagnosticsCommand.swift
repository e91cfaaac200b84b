import ArgumentParser
import CrystalModel
import CrystalStore

struct DiagnosticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnostics", abstract: "List stored import diagnostics as `path:line in data_X: severity: message`.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Only diagnostics of this import source.")
    var source: String?

    @Flag(help: "Only errors (things that were not stored).")
    var errorsOnly = false

    func run() throws {
        let out = Output()
        try failing {
            let db = try Store.openForReading(path: store.db)
            var sql = "SELECT file, member, line, data_block, severity, message FROM diagnostics WHERE 1 = 1"
            if source != nil { sql += " AND source = ?" }
            if errorsOnly { sql += " AND severity = 'error'" }
            sql += " ORDER BY diagnostic_id"
            let statement = try db.prepare(sql)
            if let source { statement.bind(1, source) }
            while try statement.step() {
                let location = SourceLocation(path: statement.text(0) ?? "", member: statement.text(1),
                                              line: statement.optionalInt(2).map(Int.init), block: statement.text(3))
                out.line("\(location): \(statement.text(4) ?? ""): \(statement.text(5) ?? "")")
            }
            // Entries the last hull run could not place.
            var hullSQL = """
                SELECT e.id, e.reduced_formula, g.hull_missing, p.file, p.line FROM energies g JOIN entries e USING (entry_pk)
                LEFT JOIN provenance p ON p.entry_pk = e.entry_pk AND p.role = 'energy'
                WHERE g.hull_missing IS NOT NULL
                """
            if source != nil { hullSQL += " AND e.source = ?" }
            let hull = try db.prepare(hullSQL + " ORDER BY e.id")
            if let source { hull.bind(1, source) }
            while try hull.step() {
                let location = SourceLocation(path: hull.text(3) ?? "(hull)", line: hull.optionalInt(4).map(Int.init))
                out.line("\(location): error: entry '\(hull.text(0) ?? "")' (\(hull.text(1) ?? "")): no elemental entry for \(hull.text(2) ?? ""); not placed on the hull")
            }
        }
    }
}
