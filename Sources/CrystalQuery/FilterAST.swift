/// The predicate tree every filter (OPTIMADE text or short flags) becomes before it is compiled to SQL.
public indirect enum Filter: Equatable, Sendable {
    public enum Comparison: String, Sendable { case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=" }
    public enum StringMatch: Sendable, Equatable { case contains, startsWith, endsWith }
    public enum ListMatch: Sendable, Equatable { case has, hasAll, hasAny, hasOnly }

    public enum Value: Equatable, Sendable {
        case string(String)
        case number(Double)
    }

    case and(Filter, Filter)
    case or(Filter, Filter)
    case not(Filter)
    /// `field op value`; `column` is where the field was written (for type errors at compile time).
    case compare(field: String, column: Int, Comparison, Value, valueColumn: Int)
    case known(field: String, column: Int, Bool)
    case match(field: String, column: Int, StringMatch, String)
    /// `elements HAS ...`; values are element symbols.
    case list(field: String, column: Int, ListMatch, [String], valueColumn: Int)
    /// `LENGTH elements op n`
    case length(field: String, column: Int, Comparison, Double)
    /// `elements:elements_ratios HAS [ALL|ANY] "Li":>0.1, ...`
    case ratios(ListMatch, [(element: String, Comparison, Double)], column: Int)
    /// Everything (no filter).
    case all

    public static func == (l: Filter, r: Filter) -> Bool {
        switch (l, r) {
        case let (.and(a, b), .and(c, d)), let (.or(a, b), .or(c, d)): return a == c && b == d
        case let (.not(a), .not(b)): return a == b
        case let (.compare(f, _, o, v, _), .compare(g, _, p, w, _)): return f == g && o == p && v == w
        case let (.known(f, _, a), .known(g, _, b)): return f == g && a == b
        case let (.match(f, _, m, s), .match(g, _, n, t)): return f == g && m == n && s == t
        case let (.list(f, _, m, v, _), .list(g, _, n, w, _)): return f == g && m == n && v == w
        case let (.length(f, _, o, n), .length(g, _, p, m)): return f == g && o == p && n == m
        case let (.ratios(m, a, _), .ratios(n, b, _)):
            return m == n && a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }
        case (.all, .all): return true
        default: return false
        }
    }

    /// `self AND other`, dropping `.all`.
    public func and(_ other: Filter) -> Filter {
        if case .all = self { return other }
        if case .all = other { return self }
        return .and(self, other)
    }
}
