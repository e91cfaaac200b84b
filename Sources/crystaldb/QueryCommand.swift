import ArgumentParser
import CrystalQuery
import CrystalStore

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "List entries matching a filter, with chosen fields, in a stable order.",
        discussion: """
        The filter is OPTIMADE 1.2's filter language: comparisons (= != < <= > >=) on numbers, strings and TRUE/FALSE, \
        with a property or a constant on either side; AND, OR, NOT, parentheses; elements HAS / HAS ALL / HAS ANY / HAS \
        ONLY (with operators: elements HAS < "C"), elements LENGTH >= 3, IS KNOWN / IS UNKNOWN, CONTAINS, STARTS WITH, \
        ENDS WITH, and elements:elements_ratios HAS "Li":>0.1. A value that is not known matches no comparison, negated \
        or not. OPTIMADE's structure properties (chemical_formula_hill, structure_features, species_at_sites, \
        last_modified, ...) and the server's spelling of the fields below (_crystaldb_e_above_hull) work too. Fields: \
        \(QueryField.all.map(\.name).joined(separator: ", ")).
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filterFlags: FilterFlags

    @Option(help: ArgumentHelp("Comma-separated field names.", valueName: "a,b,..."))
    var fields = QueryField.defaultNames.joined(separator: ",")

    @Option(help: "table, csv, json or jsonl.")
    var format: RowFormatter.Format = .table

    @Option(help: ArgumentHelp("Sort by a field (id breaks ties).", valueName: "FIELD[:desc]"))
    var sort: String?

    @Option(help: "At most this many rows.")
    var limit: Int?

    @Flag(help: "Print only the number of matching entries.")
    var count = false

    @Flag(help: "Print the SQL the planner writes and SQLite's plan for it, instead of the rows.")
    var plan = false

    func validate() throws {
        for name in fieldNames where QueryField.byName[name] == nil {
            throw ValidationError("--fields: unknown field '\(name)'; known fields: \(QueryField.all.map(\.name).joined(separator: ", "))")
        }
        if let sort { do { _ = try EntryFilterOptions.sort(sort) } catch { throw ValidationError("\(error)") } }
        if let limit { try Validation.integer(limit, "--limit", atLeast: 0) }
    }

    /// The requested fields; the OPTIMADE server's spelling of the store's fields (`_crystaldb_e_above_hull`) is accepted too.
    var fieldNames: [String] { fields.split(separator: ",").map { QueryField.name(ofPrefixed: $0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let out = Output()
        try failing(store: store.db) {
            let db = try Store.openForReading(path: store.db)
            var query = try EntryQuery(fieldNames: fieldNames, predicate: try filterFlags.options.predicate())
            if count && !plan {
                try out.line(String(try db.count(query)))
                try out.flush()
                return
            }
            if let sort { query.sort = [try EntryFilterOptions.sort(sort)] }
            query.limit = limit
            if plan {
                let statement = count ? db.countPlan(query) : db.plan(query)
                try out.line(statement.sql)
                try out.line("bindings: " + statement.bindings.map { "\($0)" }.joined(separator: ", "))
                for line in try db.explain(statement) { try out.line(line) }
                try out.flush()
                return
            }
            let formatter = RowFormatter(format: format, fields: query.fields, output: out)
            try formatter.begin()
            try db.entries(query) { values in try formatter.row(values) }
            try formatter.end()
        }
    }
}
