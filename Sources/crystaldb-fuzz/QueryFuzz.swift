import CrystalIngest
import CrystalQuery
import CrystalStability
import CrystalStore

/// The filter from text through the compiler to SQLite: a small store (SampleData with its hull) is built once;
/// each input is a filter that, when it parses and compiles, must run (rows and count) without an SQLite error.
final class QueryFuzz {
    nonisolated(unsafe) static let shared = QueryFuzz()
    let db: Database

    init() {
        do {
            db = try Store.openForWriting(path: ":memory:")
            _ = try Importer(db: db, options: ImportOptions(source: "mp", isReference: true, symprec: 0.01)).run(["SampleData/reference.csv"])
            _ = try Importer(db: db, options: ImportOptions(source: "sample", symprec: 0.01)).run(["SampleData/structures", "SampleData/entries.csv"])
            _ = try HullRun().run(db)
        } catch {
            FuzzScratch.finding("cannot build the query store (run from the package root): \(error)")
        }
    }

    func run(_ bytes: [UInt8]) {
        var options = EntryFilterOptions()
        options.filterText = String(decoding: bytes, as: UTF8.self)
        var query = EntryQuery(fields: QueryField.all)
        do {
            try options.apply(to: &query)
        } catch {
            return
        }
        do {
            query.limit = 5
            try query.run(db) { _ in }
            _ = try query.count(db)
        } catch {
            FuzzScratch.finding("a compiled filter failed in SQLite: \(error)\nfilter: \(options.filterText ?? "")")
        }
    }
}
