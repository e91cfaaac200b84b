import CrystalIngest
import CrystalQuery
import CrystalStability
import CrystalStore

/// The filter from text through the compiler to SQLite: a small store (SampleData with its hull) is built once;
/// each input is a filter that, when it parses and compiles, must run (rows and count) without an SQLite error.
final class QueryFuzz {
    nonisolated(unsafe) static let shared = QueryFuzz()
    let store: Store

    init() {
        do {
            store = try Store.openForWriting(path: ":memory:")
            _ = try Importer(store: store, options: ImportOptions(source: "mp", isReference: true, symprec: 0.01)).run(["SampleData/reference.csv"])
            _ = try Importer(store: store, options: ImportOptions(source: "sample", symprec: 0.01)).run(["SampleData/structures", "SampleData/entries.csv"])
            _ = try HullRun().run(store)
        } catch {
            FuzzScratch.finding("cannot build the query store (run from the package root): \(error)")
        }
    }

    func run(_ bytes: [UInt8]) {
        var options = EntryFilterOptions()
        options.filterText = String(decoding: bytes, as: UTF8.self)
        var query = EntryQuery(fields: QueryField.all)
        do {
            query.predicate = try options.predicate()
        } catch {
            return
        }
        do {
            query.limit = 5
            try store.entries(query) { _ in }
            _ = try store.count(query)
        } catch {
            FuzzScratch.finding("a compiled filter failed in SQLite: \(error)\nfilter: \(options.filterText ?? "")")
        }
    }
}
