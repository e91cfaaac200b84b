import Foundation
import Testing
import CrystalIngest
@testable import CrystalStore
@testable import CrystalQuery

@Suite struct FilterParserTests {
    @Test("precedence: OR loosest, then AND, then NOT; constant-first comparisons are mirrored")
    func precedence() throws {
        let filter = try FilterParser.parse(#"NOT nsites > 3 AND elements HAS "Li" OR 2 < nelements"#)
        guard case .or(.and(.not(.compare(.property(let nsites), .greater, .value(.number(3), _))), .has(let elements, .has, let li)),
                       .compare(.value(.number(2), _), .less, .property(let nelements))) = filter else {
            Issue.record("parsed as \(filter)")
            return
        }
        #expect(nsites.name == "nsites" && elements.name == "elements" && nelements.name == "nelements")
        #expect(li == [Filter.ListItem(.equal, .value(.string("Li"), column: 33))])
    }

    @Test("every construct of the grammar parses", arguments: [
        #"elements HAS ALL "Li", "O""#, #"elements HAS ANY "Fe","Co""#, #"elements HAS ONLY "Li","Fe","P","O""#,
        #"LENGTH elements >= 3"#, #"e_above_hull IS KNOWN"#, #"decomposition IS UNKNOWN"#, #"id CONTAINS "mp""#,
        #"id STARTS WITH "mp-""#, #"id STARTS "mp-""#, #"id ENDS WITH "7""#, #"elements:elements_ratios HAS "Li":>0.1"#,
        #"elements:elements_ratios HAS ALL "Li":>=0.1, "O":<0.6"#, #"((nsites <= 40))"#, #"chemical_formula_reduced = "FeLiO2""#,
        #"nsites != -1.5e1"#, "", #"elements LENGTH 3"#, #"elements LENGTH >= 3"#, #"is_stable = TRUE"#, #"is_stable != FALSE"#,
        #"nsites < nelements"#, #"3 < 5"#, #"elements HAS < "C""#, #"elements HAS ALL < "C", > "X""#, #"_exmpl_x.y+z = 1"#,
        #"elements:elements_ratios HAS ONLY "Li":0.5, "O":0.5"#, #"a:b:c HAS ANY >3:"He":>55.3, =6:>"Ti":<37.6"#,
        #"NOT (NOT nsites = 1)"#, "numbers = 12345 OR b = +12 OR c = -34 OR d = 1.2 OR e = .2E7 OR f = -.2E+7 OR k = 1.e-12 OR l = -.1e-12",
    ])
    func parses(text: String) throws {
        _ = try FilterParser.parse(text)
    }

    @Test("malformed filters name the column", arguments: [
        (#"nsites >"#, 9, "expected a string, a number, TRUE, FALSE or a property"), (#"(nsites > 3"#, 12, "expected ')'"),
        (#"nsites > 3 AND"#, 15, "expected a property name"), (#"elements HAS "Li"#, 14, "unterminated string"),
        (#"nsites ~ 3"#, 8, "unexpected character '~'"), (#"nsites IS MAYBE"#, 11, "expected KNOWN or UNKNOWN"),
        (#"nsites > 3 nelements > 2"#, 12, "unexpected 'nelements'"), (#"nsites ! 3"#, 8, "'!' must be followed by '='"),
        (#"NOT NOT nsites = 1"#, 5, "NOT NOT is not in the filter grammar"), (#"BadLuck IS KNOWN"#, 1, "property names are lower-case"),
        (#"0_kvak IS KNOWN"#, 1, "is not a number"), (#""foo bar" IS KNOWN"#, 11, "expected a comparison"),
        (#"number=1.234D12"#, 13, "unexpected 'D'"), (#"number=.e1"#, 8, "'.e' is not a number"),
        (#"number=+-123"#, 8, "is not a number"), (#"number=0.0.1"#, 8, "'0.0.' is not a number"),
        (#"number=1.23E+++"#, 8, "is not a number"), (#"elements LENGTH 2.5"#, 17, "whole number"),
        (#"TRUE = is_stable"#, 1, "TRUE and FALSE go on the right"), (#"3 = TRUE"#, 5, "TRUE and FALSE compare with a property"),
        (#"élément = 1"#, 1, "unexpected character"), (#"elements:elements_ratios HAS "Li""#, 34, "2 correlated properties need 2 values"),
    ] as [(String, Int, String)])
    func malformed(text: String, column: Int, reason: String) {
        #expect {
            _ = try FilterParser.parse(text)
        } throws: { error in
            guard let error = error as? FilterError else { return false }
            return error.column == column && error.reason.contains(reason)
        }
    }

    @Test("identifiers are lower-case, so upper-case runs are keywords: elementsLENGTH = 1, NOTice = \"val\"")
    func lowerCaseIdentifiers() throws {
        guard case .length(let p, .equal, 1, _) = try FilterParser.parse("elementsLENGTH 1") else { Issue.record("elementsLENGTH"); return }
        #expect(p.name == "elements")
        guard case .not(.compare(.property(let ice), .equal, .value(.string("val"), _))) = try FilterParser.parse(#"NOTice="val""#) else {
            Issue.record("NOTice")
            return
        }
        #expect(ice.name == "ice")
        guard case .compare(_, .equal, .value(.bool(true), _)) = try FilterParser.parse("is_stable=TRUE") else { Issue.record("TRUE"); return }
        // A number beyond a double's range parses; compiling it is 501, unless the field is unknown (400) first.
        guard case .compare(_, .equal, .value(.number(let huge), _)) = try FilterParser.parse("m = 1000000000.E1000000000") else {
            Issue.record("1000000000.E1000000000")
            return
        }
        #expect(huge == .infinity)
    }

    @Test("fuzz finding: thousands of nested parentheses are refused, not a stack overflow")
    func deepNesting() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-filter-stack-overflow-nested-parentheses.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect {
            _ = try FilterParser.parse(text)
        } throws: { error in
            (error as? FilterError)?.reason.contains("nested more than 100 levels") == true
        }
        #expect(throws: FilterError.self) { try FilterParser.parse(String(repeating: "NOT ", count: 5000) + "nsites > 1") }
        _ = try FilterParser.parse(String(repeating: "(", count: 50) + "nsites > 1" + String(repeating: ")", count: 50))
        let long = Array(repeating: "nsites > 1", count: 20_000).joined(separator: " AND ")
        #expect(throws: FilterError.self) { try FilterParser.parse(long) }
    }

    static func compile(_ text: String) throws -> EntryPredicate {
        var compiler = FilterCompiler()
        return try compiler.compile(try FilterParser.parse(text))
    }

    @Test("unknown fields are 400 and type mismatches 501, at their column", arguments: [
        (#"colour = "red""#, 1, "unknown field 'colour'", false), (#"nsites = "x""#, 10, "nsites is a number", true),
        (#"id > 3"#, 6, "id is a string", true), (#"nsites CONTAINS "3""#, 1, "nsites is not a string", true),
        (#"is_stable = 2"#, 13, "is_stable is true or false", true), (#"is_stable < TRUE"#, 13, "booleans compare with = and != only", false),
        (#""a" < "b""#, 1, "comparing two constant strings", true), (#"colour.b = 1"#, 1, "unknown field 'colour'", false),
        (#"nsites.x = 1"#, 1, "nested property names", true), (#"references.id HAS "x""#, 1, "relationships", true),
        (#"m = 1e999"#, 1, "unknown field 'm'", false), (#"nsites = 1e999"#, 10, "beyond the range", true),
        (#"nsites < elements"#, 1, "lists cannot be compared", true), (#"id = nsites"#, 6, "different types", true),
        (#"cartesian_site_positions HAS 1"#, 1, "HAS on cartesian_site_positions", true), (#"_crystaldb_nosuch = 1"#, 1, "unknown field", false),
        (#"_nosuchprefix = 1"#, 1, "neither an OPTIMADE property", false), (#"last_modified > "yesterday""#, 17, "RFC 3339", false),
    ] as [(String, Int, String, Bool)])
    func compileErrors(text: String, column: Int, reason: String, notImplemented: Bool) throws {
        let filter = try FilterParser.parse(text)
        #expect {
            var compiler = FilterCompiler()
            _ = try compiler.compile(filter)
        } throws: { error in
            guard let error = error as? FilterError else { return false }
            return error.column == column && error.reason.contains(reason) && (error.kind == .notImplemented) == notImplemented
        }
    }

    @Test("another database's field is unknown: no error, a warning, and a predicate that is never true")
    func foreignFields() throws {
        var compiler = FilterCompiler()
        #expect(try compiler.compile(try FilterParser.parse("_exmpl1_band_gap < 2 OR nsites = 1")) == .or(.unknown, .compare(QueryField.byName["nsites"]!, .equal, .real(1))))
        #expect(compiler.warnings == ["'_exmpl1_band_gap' belongs to another database (prefix 'exmpl1'): it is treated as unknown and matches no comparison"])
        var registered = FilterCompiler()
        #expect(try registered.compile(try FilterParser.parse("_mp_band_gap IS UNKNOWN")) == .constant(true))
        #expect(registered.warnings.isEmpty)
    }

    @Test("values are always bound, never part of the SQL text")
    func bound() throws {
        let predicate = try Self.compile(#"id = "x'; DROP TABLE entries; --" OR elements HAS "Li""#)
        let compiled = QueryPlanner(dialect: SQLiteDialect()).condition(predicate)
        #expect(!compiled.sql.contains("DROP"))
        #expect(compiled.bindings.contains(.text("x'; DROP TABLE entries; --")))
        #expect(compiled.sql.filter { $0 == "?" }.count == compiled.bindings.count)
    }

    @Test("element tests become bit masks over the chemical systems table")
    func masks() throws {
        let predicate = try Self.compile(#"elements HAS ONLY "O","Li","Fe""#)
        let compiled = QueryPlanner(dialect: SQLiteDialect()).condition(predicate)
        #expect(compiled.tables == .entries)
        #expect(compiled.sql == "(e.chemical_system IN (SELECT chemical_system FROM chemical_systems WHERE (mask_low & ?) = 0 AND (mask_high & ?) = 0))")
        // Li (3), O (8), Fe (26): bits 2, 7, 25 of the low word.
        #expect(compiled.bindings == [.integer(~Int64(1 << 2 | 1 << 7 | 1 << 25)), .integer(~0)])
    }
}

/// Filters run against the sample store give the entries a person would pick by hand.
@Suite struct FilterQueryTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    static func store() throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-q-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try Store.openForWriting(path: dir.appendingPathComponent("q.sqlite").path)
        _ = try Importer(store: db, options: ImportOptions(source: "sample")).run([sample.appendingPathComponent("structures").path,
                                                                                 sample.appendingPathComponent("entries.csv").path])
        return (db, dir)
    }

    func ids(_ db: Store, _ options: EntryFilterOptions) throws -> [String] {
        let query = try EntryQuery(fieldNames: ["id"], predicate: try options.predicate())
        var out = [String]()
        try db.entries(query) { if case .text(let id) = $0[0] { out.append(id) } }
        #expect(try db.count(query) == out.count)
        return out
    }

    @Test("filters and the short flags select the same entries")
    func selections() throws {
        let (db, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        func text(_ filter: String) throws -> [String] {
            var options = EntryFilterOptions()
            options.filterText = filter
            return try ids(db, options)
        }
        #expect(try text(#"elements HAS ALL "Li","O" AND nsites <= 12"#) == ["LiFeO2", "two-blocks/Li2O"])
        var flags = EntryFilterOptions()
        flags.elements = ["Li", "O"]
        flags.filterText = "nsites <= 12"
        #expect(try ids(db, flags) == ["LiFeO2", "two-blocks/Li2O"])
        #expect(try text(#"elements HAS ONLY "Ti","O""#) == ["O2", "Ti", "TiO2-anatase", "TiO2-rutile"])
        var chemsys = EntryFilterOptions()
        chemsys.chemicalSystem = "O-Ti"
        #expect(try ids(db, chemsys) == ["TiO2-anatase", "TiO2-rutile"])
        var formula = EntryFilterOptions()
        formula.formula = "Ti2O4"
        #expect(try ids(db, formula) == ["TiO2-anatase", "TiO2-rutile"])
        var exclude = EntryFilterOptions()
        exclude.exclude = ["O", "Fe", "Li", "Cl", "Ti", "Cu", "Au"]
        #expect(try ids(db, exclude) == ["Na", "Si-diamond"])
        #expect(try text(#"chemical_formula_anonymous = "AB" AND density > 3"#) == ["CuAu-disordered", "FeO-vasp4"])
        #expect(try text(#"elements:elements_ratios HAS ALL "O":>0.5, "Ti":>0.3"#) == ["TiO2-anatase", "TiO2-rutile"])
        #expect(try text(#"NOT nsites IS KNOWN AND LENGTH elements > 1"#) == ["Fe3O4", "Li3FeO3-hypothetical", "TiO2-anatase"])
        #expect(try text(#"id ENDS WITH "rutile" OR id STARTS WITH "two-""#) == ["TiO2-rutile", "two-blocks/Li2O", "two-blocks/Li_bcc"])
    }

    @Test("injection attempts through values and field names are inert", arguments: [
        #"id = "'; DROP TABLE entries; --""#, #"id = "\" OR 1=1 --""#, #"chemical_formula_reduced CONTAINS "%' OR '1'='1""#,
    ])
    func injection(filter: String) throws {
        let (db, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = EntryFilterOptions()
        options.filterText = filter
        #expect(try ids(db, options).isEmpty)
        let count = try db.prepare("SELECT count(*) FROM entries")
        #expect(try count.step())
        #expect(count.int(0) == 18)
        // A field name is only ever looked up in the whitelist.
        options.filterText = "id) OR (1 = 1"
        #expect(throws: FilterError.self) { try options.predicate() }
    }
}
