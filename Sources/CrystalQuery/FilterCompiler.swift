import CrystalModel
import CrystalStore
import Foundation

/// Compiles a `Filter` (the OPTIMADE 1.2 language's tree) to the store's `EntryPredicate`, with OPTIMADE's
/// semantics: every standard `structures` property and the store's own fields (`_crystaldb_e_above_hull`; bare
/// `e_above_hull` too for the CLI) resolve to stored values, computed constants or known lists; values are
/// checked against the property's type (a mismatch is 501, as the specification says); an unknown value matches
/// no comparison, negated or not (the planner's NOT is SQL's three-valued NOT); another database's property
/// (`_exmpl_x`) is unknown, with a warning; optional features are supported where the store can answer them and
/// refused with 501 where not. No SQL is written here.
public struct FilterCompiler {
    /// Which names a filter may use.
    public enum Names: Sendable {
        /// OPTIMADE's standard names and the provider-prefixed fields only (the server).
        case optimade
        /// Those, and the CLI's bare field names (`e_above_hull`).
        case cli
    }

    public var providerPrefix: String
    public var names: Names
    /// Warnings collected while compiling (another provider's field, a value that cannot match).
    public private(set) var warnings: [String] = []

    public init(providerPrefix: String = "crystaldb", names: Names = .cli) {
        self.providerPrefix = providerPrefix
        self.names = names
    }

    /// Database-provider prefixes registered with OPTIMADE (providers.optimade.org): their properties are unknown
    /// here without a warning, as the specification asks; any other prefix gets one.
    public static let registeredPrefixes: Set<String> = [
        "aflow", "aiida", "alexandria", "ccdc", "ccpnc", "cmr", "cod", "exmpl", "httk", "jarvis", "matcloud", "matterverse",
        "mcloud", "mcloudarchive", "mp", "mpdd", "mpds", "mpod", "nmd", "odbx", "omdb", "optimade", "optimake", "oqmd", "pcod",
        "psdi", "tcod", "twodmatpedia",
    ]

    public mutating func compile(_ filter: Filter) throws(FilterError) -> EntryPredicate {
        switch filter {
        case .all: return .all
        case .and(let l, let r): return .and(try compile(l), try compile(r))
        case .or(let l, let r): return .or(try compile(l), try compile(r))
        case .not(let inner): return .not(try compile(inner))
        case let .compare(lhs, op, rhs): return try comparison(lhs, op, rhs)
        case let .known(property, known): return try self.known(property, known)
        case let .match(property, kind, operand): return try match(property, kind, operand)
        case let .has(property, mode, items): return try has(property, mode, items)
        case let .length(property, op, n, column): return try length(property, op, n, column)
        case let .zipped(properties, mode, tuples): return try zipped(properties, mode, tuples)
        }
    }

    // MARK: properties

    /// What a property name stands for.
    enum Resolved {
        /// A stored scalar value.
        case field(QueryField, FieldType)
        /// The same value for every entry.
        case constant(Filter.Value)
        /// A list property the store can search.
        case list(ListProperty)
        /// A property that is null for every entry here (another database's, or one never stored).
        case unknown
    }

    enum FieldType: Equatable {
        case string, number, boolean, timestamp
        /// Derived when served (space-group symbols): only IS KNOWN / IS UNKNOWN can be filtered.
        case unsearchable
    }

    enum ListProperty: Equatable {
        case elements, elementsRatios, structureFeatures, speciesAtSites, sitePositions, latticeVectors, dimensionTypes
        case decomposition, species, symmetryOperations
    }

    /// Standard OPTIMADE names that are a stored field under another name, or computed.
    static let standardFields: [String: String] = [
        "id": "id", "immutable_id": "immutable_id", "last_modified": "last_modified", "nelements": "nelements", "nsites": "nsites",
        "chemical_formula_descriptive": "chemical_formula_reduced", "chemical_formula_reduced": "optimade_formula_reduced",
        "chemical_formula_anonymous": "optimade_formula_anonymous", "chemical_formula_hill": "chemical_formula_hill",
        "space_group_it_number": "spacegroup_number",
    ]

