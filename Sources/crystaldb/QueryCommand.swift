import ArgumentParser
import CrystalStore

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "List entries with chosen fields, in id order.",
        discussion: "Fields: " + QueryField.all.map(\.name).joined(separator: ", "))

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Comma-separated field names.", valueName: "a,b,..."))
    var fields = QueryField.defaultNames.joined(separator: ",")

    @Option(help: "table, csv, json or jsonl.")
    var format: RowFormatter.Format = .table

    @Flag(help: "Only entries the last `crystaldb hull` run called stable.")
    var stable = false

    func validate() throws {
        for name in fieldNames where QueryField.byName[name] == nil {
            throw ValidationError("unknown field '\(name)'; known fields: \(QueryField.all.map(\.name).joined(separator: ", "))")
        }
    }

    var fieldNames: [String] { fields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() throws {
        let out = Output()
        try failing {
            let db = try Store.openForReading(path: store.db)
            var query = try EntryQuery(fieldNames: fieldNames)
            query.onlyStable = stable
            let formatter = RowFormatter(format: format, fields: query.fields, output: out)
            formatter.begin()
            try query.run(db) { values in formatter.row(values) }
            formatter.end()
        }
    }
}
