import CrystalModel
import CrystalStore

/// The everyday short flags, each translated into the same `Filter` tree as the OPTIMADE text.
public struct EntryFilterOptions: Sendable {
    public var filterText: String?
    public var elements: [String] = []
    public var only: [String] = []
    public var exclude: [String] = []
    public var chemicalSystem: String?
    public var formula: String?
    public var maximumEnergyAboveHull: Double?
    public var stable = false
    public var source: String?

    public init() {}

    /// Why a short flag is wrong (an element that is not one, a formula that does not parse).
    public struct FlagError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The whole filter: the text (if any) AND every flag.
    public func filter() throws -> Filter {
        var filter = try filterText.map(FilterParser.parse) ?? .all
        func symbols(_ list: [String], flag: String) throws -> [String] {
            for symbol in list where Element(symbol: symbol) == nil {
                throw FlagError(description: "--\(flag): '\(symbol)' is not an element symbol")
            }
            return list
        }
        if !elements.isEmpty { filter = filter.and(.elements(.hasAll, try symbols(elements, flag: "elements"))) }
        if !only.isEmpty { filter = filter.and(.elements(.hasOnly, try symbols(only, flag: "only"))) }
        for symbol in try symbols(exclude, flag: "exclude") {
            filter = filter.and(.not(.elements(.has, [symbol])))
        }
        if let chemicalSystem {
            let parts = chemicalSystem.split(separator: "-").map(String.init)
            let system = try symbols(parts, flag: "chemsys").sorted().joined(separator: "-")
            filter = filter.and(.compare("chemical_system", .equal, .string(system)))
        }
        if let formula {
            let reduced: String
            do { reduced = try Composition(formula: formula).reducedFormula } catch { throw FlagError(description: "--formula: \(error)") }
            filter = filter.and(.compare("chemical_formula_descriptive", .equal, .string(reduced)))
        }
        if let maximumEnergyAboveHull {
            filter = filter.and(.compare("e_above_hull", .lessOrEqual, .number(maximumEnergyAboveHull)))
        }
        if stable { filter = filter.and(.compare("is_stable", .equal, .bool(true))) }
        if let source { filter = filter.and(.compare("source", .equal, .string(source))) }
        return filter
    }

    /// The whole filter as the store's predicate (field names and types checked).
    public func predicate() throws -> EntryPredicate {
        try compiled().predicate
    }

    /// The predicate and the warnings compiling it raised (another database's field, a value that cannot match).
    public func compiled() throws -> (predicate: EntryPredicate, warnings: [String]) {
        var compiler = FilterCompiler()
        let predicate = try compiler.compile(filter())
        return (predicate, compiler.warnings)
    }

    /// `field` or `field:desc`, from the whitelist (the OPTIMADE server's `_crystaldb_` names too).
    public static func sort(_ text: String) throws -> EntryQuery.SortKey {
        let parts = text.split(separator: ":")
        guard let name = parts.first.map({ QueryField.name(ofPrefixed: String($0)) }), let field = QueryField.byName[name], parts.count <= 2 else {
            throw FlagError(description: "--sort: unknown field '\(text)'")
        }
        if parts.count == 2 {
            guard parts[1] == "desc" || parts[1] == "asc" else { throw FlagError(description: "--sort: use FIELD, FIELD:asc or FIELD:desc") }
            return EntryQuery.SortKey(field, descending: parts[1] == "desc")
        }
        return EntryQuery.SortKey(field)
    }
}