    static let standardLists: [String: ListProperty] = [
        "elements": .elements, "elements_ratios": .elementsRatios, "structure_features": .structureFeatures,
        "species_at_sites": .speciesAtSites, "cartesian_site_positions": .sitePositions, "lattice_vectors": .latticeVectors,
        "dimension_types": .dimensionTypes, "species": .species, "space_group_symmetry_operations_xyz": .symmetryOperations,
    ]

    mutating func resolve(_ property: Filter.Property) throws(FilterError) -> Resolved {
        let name = property.name
        let own = "_\(providerPrefix)_"
        if name.hasPrefix(own) {
            let stored = String(name.dropFirst(own.count))
            if stored == "decomposition" { return .list(.decomposition) }
            if let field = QueryField.byName[stored], let type = Self.type(of: field) { return .field(field, type) }
            throw FilterError(column: property.column, reason: "unknown field '\(name)' (/info/structures lists the fields)")
        }
        if name.hasPrefix("_") {
            let prefix = name.dropFirst().prefix { $0 != "_" }
            guard !prefix.isEmpty, name.dropFirst(prefix.count + 1).first == "_" else {
                throw FilterError(column: property.column, reason: "'\(name)' is neither an OPTIMADE property nor a provider's (_prefix_name)")
            }
            if !Self.registeredPrefixes.contains(String(prefix)) {
                warn("'\(name)' belongs to another database (prefix '\(prefix)'): it is treated as unknown and matches no comparison")
            }
            return .unknown
        }
        if let dot = name.firstIndex(of: ".") {
            // A nested name is refused as unknown unless its first part is a property here (then 501: none has members).
            let head = Filter.Property(String(name[..<dot]), column: property.column)
            if head.name == "references" || head.name == "structures" || head.name == "calculations" {
                throw FilterError(column: property.column, reason: "filtering on relationships ('\(name)') is not supported: the store keeps none", notImplemented: true)
            }
            _ = try resolve(head)
            throw FilterError(column: property.column, reason: "nested property names ('\(name)') are not supported: no property here has members", notImplemented: true)
        }
        switch name {
        case "type": return .constant(.string("structures"))
        case "nperiodic_dimensions": return .constant(.number(3))
        case "assemblies", "space_group_symbol_hall", "space_group_symbol_hermann_mauguin", "space_group_symbol_hermann_mauguin_extended":
            if name == "assemblies" { return .unknown }
            guard let field = QueryField.byNameWithInternal[name] else { return .unknown }
            return .field(field, .unsearchable)
        default: break
        }
        if let list = Self.standardLists[name] { return .list(list) }
        if let stored = Self.standardFields[name], let field = QueryField.byNameWithInternal[stored], let type = Self.type(of: field) {
            return .field(field, stored == "last_modified" ? .timestamp : type)
        }
        if names == .cli {
            if name == "decomposition" { return .list(.decomposition) }
            if let field = QueryField.byName[name], let type = Self.type(of: field) { return .field(field, type) }
        }
        throw FilterError(column: property.column, reason: "unknown field '\(name)' (\(names == .cli ? "crystaldb query --help" : "/info/structures") lists the fields)")
    }

    static func type(of field: QueryField) -> FieldType? {
        switch field.kind {
        case .text: return .string
        case .integer, .real: return .number
        case .boolean: return .boolean
        // A composition can be known or unknown, not compared (elements and elements_ratios search it).
        case .composition: return .unsearchable
        case .list, .decomposition: return nil
        }
    }

    mutating func warn(_ text: String) {
        if !warnings.contains(text) { warnings.append(text) }
    }

    // MARK: comparisons

