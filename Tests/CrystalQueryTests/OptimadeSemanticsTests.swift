import Foundation
import Testing
import CrystalIngest
import CrystalStability
import CrystalStore
@testable import CrystalQuery

/// OPTIMADE 1.2's filter semantics over the demo store (reference table, sample structures and energies, hull):
/// the entries each filter must select, checked by hand against SampleData.
@Suite struct OptimadeSemanticsTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// The demo store's path, made once per test process.
    static let storePath: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crystaldb-semantics-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("s.sqlite").path
        if !FileManager.default.fileExists(atPath: path), let db = try? Store.openForWriting(path: path) {
            _ = try? Importer(store: db, options: ImportOptions(source: "mp", isReference: true)).run([sample.appendingPathComponent("reference.csv").path])
            _ = try? Importer(store: db, options: ImportOptions(source: "sample")).run([sample.appendingPathComponent("structures").path,
                                                                                     sample.appendingPathComponent("entries.csv").path])
            _ = try? HullRun().run(db)
        }
        return path
    }()

    func ids(_ filter: String, names: FilterCompiler.Names = .optimade) throws -> [String] {
        let db = try Store.openForReading(path: Self.storePath)
        var compiler = FilterCompiler(names: names)
        let query = EntryQuery(fields: [QueryField.byName["id"]!], predicate: try compiler.compile(try FilterParser.parse(filter)))
        var out = [String]()
        try db.entries(query) { if case .text(let id) = $0[0] { out.append(id) } }
        #expect(try db.count(query) == out.count)
        return out
    }

    static let structures = ["CuAu-disordered", "FeO-vasp4", "LiFeO2", "NaCl-conventional", "Si-diamond", "TiO2-rutile", "two-blocks/Li2O", "two-blocks/Li_bcc"]
    static let all = 31

    @Test("an unknown value matches no comparison, negated or not; only IS UNKNOWN and NOT IS KNOWN select it")
    func unknownValues() throws {
        // 23 energy rows have no structure: nsites is unknown for them.
        #expect(try ids("nsites = 4") == ["CuAu-disordered", "LiFeO2"])
        #expect(try ids("NOT nsites = 4") == ["FeO-vasp4", "NaCl-conventional", "Si-diamond", "TiO2-rutile", "two-blocks/Li2O", "two-blocks/Li_bcc"])
        #expect(try ids("NOT (nsites = 4 OR nsites = 8)") == ["FeO-vasp4", "TiO2-rutile", "two-blocks/Li2O", "two-blocks/Li_bcc"])
        #expect(try ids("nsites IS UNKNOWN").count == Self.all - 8)
        #expect(try ids("NOT nsites IS KNOWN").count == Self.all - 8)
        #expect(try ids("NOT (nsites IS UNKNOWN)") == Self.structures)
        // NOT of a conjunction with an unknown part holds when a known part is false: the 7 structures other than
        // LiFeO2, and the 20 entries without a structure and without Li (not mp-Li, mp-Li2O, Li3FeO3-hypothetical).
        #expect(try ids(#"NOT (nsites = 4 AND elements HAS "Li")"#).count == 27)
        #expect(try ids("_exmpl1_x = 1 OR NOT _exmpl1_x = 1").isEmpty)
        #expect(try ids("_exmpl1_x IS UNKNOWN").count == Self.all)
    }

    @Test("booleans: = TRUE, != FALSE; an entry without a hull result is neither")
    func booleans() throws {
        let stable = try ids("_crystaldb_is_stable = TRUE")
        #expect(stable.contains("LiFeO2") && stable.contains("mp-Li") && !stable.contains("Fe3O4"))
        #expect(try ids("_crystaldb_is_stable != FALSE") == stable)
        #expect(try ids("NOT _crystaldb_is_stable = FALSE") == stable)
        let unstable = try ids("_crystaldb_is_stable = FALSE")
        #expect(unstable == ["Fe3O4", "Li3FeO3-hypothetical", "Si-diamond", "TiO2-anatase", "mp-FeO", "mp-Li2O", "mp-NaCl", "mp-TiO2"])
        #expect(stable.count == Self.all - 8)
        #expect(try ids("is_stable = 1", names: .cli) == stable)
    }

    @Test("list LENGTH value, with and without an operator; the older LENGTH list form")
    func lengths() throws {
        #expect(try ids("elements LENGTH 3") == ["Li3FeO3-hypothetical", "LiFeO2"])
        #expect(try ids("elements LENGTH >= 3") == ["Li3FeO3-hypothetical", "LiFeO2"])
        #expect(try ids("elementsLENGTH 3") == ["Li3FeO3-hypothetical", "LiFeO2"])
        #expect(try ids("LENGTH elements >= 3") == ["Li3FeO3-hypothetical", "LiFeO2"])
        #expect(try ids("elements_ratios LENGTH 3") == ["Li3FeO3-hypothetical", "LiFeO2"])
        #expect(try ids("cartesian_site_positions LENGTH > 8") == ["two-blocks/Li2O"])
        #expect(try ids("species_at_sites LENGTH 2") == ["FeO-vasp4", "two-blocks/Li_bcc"])
        #expect(try ids("lattice_vectors LENGTH 3") == Self.structures)
        #expect(try ids("dimension_types LENGTH 3").count == Self.all)
        #expect(try ids("structure_features LENGTH 1") == ["CuAu-disordered"])
        #expect(try ids("structure_features LENGTH 0").count == Self.all - 1)
        #expect(try ids("nsites LENGTH 4").isEmpty)
    }

    @Test("optional features: property on the right, constant against constant, operators in HAS lists, correlated lists")
    func optionalFeatures() throws {
        #expect(try ids("nsites < nelements").isEmpty)
        #expect(try ids("nelements < nsites") == ["CuAu-disordered", "LiFeO2", "NaCl-conventional", "Si-diamond", "TiO2-rutile", "two-blocks/Li2O", "two-blocks/Li_bcc"])
        #expect(try ids("nsites = nperiodic_dimensions") == [])
        #expect(try ids("5 < 7").count == Self.all)
        #expect(try ids("7 < 5").isEmpty)
        #expect(try ids(#"elements HAS < "B""#) == ["Au", "CuAu-disordered", "mp-Au"])
        #expect(try ids(#"elements HAS ALL > "Si", < "Al""#).isEmpty)
        // Symbols from "Na" on: Na, O, Si, Ti (not Cl, so not NaCl).
        #expect(try ids(#"elements HAS ONLY >= "Na""#) == ["Na", "O2", "Si-diamond", "Ti", "TiO2-anatase", "TiO2-rutile", "mp-Na", "mp-O2", "mp-Si", "mp-Ti", "mp-TiO2"])
        #expect(try ids("elements_ratios HAS >= 0.6 AND nelements > 1") == ["TiO2-anatase", "TiO2-rutile", "mp-Li2O", "mp-TiO2", "two-blocks/Li2O"])
        #expect(try ids(#"elements:elements_ratios HAS "O":>0.6"#) == ["O2", "TiO2-anatase", "TiO2-rutile", "mp-O2", "mp-TiO2"])
        #expect(try ids(#"elements_ratios:elements HAS >0.6:"O""#) == ["O2", "TiO2-anatase", "TiO2-rutile", "mp-O2", "mp-TiO2"])
        #expect(try ids(#"elements:elements_ratios HAS ALL "O":>0.6, "Ti":<0.4"#) == ["TiO2-anatase", "TiO2-rutile", "mp-TiO2"])
        // Every (element, fraction) of the entry matches a pair: TiO2 (Ti 1/3, O 2/3) and O2 (O 1).
        #expect(try ids(#"elements:elements_ratios HAS ONLY "Ti":<0.5, "O":>0.5"#) == ["O2", "TiO2-anatase", "TiO2-rutile", "mp-O2", "mp-TiO2"])
        #expect(try ids("dimension_types HAS 1").count == Self.all)
        #expect(try ids("dimension_types HAS < 1").isEmpty)
        // Ids that contain their own reduced formula (Cl2 holds Cl, O2 holds O; FeLiO2 is not in LiFeO2).
        #expect(try ids(#"id CONTAINS chemical_formula_reduced"#) == ["Au", "Cl2", "Cu", "Fe", "Fe3O4", "FeO-vasp4", "Na", "O2", "Si-diamond", "Ti",
                                                                        "mp-Au", "mp-Cl2", "mp-Cu", "mp-Fe", "mp-FeO", "mp-Li", "mp-Li2O", "mp-Na", "mp-O2",
                                                                        "mp-Si", "mp-Ti", "two-blocks/Li2O", "two-blocks/Li_bcc"])
    }

    @Test("structure_features and species_at_sites come from the sites")
    func sites() throws {
        #expect(try ids(#"structure_features HAS "disorder""#) == ["CuAu-disordered"])
        #expect(try ids(#"NOT structure_features HAS "disorder""#).count == Self.all - 1)
        #expect(try ids(#"structure_features HAS ANY "disorder", "assemblies""#) == ["CuAu-disordered"])
        #expect(try ids(#"structure_features HAS ONLY "assemblies""#).count == Self.all - 1)
        #expect(try ids(#"species_at_sites HAS "Fe""#) == ["FeO-vasp4", "LiFeO2"])
        #expect(try ids(#"species_at_sites HAS ONLY "Li", "O""#) == ["two-blocks/Li2O", "two-blocks/Li_bcc"])
        // Species names of disordered sites are not element symbols: unknown without a structure, and CuAu has none.
        #expect(try ids(#"species_at_sites HAS ANY "Au", "Cu""#).isEmpty)
        #expect(try ids(#"NOT species_at_sites HAS "Fe""#).count == 6)
    }

    @Test("the store's own fields under the provider prefix: decomposition ids, formulas, timestamps")
    func providerFields() throws {
        // Li3FeO3 decomposes into LiFeO2 and Li2O; Fe3O4 into FeO and O2; the others are hull vertices or above one phase.
        #expect(try ids(#"_crystaldb_decomposition HAS "LiFeO2" AND _crystaldb_decomposition HAS "two-blocks/Li2O""#) == ["Li3FeO3-hypothetical"])
        #expect(try ids(#"_crystaldb_decomposition HAS ANY "two-blocks/Li2O", "mp-O2""#) == ["Fe3O4", "Li3FeO3-hypothetical", "mp-Li2O", "mp-O2", "two-blocks/Li2O"])
        #expect(try ids(#"_crystaldb_decomposition HAS ONLY "TiO2-rutile""#) == ["TiO2-anatase", "TiO2-rutile", "mp-TiO2"])
        #expect(try ids("_crystaldb_decomposition LENGTH 2") == ["Fe3O4", "Li3FeO3-hypothetical"])
        #expect(try ids("_crystaldb_decomposition LENGTH 1").count == Self.all - 2)
        #expect(try ids(#"_crystaldb_reduced_formula = "LiFeO2""#) == ["LiFeO2"])
        #expect(try ids(#"_crystaldb_reduced_formula = "CuAu""#) == ["CuAu-disordered"])
        #expect(try ids(#"chemical_formula_hill = "O2""#) == ["O2", "mp-O2"])
        #expect(try ids(#"chemical_formula_reduced = "FeLiO2""#) == ["LiFeO2"])
        #expect(try ids(#"chemical_formula_descriptive STARTS WITH "Fe""#) == ["Fe", "Fe3O4", "FeO-vasp4", "Li3FeO3-hypothetical", "LiFeO2", "mp-Fe", "mp-FeO"])
        #expect(try ids(#"last_modified >= "2000-01-01T00:00:00Z""#).count == Self.all)
        #expect(try ids(#"last_modified < "2000-01-01T00:00:00.5+01:00""#).isEmpty)
        #expect(try ids(#"type = "structures""#).count == Self.all)
        #expect(try ids(#"reduced_formula = "Li2O""#, names: .cli) == ["mp-Li2O", "two-blocks/Li2O"])
    }
}

