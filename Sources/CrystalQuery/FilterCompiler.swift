import CrystalModel
import CrystalStore

/// Compiles a `Filter` (the OPTIMADE language's tree) to the store's `EntryPredicate`: every field name is
/// looked up in the `QueryField` whitelist (plus OPTIMADE's names where they differ), every value is checked
/// against the field's type, and errors point at the filter's column. The store's planner then decides the
/// tables and writes the SQL; no SQL is written here.
public struct FilterCompiler {
    /// OPTIMADE names that map to a crystaldb field.
    static let aliases: [String: String] = ["chemical_formula_descriptive": "chemical_formula_reduced"]
    /// OPTIMADE names that are the same number for every entry (crystaldb stores periodic crystals only).
    static let constants: [String: Double] = ["nperiodic_dimensions": 3]

    public init() {}

    public func compile(_ filter: Filter) throws(FilterError) -> EntryPredicate {
        switch filter {
        case .all:
            return .all
        case .and(let l, let r):
            return .and(try compile(l), try compile(r))
        case .or(let l, let r):
            return .or(try compile(l), try compile(r))
        case .not(let inner):
            return .not(try compile(inner))
        case let .compare(name, column, op, value, valueColumn):
            let comparison = Self.comparison(op)
            if let constant = Self.constants[name] {
                guard case .number(let n) = value else { throw FilterError(column: valueColumn, reason: "\(name) is a number; compare it with a number") }
                return .constant(Self.holds(constant, comparison, n))
            }
            let field = try self.field(name, column)
            switch (field.kind, value) {
            case (.integer, .number(let n)), (.real, .number(let n)):
                return .compare(field, comparison, .real(n))
            case (.boolean, .number(let n)) where n == 0 || n == 1:
                return .compare(field, comparison, .integer(n == 1 ? 1 : 0))
            case (.boolean, .string(let s)) where s == "true" || s == "false":
                return .compare(field, comparison, .integer(s == "true" ? 1 : 0))
            case (.text, .string(let s)):
                return .compare(field, comparison, .text(s))
            case (.list, _), (.composition, _), (.decomposition, _):
                throw FilterError(column: column, reason: "\(name) is a list; use HAS, HAS ALL, HAS ANY, HAS ONLY or LENGTH")
            case (.text, .number):
                throw FilterError(column: valueColumn, reason: "\(name) is a string; compare it with a string in double quotes")
            case (.boolean, _):
                throw FilterError(column: valueColumn, reason: "\(name) is true or false; compare it with 1, 0, \"true\" or \"false\"")
            default:
                throw FilterError(column: valueColumn, reason: "\(name) is a number; compare it with a number")
            }
        case let .known(name, column, known):
            if Self.constants[name] != nil { return .constant(known) }
            return .known(try field(name, column), known)
        case let .match(name, column, kind, text):
            if Self.constants[name] != nil { throw FilterError(column: column, reason: "\(name) is not a string; CONTAINS, STARTS and ENDS need one") }
            let field = try self.field(name, column)
            guard field.kind == .text else { throw FilterError(column: column, reason: "\(name) is not a string; CONTAINS, STARTS and ENDS need one") }
            switch kind {
            case .contains: return .text(field, .contains, text)
            case .startsWith: return .text(field, .startsWith, text)
            case .endsWith: return .text(field, .endsWith, text)
            }
        case let .list(name, column, mode, values, valueColumn):
            guard name == "elements" else {
                if Self.constants[name] == nil { _ = try field(name, column) }
                throw FilterError(column: column, reason: "\(name) is not a list; HAS works on elements")
            }
            var elements = [Element]()
            for value in values {
                guard let element = Element(symbol: value) else { throw FilterError(column: valueColumn, reason: "'\(value)' is not an element symbol") }
                if !elements.contains(element) { elements.append(element) }
            }
            switch mode {
            case .has, .hasAll: return .elements(.all, elements.sorted())
            case .hasAny: return .elements(.any, elements.sorted())
            case .hasOnly: return .elements(.only, elements.sorted())
            }
        case let .length(name, column, op, n):
            guard name == "elements" else { throw FilterError(column: column, reason: "LENGTH works on elements") }
            return .elementCount(Self.comparison(op), n)
        case let .ratios(mode, items, column):
            var ratios = [EntryPredicate.ElementRatio]()
            for (symbol, op, fraction) in items {
                guard let element = Element(symbol: symbol) else { throw FilterError(column: column, reason: "'\(symbol)' is not an element symbol") }
                ratios.append(EntryPredicate.ElementRatio(element: element, comparison: Self.comparison(op), fraction: fraction))
            }
            switch mode {
            case .hasAny: return .elementRatios(.any, ratios)
            case .hasOnly: return .elementRatios(.only, ratios)
            case .has, .hasAll: return .elementRatios(.all, ratios)
            }
        }
    }

    func field(_ name: String, _ column: Int) throws(FilterError) -> QueryField {
        guard let field = QueryField.byName[Self.aliases[name] ?? name] else {
            throw FilterError(column: column, reason: "unknown field '\(name)' (crystaldb query --help lists the fields)")
        }
        return field
    }

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

    /// A comparison between two numbers known when the filter is compiled.
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
}
