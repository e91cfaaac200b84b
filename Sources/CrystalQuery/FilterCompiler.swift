import CrystalModel
import CrystalStore

/// Compiles a `Filter` to one parameterized SQL condition over the entry row (aliases e, l, g as in
/// `QueryField.fromClause`). Field names come from the `QueryField` whitelist (plus OPTIMADE's names where
/// they differ); every value is bound, never spliced. Element presence and subset tests use the
/// compositions (element, entry_pk) index and the chemical-system index, never a scan of sites.
public struct FilterCompiler {
    public struct Compiled: Sendable {
        public var sql: String
        public var bindings: [StoreValue]
    }

    /// OPTIMADE names that map to a crystaldb field or constant.
    static let aliases: [String: String] = ["nperiodic_dimensions": "3", "chemical_formula_descriptive": "chemical_formula_reduced"]

    public init() {}

    public func compile(_ filter: Filter) throws(FilterError) -> Compiled {
        var bindings = [StoreValue]()
        let sql = try node(filter, &bindings)
        return Compiled(sql: sql, bindings: bindings)
    }

    func field(_ name: String, _ column: Int) throws(FilterError) -> (sql: String, kind: QueryField.Kind) {
        if let alias = Self.aliases[name] {
            if let field = QueryField.byName[alias] { return (field.sql, field.kind) }
            return (alias, .integer)
        }
        guard let field = QueryField.byName[name] else {
            throw FilterError(column: column, reason: "unknown field '\(name)' (crystaldb query --help lists the fields)")
        }
        return (field.sql, field.kind)
    }

    func node(_ filter: Filter, _ b: inout [StoreValue]) throws(FilterError) -> String {
        switch filter {
        case .all:
            return "1"
        case .and(let l, let r):
            return "(\(try node(l, &b)) AND \(try node(r, &b)))"
        case .or(let l, let r):
            return "(\(try node(l, &b)) OR \(try node(r, &b)))"
        case .not(let inner):
            return "(NOT coalesce(\(try node(inner, &b)), 0))"
        case let .compare(name, column, op, value, valueColumn):
            let (sql, kind) = try field(name, column)
            switch (kind, value) {
            case (.integer, .number(let n)), (.real, .number(let n)):
                b.append(.real(n))
                return "(\(sql) \(op.rawValue) ?)"
            case (.boolean, .number(let n)) where n == 0 || n == 1:
                b.append(.integer(Int64(n)))
                return "(\(sql) \(op.rawValue) ?)"
            case (.boolean, .string(let s)) where s == "true" || s == "false":
                b.append(.integer(s == "true" ? 1 : 0))
                return "(\(sql) \(op.rawValue) ?)"
            case (.text, .string(let s)):
                b.append(.text(s))
                return "(\(sql) \(op.rawValue) ?)"
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
            let (sql, _) = try field(name, column)
            return "(\(sql) IS \(known ? "NOT NULL" : "NULL"))"
        case let .match(name, column, kind, text):
            let (sql, fieldKind) = try field(name, column)
            guard fieldKind == .text else { throw FilterError(column: column, reason: "\(name) is not a string; CONTAINS, STARTS and ENDS need one") }
            b.append(.text(text))
            switch kind {
            case .contains: return "(instr(\(sql), ?) > 0)"
            case .startsWith:
                b.append(.text(text))
                return "(substr(\(sql), 1, length(?)) = ?)"
            case .endsWith:
                b.append(.text(text))
                b.append(.text(text))
                return "(length(\(sql)) >= length(?) AND substr(\(sql), -length(?)) = ?)"
            }
        case let .list(name, column, mode, values, valueColumn):
            guard name == "elements" else {
                _ = try field(name, column)
                throw FilterError(column: column, reason: "\(name) is not a list; HAS works on elements")
            }
            var symbols = [String]()
            for value in values {
                guard Element(symbol: value) != nil else { throw FilterError(column: valueColumn, reason: "'\(value)' is not an element symbol") }
                if !symbols.contains(value) { symbols.append(value) }
            }
            return elementCondition(mode, symbols.sorted(), &b)
        case let .length(name, column, op, n):
            guard name == "elements" else { throw FilterError(column: column, reason: "LENGTH works on elements") }
            b.append(.real(n))
            return "(e.nelements \(op.rawValue) ?)"
        case let .ratios(mode, items, column):
            var parts = [String]()
            for (element, op, ratio) in items {
                guard Element(symbol: element) != nil else { throw FilterError(column: column, reason: "'\(element)' is not an element symbol") }
                b.append(.text(element))
                b.append(.real(ratio))
                parts.append("e.entry_pk IN (SELECT c.entry_pk FROM compositions c JOIN entries x ON x.entry_pk = c.entry_pk WHERE c.element = ? AND c.amount / x.natoms \(op.rawValue) ?)")
            }
            switch mode {
            case .hasAny: return "(" + parts.joined(separator: " OR ") + ")"
            case .hasOnly:
                b.append(.integer(Int64(items.count)))
                return "(" + parts.joined(separator: " AND ") + " AND e.nelements = ?)"
            case .has, .hasAll: return "(" + parts.joined(separator: " AND ") + ")"
            }
        }
    }

    /// Element tests run on the chemical systems table (bit masks, ~20k rows for Materials Project), and the
    /// matching systems select entries through the chemical_system index: no composition or site rows are read.
    func elementCondition(_ mode: Filter.ListMatch, _ symbols: [String], _ b: inout [StoreValue]) -> String {
        let mask = ElementMask(symbols.compactMap { Element(symbol: $0) })
        let test: String
        switch mode {
        case .has, .hasAll:
            b += [.integer(mask.low), .integer(mask.low), .integer(mask.high), .integer(mask.high)]
            test = "(mask_low & ?) = ? AND (mask_high & ?) = ?"
        case .hasAny:
            b += [.integer(mask.low), .integer(mask.high)]
            test = "((mask_low & ?) != 0 OR (mask_high & ?) != 0)"
        case .hasOnly:
            b += [.integer(~mask.low), .integer(~mask.high)]
            test = "(mask_low & ?) = 0 AND (mask_high & ?) = 0"
        }
        return "(e.chemical_system IN (SELECT chemical_system FROM chemical_systems WHERE \(test)))"
    }
}