    mutating func comparison(_ lhs: Filter.Operand, _ op: Filter.Comparison, _ rhs: Filter.Operand) throws(FilterError) -> EntryPredicate {
        let comparison = Self.comparison(op)
        switch (lhs, rhs) {
        case let (.value(l, lc), .value(r, rc)):
            try Self.checkFinite(l, column: lc)
            try Self.checkFinite(r, column: rc)
            // Constant against constant (optional): numbers only; strings are refused with 501, as the specification demands.
            guard case .number(let a) = l, case .number(let b) = r else {
                throw FilterError(column: lc, reason: "comparing two constant strings is not supported (OPTIMADE requires 501 here)", notImplemented: true)
            }
            return .constant(Self.holds(a, comparison, b))
        case let (.property(p), .value(v, column)):
            return try compare(p, comparison, v, valueColumn: column)
        case let (.value(v, column), .property(p)):
            return try compare(p, Self.mirrored(comparison), v, valueColumn: column)
        case let (.property(l), .property(r)):
            return try compareProperties(l, comparison, r)
        }
    }

    /// Numbers beyond a double's range reach the compiler as infinities: refused with 501, as the specification allows.
    static func checkFinite(_ value: Filter.Value, column: Int) throws(FilterError) {
        if case .number(let n) = value, !n.isFinite {
            throw FilterError(column: column, reason: "the number is beyond the range of a double-precision value (about ±1.8e308)", notImplemented: true)
        }
    }

    mutating func compare(_ property: Filter.Property, _ op: EntryPredicate.Comparison, _ value: Filter.Value, valueColumn: Int) throws(FilterError) -> EntryPredicate {
        let resolved = try resolve(property)
        try Self.checkFinite(value, column: valueColumn)
        switch resolved {
        case .unknown:
            return .unknown
        case .constant(let constant):
            return .constant(try Self.evaluate(constant, op, value, property: property, valueColumn: valueColumn))
        case .list:
            // =, <, ... are not defined on lists: no entry matches, as for an unknown value (with a warning).
            warn("\(property.name) is a list, which =, !=, <, > do not apply to (use HAS, HAS ALL, HAS ANY, HAS ONLY or LENGTH): the comparison matches nothing")
            return .unknown
        case let .field(field, type):
            switch (type, value) {
            case (.number, .number(let n)):
                return .compare(field, op, .real(n))
            case (.string, .string(let s)):
                if op == .equal, !s.contains("."), let fast = Self.indexedEquivalent[field.name], let raw = QueryField.byNameWithInternal[fast] {
                    // Whole-number formulas equal the stored (indexed) column exactly.
                    return .compare(raw, .equal, .text(s))
                }
                return .compare(field, op, .text(s))
            case (.timestamp, .string(let s)):
                return try timestamp(field, op, s, column: valueColumn)
            case (.boolean, _):
                let flag: Bool
                switch value {
                case .bool(let b): flag = b
                case .number(let n) where n == 0 || n == 1: flag = n == 1
                case .string("true"), .string("false"): flag = value == .string("true")
                default:
                    throw FilterError(column: valueColumn, reason: "\(property.name) is true or false; compare it with TRUE or FALSE", notImplemented: true)
                }
                guard op == .equal || op == .notEqual else {
                    throw FilterError(column: valueColumn, reason: "booleans compare with = and != only")
                }
                return .compare(field, op, .integer(flag ? 1 : 0))
            case (.unsearchable, _):
                throw FilterError(column: property.column, reason: "\(property.name) cannot be compared here; IS KNOWN and IS UNKNOWN work", notImplemented: true)
            case (.number, _):
                throw FilterError(column: valueColumn, reason: "\(property.name) is a number; compare it with a number", notImplemented: true)
            default:
                throw FilterError(column: valueColumn, reason: "\(property.name) is a \(type == .timestamp ? "timestamp" : "string"); compare it with a string in double quotes", notImplemented: true)
            }
        }
    }

    /// Fields whose whole-number values equal a stored, indexed column.
    static let indexedEquivalent = ["optimade_formula_reduced": "chemical_formula_reduced", "optimade_formula_anonymous": "chemical_formula_anonymous"]

