import Foundation
import Testing
import CrystalExport
import CrystalIngest
import CrystalModel
import CrystalQuery
import CrystalStability
@testable import CrystalStore

/// Every query field, in a filter, on every command that takes one (query, export, symmetry, dedupe): each
/// selects exactly the entries whose stored values satisfy the filter (as Swift computes it from an unfiltered
/// read), whatever tables the field lives in. Runs on the upgraded bb2685f store (hull, symmetry, duplicates).
@Suite(.serialized) struct FilterOnEveryCommandTests {
    /// Filters for a field, each with the test its values must pass.
    static func filters(for field: QueryField, values: [StoreValue]) -> [(text: String, holds: (StoreValue) -> Bool)] {
        let name = field.name
        var out: [(String, (StoreValue) -> Bool)] = [("\(name) IS KNOWN", { $0 != .null }), ("\(name) IS UNKNOWN", { $0 == .null })]
        func number(_ value: StoreValue) -> Double? {
            switch value {
            case .integer(let v): return Double(v)
            case .real(let v): return v
            default: return nil
            }
        }
        switch field.kind {
        case .integer, .real:
            let known = values.compactMap(number).sorted()
            if !known.isEmpty {
                let middle = known[known.count / 2]
                out.append(("\(name) >= \(middle)", { number($0).map { $0 >= middle } ?? false }))
                // An unknown value matches no comparison, negated or not (OPTIMADE 1.2).
                out.append(("NOT \(name) < \(middle)", { number($0).map { !($0 < middle) } ?? false }))
            }
        case .boolean:
            out.append(("\(name) = 1", { $0 == .integer(1) }))
            out.append(("\(name) = \"false\"", { $0 == .integer(0) }))
        case .text:
            if case .text(let sample)? = values.first(where: { $0 != .null }) {
                let quoted = sample.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                out.append(("\(name) = \"\(quoted)\"", { $0 == .text(sample) }))
                let head = String(sample.prefix(2))
                out.append(("\(name) STARTS WITH \"\(head)\"", { if case .text(let v) = $0 { v.hasPrefix(head) } else { false } }))
            }
        case .list:
            out.append(("\(name) HAS \"O\"", { if case .text(let v) = $0 { v.split(separator: ",").contains("O") } else { false } }))
            out.append(("LENGTH \(name) >= 2", { if case .text(let v) = $0 { v.split(separator: ",").count >= 2 } else { false } }))
        case .composition, .decomposition:
            break
        }
        return out
    }

    struct Snapshot {
        var values: [String: [StoreValue]] = [:]
        var withStructure: Set<String> = []
        var withFingerprint: Set<String> = []
    }

    func snapshot(_ store: Store) throws -> Snapshot {
        var snapshot = Snapshot()
        let fields = QueryField.all + [QueryField.symmetryFingerprint]
        try store.entries(EntryQuery(fields: fields)) { row in
            guard case .text(let id) = row[0] else { return }
            snapshot.values[id] = Array(row.dropLast())
            if row[fields.firstIndex { $0.name == "nsites" }!] != .null { snapshot.withStructure.insert(id) }
            if row.last != .null { snapshot.withFingerprint.insert(id) }
        }
        return snapshot
    }

    @Test("each field in a filter selects the same entries on query, export, symmetry and dedupe")
    func everyFieldEveryCommand() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try Store.openForWriting(path: try fixture.copyOfUpgradeStore("s.sqlite"))
        var filtersRun = 0, nonEmpty = 0, structureRuns = 0
        for (fieldIndex, field) in QueryField.all.enumerated() {
            let before = try snapshot(store)
            let column = before.values.mapValues { $0[fieldIndex] }
            let filters = Self.filters(for: field, values: Array(column.values))
            // Symmetry analysis and structure comparison are the slow parts: dedupe and symmetry run once per field,
            // on the filter selecting the fewest structures (but some); query and export run every filter.
            let structureCounts = filters.map { filter in before.withStructure.filter { filter.holds(column[$0] ?? .null) }.count }
            let symmetryFilter = structureCounts.indices.filter { structureCounts[$0] > 0 }.min { structureCounts[$0] < structureCounts[$1] } ?? 0
            for (filterIndex, filter) in filters.enumerated() {
                let snapshot = try self.snapshot(store)
                let expected = Set(snapshot.values.filter { filter.holds($0.value[fieldIndex]) }.keys)
                var options = EntryFilterOptions()
                options.filterText = filter.text
                let predicate = try options.predicate()
                filtersRun += 1
                if !expected.isEmpty { nonEmpty += 1 }

                // query
                var queried = Set<String>()
                try store.entries(EntryQuery(fields: [QueryField.byName["id"]!], predicate: predicate)) {
                    if case .text(let id) = $0[0] { queried.insert(id) }
                }
                #expect(queried == expected, "query: \(filter.text)")
                #expect(try store.count(EntryQuery(fields: [], predicate: predicate)) == expected.count, "count: \(filter.text)")

                // export (csv: the id is the first column)
                let out = fixture.path("e-\(fieldIndex)-\(filterIndex).csv")
                let exported = try Exporter(options: ExportOptions(format: .csv, filter: options)).run(store: store, to: out)
                let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst()
                let exportedIDs = Set(lines.map { line -> String in
                    line.hasPrefix("\"") ? String(line.dropFirst().prefix { $0 != "\"" }) : String(line.prefix { $0 != "," })
                })
                #expect(exported.exported == expected.count, "export: \(filter.text)")
                #expect(exportedIDs == expected, "export: \(filter.text)")

                // dedupe: the entries with a structure among those selected
                guard filterIndex == symmetryFilter else { continue }
                structureRuns += 1
                var dedupe = DedupeRun()
                dedupe.novelByStructure = true
                dedupe.predicate = predicate
                #expect(try dedupe.run(store).entries == expected.intersection(snapshot.withStructure).count, "dedupe: \(filter.text)")

                // symmetry: the entries with a structure among those selected, and no other, are analysed again
                // (dedupe may just have changed the duplicate fields: select again)
                let afterDedupe = try self.snapshot(store)
                let selected = Set(afterDedupe.values.filter { filter.holds($0.value[fieldIndex]) }.keys).intersection(afterDedupe.withStructure)
                let symprec = 0.01 + Double(filtersRun) * 1e-7
                let summary = try SymmetryRun(symprec: symprec, predicate: predicate).run(store)
                #expect(summary.structures == selected.count, "symmetry: \(filter.text)")
                let touched = try rows(store.database, "SELECT e.id FROM entries e JOIN symmetry y ON y.entry_pk = e.entry_pk WHERE y.symprec = \(symprec)")
                let touchedIDs = Set(touched.compactMap { if case .text(let id) = $0[0] { id } else { nil } })
                #expect(touchedIDs.isSubset(of: selected), "symmetry: \(filter.text)")
                #expect(touchedIDs.count == summary.detected, "symmetry: \(filter.text)")
            }
        }
        #expect(filtersRun >= 2 * QueryField.all.count)
        #expect(nonEmpty >= QueryField.all.count)
        #expect(structureRuns == QueryField.all.count)
    }
}