/// Sorted pages are found in two parts (known sort keys, then unknown ones in id order): every window of every
/// order equals the same slice of the unpaged order.
@Suite struct SortedPagingTests {
    @Test("pages of sorted listings, ascending and descending, across the known/unknown boundary", arguments: [
        ("nsites", false), ("nsites", true), ("e_above_hull", false), ("e_above_hull", true), ("formation_energy_per_atom", false),
        ("spacegroup_number", true), ("chemical_formula_reduced", false),
    ])
    func windows(field: String, descending: Bool) throws {
        let db = try Store.openForReading(path: OptimadeSemanticsTests.storePath)
        let id = QueryField.byName["id"]!, key = QueryField.byName[field]!
        func ids(_ predicate: EntryPredicate, limit: Int?, offset: Int, secondKey: Bool = false) throws -> [String] {
            var query = EntryQuery(fields: [id], predicate: predicate)
            query.sort = [EntryQuery.SortKey(key, descending: descending)] + (secondKey ? [EntryQuery.SortKey(QueryField.byName["nelements"]!, descending: true)] : [])
            query.limit = limit
            query.offset = offset
            var out = [String]()
            try db.entries(query) { if case .text(let v) = $0[0] { out.append(v) } }
            return out
        }
        for predicate in [EntryPredicate.all, .elements(.any, [.init(symbol: "O")!, .init(symbol: "Li")!])] {
            for secondKey in [false, true] {
                let whole = try ids(predicate, limit: nil, offset: 0, secondKey: secondKey)
                #expect(whole.count == (predicate == .all ? 31 : 14))
                for limit in [1, 3, 7] {
                    for offset in stride(from: 0, through: whole.count + 2, by: 2) {
                        let page = try ids(predicate, limit: limit, offset: offset, secondKey: secondKey)
                        #expect(page == Array(whole.dropFirst(offset).prefix(limit)), "\(field) \(descending) \(limit) \(offset)")
                    }
                }
            }
        }
    }
}