    mutating func compareProperties(_ l: Filter.Property, _ op: EntryPredicate.Comparison, _ r: Filter.Property) throws(FilterError) -> EntryPredicate {
        switch (try resolve(l), try resolve(r)) {
        case (.unknown, _), (_, .unknown):
            return .unknown
        case let (.constant(a), .constant(b)):
            return .constant(try Self.evaluate(a, op, b, property: l, valueColumn: r.column))
        case let (.field(f, type), .constant(v)):
            _ = (f, type)
            return try compare(l, op, v, valueColumn: r.column)
        case let (.constant(v), .field):
            return try compare(r, Self.mirrored(op), v, valueColumn: l.column)
        case let (.field(a, ta), .field(b, tb)):
            guard ta == tb, ta != .unsearchable else {
                throw FilterError(column: r.column, reason: "\(l.name) and \(r.name) have different types", notImplemented: true)
            }
            if ta == .boolean, op != .equal, op != .notEqual { throw FilterError(column: r.column, reason: "booleans compare with = and != only") }
            return .compareFields(a, op, b)
        default:
            throw FilterError(column: l.column, reason: "lists cannot be compared with =, <, >; use HAS or LENGTH", notImplemented: true)
        }
    }

    /// A timestamp compared with RFC 3339 text. Stored times are whole UTC seconds as text
    /// (`2026-11-27T10:00:00Z`), so a time with a fraction of a second lies strictly between two of them.
    mutating func timestamp(_ field: QueryField, _ op: EntryPredicate.Comparison, _ text: String, column: Int) throws(FilterError) -> EntryPredicate {
        guard let (seconds, fractional) = Self.parseTimestamp(text) else {
            throw FilterError(column: column, reason: "'\(text)' is not an RFC 3339 date and time (2026-11-27T10:00:00Z)")
        }
        let value = StoreValue.text(seconds)
        guard fractional else { return .compare(field, op, value) }
        switch op {
        case .less, .lessOrEqual: return .compare(field, .lessOrEqual, value)
        case .greater, .greaterOrEqual: return .compare(field, .greater, value)
        case .equal: return .and(.compare(field, .less, value), .compare(field, .greater, value))
        case .notEqual: return .or(.compare(field, .less, value), .compare(field, .greaterOrEqual, value))
        }
    }

    /// RFC 3339 -> whole seconds in UTC as stored text, and whether a fraction of a second was dropped.
    static func parseTimestamp(_ text: String) -> (String, Bool)? {
        let pattern = #"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"#
        guard let match = text.range(of: pattern, options: .regularExpression), match == text.startIndex..<text.endIndex else { return nil }
        let digits = text.split(whereSeparator: { !$0.isNumber }).map { Int($0) ?? 0 }
        guard digits.count >= 6 else { return nil }
        var components = DateComponents()
        components.year = digits[0]; components.month = digits[1]; components.day = digits[2]
        components.hour = digits[3]; components.minute = digits[4]; components.second = digits[5]
        var fraction = false
        if let dot = text.firstIndex(of: ".") {
            fraction = text[text.index(after: dot)...].prefix { $0.isNumber }.contains { $0 != "0" }
        }
        var offset = 0
        if let sign = text.lastIndex(where: { $0 == "+" || $0 == "-" }), sign > text.index(text.startIndex, offsetBy: 10) {
            let parts = text[text.index(after: sign)...].split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            offset = (parts[0] * 60 + parts[1]) * 60 * (text[sign] == "-" ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard (1...12).contains(digits[1]), (1...31).contains(digits[2]), digits[3] < 24, digits[4] < 60, digits[5] < 61,
              let date = calendar.date(from: components) else { return nil }
        let utc = date.addingTimeInterval(TimeInterval(-offset))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: utc)
        return (String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!), fraction)
    }

    // MARK: strings

