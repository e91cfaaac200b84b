/// The tree an OPTIMADE filter (or the CLI's short flags) becomes before it is checked against the fields and
/// compiled to the store's predicate. It keeps everything the 1.2 grammar allows, optional constructs included
/// (property on the right-hand side, constant against constant, operators inside HAS lists, correlated lists);
/// the compiler decides what each means or refuses it.
public indirect enum Filter: Equatable, Sendable {
    public enum Comparison: String, Sendable { case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=" }
    public enum StringMatch: Sendable, Equatable { case contains, startsWith, endsWith }
    public enum ListMatch: Sendable, Equatable { case has, hasAll, hasAny, hasOnly }

    /// A property name where it was written; `name` may be nested (`a.b`).
    public struct Property: Equatable, Sendable {
        public var name: String
        public var column: Int
        public init(_ name: String, column: Int) {
            self.name = name
            self.column = column
        }
    }

    public enum Value: Equatable, Sendable {
        case string(String)
        case number(Double)
        case bool(Bool)
    }

    /// One side of a comparison: a property or a constant (with its column).
    public enum Operand: Equatable, Sendable {
        case property(Property)
        case value(Value, column: Int)

        public var column: Int {
            switch self {
            case .property(let p): return p.column
            case .value(_, let column): return column
            }
        }
    }

    /// One value of a HAS list, with its operator (`=` when none was written).
    public struct ListItem: Equatable, Sendable {
        public var comparison: Comparison
        public var operand: Operand
        /// An operator was written (`HAS < 3`): OPTIMADE's optional "operators in HAS lists" feature.
        public var explicitOperator: Bool
        public init(_ comparison: Comparison = .equal, _ operand: Operand, explicitOperator: Bool = false) {
            self.comparison = comparison
            self.operand = operand
            self.explicitOperator = explicitOperator
        }
    }

    case and(Filter, Filter)
    case or(Filter, Filter)
    case not(Filter)
    /// `lhs op rhs`: a property or a constant on either side.
    case compare(Operand, Comparison, Operand)
    case known(Property, Bool)
    case match(Property, StringMatch, Operand)
    /// `list HAS [ALL | ANY | ONLY] items` (`.has` holds one item).
    case has(Property, ListMatch, [ListItem])
    /// `list LENGTH [op] n` (and crystaldb's older `LENGTH list op n`).
    case length(Property, Comparison, Double, valueColumn: Int)
    /// `p1:p2:... HAS [ALL | ANY | ONLY] v1:v2:..., ...`: each inner list holds one value per property.
    case zipped([Property], ListMatch, [[ListItem]])
    /// Everything (no filter).
    case all

    /// `self AND other`, dropping `.all`.
    public func and(_ other: Filter) -> Filter {
        if case .all = self { return other }
        if case .all = other { return self }
        return .and(self, other)
    }

    /// `field op value` for the CLI's flags.
    public static func compare(_ field: String, _ op: Comparison, _ value: Value) -> Filter {
        .compare(.property(Property(field, column: 0)), op, .value(value, column: 0))
    }

    /// `elements HAS [ALL | ANY | ONLY] symbols` for the CLI's flags.
    public static func elements(_ match: ListMatch, _ symbols: [String]) -> Filter {
        .has(Property("elements", column: 0), match, symbols.map { ListItem(.equal, .value(.string($0), column: 0)) })
    }
}
