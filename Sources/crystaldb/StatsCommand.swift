import ArgumentParser
import CrystalStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Counts by source, element and number of elements; diagnostics summary.")

    @OptionGroup var store: StoreOptions

    @Option(help: "How many elements to list, most frequent first (0: all).")
    var topElements = 20

    func validate() throws { try Validation.integer(topElements, "--top-elements", atLeast: 0) }

    func run() throws {
        let out = Output()
        try failing(store: store.db) {
            let stats = try Store.openForReading(path: store.db).statistics(topElements: topElements > 0 ? topElements : nil)
            try out.line("entries: \(stats.entries)  with structure: \(stats.withStructure)  with energy: \(stats.withEnergy)  with both: \(stats.withBoth)")
            try out.line("by source:")
            for row in stats.bySource { try out.line("  \(row.source)\(row.isReference ? " (reference)" : ""): \(row.entries)") }
            try out.line("by number of elements:")
            for row in stats.byElementCount { try out.line("  \(row.elements): \(row.entries)") }
            try out.line("by element (entries containing it):")
            for row in stats.byElement { try out.line("  \(row.symbol): \(row.entries)") }
            try out.line("diagnostics:")
            for row in stats.diagnostics { try out.line("  \(row.severity) \(row.kind): \(row.count)") }
            try out.flush()
        }
    }
}