    mutating func match(_ property: Filter.Property, _ kind: Filter.StringMatch, _ operand: Filter.Operand) throws(FilterError) -> EntryPredicate {
        let textMatch: EntryPredicate.TextMatch = kind == .contains ? .contains : kind == .startsWith ? .startsWith : .endsWith
        let resolved = try resolve(property)
        if case .unknown = resolved { return .unknown }
        switch operand {
        case .value(.string(let text), _):
            switch resolved {
            case .constant(.string(let s)):
                return .constant(kind == .contains ? (text.isEmpty || s.contains(text)) : kind == .startsWith ? s.hasPrefix(text) : s.hasSuffix(text))
            case let .field(field, .string):
                return .text(field, textMatch, text)
            default:
                throw FilterError(column: property.column, reason: "\(property.name) is not a string; CONTAINS, STARTS and ENDS need one", notImplemented: true)
            }
        case .property(let other):
            // Optional: a property on the right.
            switch (resolved, try resolve(other)) {
            case (_, .unknown): return .unknown
            case let (.field(a, .string), .field(b, .string)): return .textFields(a, textMatch, b)
            default: throw FilterError(column: other.column, reason: "CONTAINS, STARTS and ENDS compare two strings", notImplemented: true)
            }
        case .value(_, let column):
            throw FilterError(column: column, reason: "CONTAINS, STARTS and ENDS take a string", notImplemented: true)
        }
    }

    // MARK: known

    mutating func known(_ property: Filter.Property, _ known: Bool) throws(FilterError) -> EntryPredicate {
        switch try resolve(property) {
        case .unknown: return .constant(!known)
        case .constant: return .constant(known)
        case .field(let field, _): return .known(field, known)
        case .list(let list):
            switch list {
            case .elements, .elementsRatios, .structureFeatures, .dimensionTypes: return .constant(known)
            case .speciesAtSites, .sitePositions, .latticeVectors, .species: return .known(QueryField.byName["nsites"]!, known)
            case .decomposition: return .known(QueryField.byName["decomposition"]!, known)
            case .symmetryOperations:
                throw FilterError(column: property.column, reason: "space_group_symmetry_operations_xyz is computed when served and cannot be filtered on", notImplemented: true)
            }
        }
    }

    // MARK: helpers

    static func comparison(_ op: Filter.Comparison) -> EntryPredicate.Comparison {
        switch op {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        }
    }

    /// `a op b` -> `b op' a`.
    static func mirrored(_ op: EntryPredicate.Comparison) -> EntryPredicate.Comparison {
        switch op {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return op
        }
    }

    static func holds(_ l: Double, _ op: EntryPredicate.Comparison, _ r: Double) -> Bool {
        switch op {
        case .equal: return l == r
        case .notEqual: return l != r
        case .less: return l < r
        case .lessOrEqual: return l <= r
        case .greater: return l > r
        case .greaterOrEqual: return l >= r
        }
    }

    static func holds(stringCompare l: String, _ op: EntryPredicate.Comparison, _ r: String) -> Bool {
        let a = Array(l.utf8), b = Array(r.utf8)
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a.lexicographicallyPrecedes(b)
        case .lessOrEqual: return !b.lexicographicallyPrecedes(a)
        case .greater: return b.lexicographicallyPrecedes(a)
        case .greaterOrEqual: return !a.lexicographicallyPrecedes(b)
        }
    }

    /// A constant property's value against a value known when compiling.
    static func evaluate(_ constant: Filter.Value, _ op: EntryPredicate.Comparison, _ value: Filter.Value, property: Filter.Property, valueColumn: Int) throws(FilterError) -> Bool {
        switch (constant, value) {
        case let (.number(a), .number(b)): return holds(a, op, b)
        case let (.string(a), .string(b)): return holds(stringCompare: a, op, b)
        case let (.bool(a), .bool(b)) where op == .equal || op == .notEqual: return (a == b) == (op == .equal)
        default:
            throw FilterError(column: valueColumn, reason: "\(property.name) and the value have different types", notImplemented: true)
        }
    }
}
