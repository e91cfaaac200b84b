import Foundation
import Testing
import CrystalModel
@testable import CrystalStore

/// The planner joins exactly the tables a query reads, and binds every value.
@Suite struct QueryPlannerTests {
    let planner = QueryPlanner(dialect: SQLiteDialect())

    func field(_ name: String) throws -> QueryField { try #require(QueryField.byName[name]) }

    func plan(_ predicate: EntryPredicate, fields: [String] = ["id"], sort: [String] = []) throws -> QueryPlan {
        var query = EntryQuery(fields: try fields.map(field), predicate: predicate)
        query.sort = try sort.map { EntryQuery.SortKey(try field($0)) }
        return planner.rows(query)
    }

    @Test("each field's table is joined when a condition reads it, and only then", arguments: [
        ("volume", StoreTables.structures), ("a", .structures), ("density", .structures), ("energy_per_atom", .energies),
        ("e_above_hull", []), ("spacegroup_number", .symmetry), ("is_novel_by_structure", .duplicates),
        ("nsites", []), ("id", []), ("chemical_system", []), ("file", []),
    ] as [(String, StoreTables)])
    func joinsPerField(name: String, table: StoreTables) throws {
        let plan = try self.plan(.known(try field(name), true))
        #expect(plan.joinedTables == table)
        #expect(plan.conditionTables.subtracting(.entries) == table)
        let count = planner.count(EntryQuery(fields: [], predicate: .known(try field(name), true)))
        #expect(count.joinedTables == table)
    }

    @Test("fields, condition and sort are joined together, each once")
    func combined() throws {
        let predicate = EntryPredicate.compare(try field("volume"), .greater, .real(1))
            .and(.known(try field("duplicate_of"), false))
        let plan = try self.plan(predicate, fields: ["id", "energy_per_atom"], sort: ["spacegroup_number"])
        #expect(plan.conditionTables == [.entries, .structures, .duplicates, .symmetry])
        #expect(plan.fieldTables == [.entries, .energies])
        #expect(plan.joinedTables == [.structures, .energies, .symmetry, .duplicates])
        for join in ["structures s", "energies g", "symmetry y", "duplicates d"] {
            #expect(plan.sql.components(separatedBy: "JOIN \(join) ").count == 2, "\(join) joined once")
        }
    }

    @Test("no filter, id only: no join at all")
    func bare() throws {
        let plan = try self.plan(.all)
        #expect(plan.joinedTables == [])
        #expect(plan.sql == "SELECT e.id FROM entries e ORDER BY e.id")
    }

    @Test("element tests read only the chemical systems' masks")
    func elements() throws {
        let plan = try self.plan(.elements(.all, [try #require(Element(symbol: "Li")), try #require(Element(symbol: "O"))]))
        #expect(plan.joinedTables == [])
        #expect(plan.sql.contains("(e.chemical_system IN (SELECT chemical_system FROM chemical_systems WHERE (mask_low & ?) = ? AND (mask_high & ?) = ?))"))
        let liO: Int64 = 1 << 2 | 1 << 7
        #expect(plan.bindings == [StoreValue.integer(liO), .integer(liO), .integer(0), .integer(0)])
    }

    @Test("a limit finds the keys first, joining only what the condition and the sort read")
    func limited() throws {
        var query = EntryQuery(fields: [try field("id"), try field("energy_per_atom"), try field("spacegroup_symbol")],
                               predicate: .compare(try field("volume"), .less, .real(100)))
        query.limit = 10
        query.offset = 20
        let plan = planner.rows(query)
        let keys = try #require(plan.sql.range(of: "IN (SELECT e.entry_pk ").map { String(plan.sql[$0.lowerBound...]) })
        #expect(keys.contains("LEFT JOIN structures s"))
        #expect(!keys.contains("energies") && !keys.contains("symmetry"))
        #expect(plan.bindings == [.real(100), .integer(10), .integer(20)])
        #expect(plan.sql.filter { $0 == "?" }.count == plan.bindings.count)
    }

    @Test("counting: energies alone when the condition reads only energies and rejects entries without one")
    func countShortcut() throws {
        let energy = try field("energy_per_atom")
        let below = planner.count(EntryQuery(fields: [], predicate: .compare(energy, .less, .real(-1))))
        #expect(below.sql == "SELECT count(*) FROM energies g WHERE (g.energy_per_atom < ?)")
        // NOT and IS UNKNOWN are true for entries without energies: those must be counted from entries.
        for predicate in [EntryPredicate.not(.compare(energy, .greater, .real(-1))), .known(energy, false),
                          .or(.compare(energy, .less, .real(0)), .known(try field("nsites"), true))] {
            let plan = planner.count(EntryQuery(fields: [], predicate: predicate))
            #expect(plan.sql.hasPrefix("SELECT count(*) FROM entries e LEFT JOIN energies g"), "\(predicate)")
        }
        // The hull results are copied onto entries (migration 6): counting them reads entries alone.
        let hull = planner.count(EntryQuery(fields: [], predicate: .compare(try field("e_above_hull"), .less, .real(0.1))))
        #expect(hull.sql == "SELECT count(*) FROM entries e WHERE (e.e_above_hull < ?)")
    }

    @Test("counts agree with the rows they count, for conditions true on entries without energies")
    func countsMatchRows() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try Store.openForReading(path: try fixture.copyOfUpgradeStore("s.sqlite"))
        let eAboveHull = try field("e_above_hull")
        for predicate in [EntryPredicate.not(.compare(eAboveHull, .greater, .real(0.1))), .known(eAboveHull, false),
                          .compare(eAboveHull, .lessOrEqual, .real(0.1)), .all] {
            let query = EntryQuery(fields: [QueryField.entryKey], predicate: predicate)
            var rows = 0
            try store.entries(query) { _ in rows += 1 }
            #expect(try store.count(query) == rows, "\(predicate)")
            #expect(rows > 0)
        }
    }

    @Test("text matches are the dialect's functions, with every value bound")
    func textMatches() throws {
        let id = try field("id")
        let ends = planner.condition(.text(id, .endsWith, "x'--"))
        #expect(ends.sql == "(length(e.id) >= length(?) AND substr(e.id, -length(?)) = ?)")
        #expect(ends.bindings == Array(repeating: .text("x'--"), count: 3))
        #expect(planner.condition(.text(id, .contains, "a")).sql == "(instr(e.id, ?) > 0)")
        #expect(planner.condition(.text(id, .startsWith, "a")).sql == "(substr(e.id, 1, length(?)) = ?)")
    }
}
