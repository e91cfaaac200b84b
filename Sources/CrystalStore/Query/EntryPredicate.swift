import CrystalModel

/// A condition on entries with every field resolved and every value typed: what a filter (OPTIMADE text or
/// short flags, parsed and checked by CrystalQuery) means, before `QueryPlanner` decides the tables and
/// writes the SQL. Adding an operator is one case here and one in `QueryPlanner.condition`.
public indirect enum EntryPredicate: Sendable, Equatable {
    public enum Comparison: String, Sendable { case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=" }
    public enum TextMatch: Sendable, Equatable { case contains, startsWith, endsWith }
    public enum ElementMatch: Sendable, Equatable {
        /// Contains every element of the set.
        case all
        /// Contains at least one.
        case any
        /// Contains no element outside the set.
        case only
    }

    /// One element's atom fraction compared with a number (OPTIMADE's `elements:elements_ratios`).
    public struct ElementRatio: Sendable, Equatable {
        public var element: Element
        public var comparison: Comparison
        public var fraction: Double
        public init(element: Element, comparison: Comparison, fraction: Double) {
            self.element = element
            self.comparison = comparison
            self.fraction = fraction
        }
    }

    /// Which rule says that an entry is new against the reference set.
    public enum NovelRule: String, Sendable, Equatable {
        /// No reference entry has the same reduced composition (GNoME's rule).
        case composition
        /// No reference entry matches the entry's structure (after `crystaldb dedupe`; true without it).
        case structure
        /// The rule the last dedupe run chose (`is_novel`).
        case stored
    }

    /// Always true (no condition).
    case all
    case constant(Bool)
    case and(EntryPredicate, EntryPredicate)
    case or(EntryPredicate, EntryPredicate)
    /// True when the inner condition is false or unknown (SQL's NULL counts as false).
    case not(EntryPredicate)
    /// `field op value`; values are `.real` for numbers, `.integer` 0/1 for booleans, `.text` for strings.
    case compare(QueryField, Comparison, StoreValue)
    /// The field has a value (`true`) or has none (`false`).
    case known(QueryField, Bool)
    case text(QueryField, TextMatch, String)
    /// The entry's set of elements against `elements`.
    case elements(ElementMatch, [Element])
    /// The number of elements compared with a number.
    case elementCount(Comparison, Double)
    /// Every (`.all`), any (`.any`) or every-and-nothing-else (`.only`) of the element fractions holds.
    case elementRatios(ElementMatch, [ElementRatio])
    /// New against the reference set by `rule`.
    case novel(NovelRule)
    /// Not a duplicate of another entry (the representative of its group, or in no group).
    case representsDuplicateGroup

    /// `self AND other`, dropping `.all`.
    public func and(_ other: EntryPredicate) -> EntryPredicate {
        if case .all = self { return other }
        if case .all = other { return self }
        return .and(self, other)
    }
}
