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
            let stats = try Store.openForReading(path: store.db).statistics(topElements: topElements > 0 ? topElements : nil)
            out.line("entries: \(stats.entries)  with structure: \(stats.withStructure)  with energy: \(stats.withEnergy)  with both: \(stats.withBoth)")
            out.line("by source:")
            for row in stats.bySource { out.line("  \(row.source)\(row.isReference ? " (reference)" : ""): \(row.entries)") }
            out.line("by number of elements:")
            for row in stats.byElementCount { out.line("  \(row.elements): \(row.entries)") }
            out.line("by element (entries containing it):")
            for row in stats.byElement { out.line("  \(row.symbol): \(row.entries)") }
            out.line("diagnostics:")
            for row in stats.diagnostics { out.line("  \(row.severity) \(row.kind): \(row.count)") }
        }
    }
}
