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

    func validate() throws {
        if let source { try Validation.nonEmpty(source, "--source") }
    }

    func run() throws {
        let out = Output()
        try failing(store: store.db) {
            let db = try Store.openForReading(path: store.db)
            try db.diagnostics(source: source, errorsOnly: errorsOnly) { d in
                try out.line("\(d.location): \(d.severity): \(d.message)")
            }
            // Entries the last hull run could not place.
            try db.unplacedHullEntries(source: source) { entry in
                try out.line("\(entry.location): error: entry '\(entry.id)' (\(entry.reducedFormula)): no elemental entry for \(entry.missingElements); not placed on the hull")
            }
            try out.flush()
        }
    }
}
