import Foundation
import Testing
import CrystalModel
@testable import CrystalStore

/// A store written by the release at bb2685f (schema 1-5, one row per site) opens with today's code, migrates,
/// and loses nothing: every row of every table, and every structure read back through the store's API.
@Suite struct StoreUpgradeTests {
    /// What the old store holds (counted with sqlite3 when the fixture was made).
    static let expectedCounts: [String: Int] = [
        "imports": 4, "entries": 55, "provenance": 87, "compositions": 131, "lattices": 32, "sites": 561, "energies": 55,
        "properties": 120, "diagnostics": 5, "hull_runs": 1, "chemical_systems": 33, "symmetry": 32, "duplicates": 31,
        "settings": 1, "schema_migrations": 5,
    ]

    /// The old store's tables as they are read after the upgrade: the cell columns of `lattices` are in
    /// `structures`, and `sites` is a view decoding the packed sites.
    static let readAfter: [String: String] = ["lattices": "structures"]

    @Test("the fixture holds rows in every table of the old schema")
    func fixtureIsComplete() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let old = try Database(path: try fixture.copyOfUpgradeStore("old.sqlite"), mode: .readOnly)
        let tables = try rows(old, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map { $0[0] }
        #expect(tables.count == Self.expectedCounts.count)
        for (table, count) in Self.expectedCounts {
            #expect(try rows(old, "SELECT count(*) FROM \(table)") == [[.integer(Int64(count))]], "\(table)")
        }
    }

    @Test("migrating the old store keeps every row of every table")
    func everyRowKept() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let old = try Database(path: try fixture.copyOfUpgradeStore("old.sqlite"), mode: .readOnly)
        let upgradedPath = try fixture.copyOfUpgradeStore("new.sqlite")
        let store = try Store.openForWriting(path: upgradedPath)
        #expect(try Migrations.state(store.database) == .current)
        for table in Self.expectedCounts.keys.sorted() {
            let names = try columns(old, table: table)
            let list = names.joined(separator: ", ")
            let order = (1...names.count).map(String.init).joined(separator: ", ")
            let before = try rows(old, "SELECT \(list) FROM \(table) ORDER BY \(order)")
            let after = try rows(store.database, "SELECT \(list) FROM \(Self.readAfter[table] ?? table) ORDER BY \(order)")
            if table == "schema_migrations" {
                // The old migrations keep their rows; the new ones are added.
                #expect(Array(after.prefix(before.count)) == before)
                #expect(after.count == Migrations.all.count)
            } else {
                #expect(after == before, "\(table): \(before.count) rows before, \(after.count) after")
            }
        }
    }

    @Test("every structure reads back from the upgraded store as the old rows had it")
    func structuresKept() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let old = try Database(path: try fixture.copyOfUpgradeStore("old.sqlite"), mode: .readOnly)
        let store = try Store.openForReading(path: try fixture.copyOfUpgradeStore("new.sqlite"))
        let reader = try store.structureReader()
        let lattices = try rows(old, "SELECT entry_pk, ax, ay, az, bx, by, bz, cx, cy, cz FROM lattices ORDER BY entry_pk")
        let sites = try rows(old, "SELECT entry_pk, site_index, element, occupancy, x, y, z, label FROM sites ORDER BY entry_pk, site_index, element")
        #expect(lattices.count == 32)
        var checkedSites = 0
        for lattice in lattices {
            guard case .integer(let pk) = lattice[0] else { continue }
            let structure = try #require(try reader.structure(entryPK: pk))
            let cell = structure.lattice.rows.flatMap { [$0.x, $0.y, $0.z] }
            #expect(cell.map(StoreValue.real) == Array(lattice[1...]))
            let own = sites.filter { $0[0] == .integer(pk) }
            var occupants = [[StoreValue]]()
            for (index, site) in structure.sites.enumerated() {
                for occupant in site.occupants.sorted(by: { $0.element.symbol < $1.element.symbol }) {
                    occupants.append([.integer(pk), .integer(Int64(index)), .text(occupant.element.symbol), .real(occupant.occupancy),
                                      .real(site.position.x), .real(site.position.y), .real(site.position.z), site.label.map(StoreValue.text) ?? .null])
                }
            }
            #expect(occupants == own, "entry \(pk)")
            checkedSites += own.count
        }
        #expect(checkedSites == 561)
        // The disordered structure keeps both occupants of its mixed sites; POSCAR sites keep having no label.
        let disordered = try #require(try store.entry(id: "CuAu-disordered")?.structure)
        #expect(disordered.sites.contains { $0.occupants.count == 2 })
        #expect(try store.entry(id: "LiFeO2")?.structure?.sites.allSatisfy { $0.label == nil } == true)
    }

    @Test("every query field reads on the upgraded store, with the old values")
    func fieldsRead() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try Store.openForReading(path: try fixture.copyOfUpgradeStore("new.sqlite"))
        var values = [String: [StoreValue]]()
        try store.entries(EntryQuery(fields: QueryField.all)) { row in
            if case .text(let id) = row[0] { values[id] = row }
        }
        #expect(values.count == 55)
        func value(_ id: String, _ field: String) -> StoreValue? {
            QueryField.all.firstIndex { $0.name == field }.flatMap { values[id]?[$0] }
        }
        #expect(value("NaCl-conventional", "spacegroup_number") == .integer(225))
        #expect(value("NaCl-conventional", "nsites") == .integer(8))
        #expect(value("TiO2-rutile", "wyckoff_sequence") == .text("O:f_Ti:a"))
        #expect(value("CuAu-disordered", "symmetry_origin") == .text("declared"))
        #expect(value("mp-Na", "is_reference") == .integer(1))
        let duplicates = values.keys.filter { value($0, "duplicate_of").map { $0 != .null } ?? false }
        #expect(duplicates.count == 6)
        #expect(try store.count(EntryQuery(fields: [], predicate: .compare(QueryField.byName["is_stable"]!, .equal, .integer(1)))) == 23)
    }
}
