import ArgumentParser
import Foundation
import CrystalQuery
import CrystalStore

/// Times filters on a store: for each, the first 100 rows (id order) and the count; prints the p50 and p90
/// of `--runs` repetitions after one warm-up.
struct QueryBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Time filters on a store.")

    @Option(help: "The store.")
    var db: String

    @Option(help: "Repetitions per filter.")
    var runs = 21

    static let filters = [
        #"elements HAS ALL "Li","O""#,
        #"elements HAS ONLY "Li","Fe","P","O""#,
        #"chemical_system = "Fe-Li-O""#,
        #"e_above_hull <= 0.025"#,
        #"elements HAS "Li" AND e_above_hull < 0.025 AND nelements >= 3"#,
        #"chemical_formula_reduced = "FeLiO2""#,
    ]

    func run() throws {
        let store = try Store.openForReading(path: db)
        let total = try store.count(EntryQuery(fieldNames: ["id"]))
        print("store: \(total) entries")
        for text in Self.filters {
            var options = EntryFilterOptions()
            options.filterText = text
            var query = try EntryQuery(fieldNames: ["id", "chemical_formula_reduced", "e_above_hull"], predicate: try options.predicate())
            query.limit = 100
            var rowsTimes = [Double](), countTimes = [Double]()
            var rows = 0, count = 0
            for run in 0...runs {
                var start = DispatchTime.now().uptimeNanoseconds
                rows = 0
                try store.entries(query) { _ in rows += 1 }
                let rowTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                start = DispatchTime.now().uptimeNanoseconds
                count = try store.count(query)
                let countTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                if run > 0 {
                    rowsTimes.append(rowTime)
                    countTimes.append(countTime)
                }
            }
            rowsTimes.sort()
            countTimes.sort()
            func p(_ values: [Double], _ q: Double) -> Double { values[min(values.count - 1, Int(Double(values.count) * q))] }
            print(String(format: "%-62@ first %3d rows p50 %6.1f ms p90 %6.1f ms | count %7d p50 %6.1f ms p90 %6.1f ms",
                         text as NSString, rows, p(rowsTimes, 0.5), p(rowsTimes, 0.9), count, p(countTimes, 0.5), p(countTimes, 0.9)))
        }
    }
}
