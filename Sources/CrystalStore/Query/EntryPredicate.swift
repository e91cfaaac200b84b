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

    /// One condition on an entry's composition rows: the element symbol or the atom fraction against a value.
    public struct CompositionTerm: Sendable, Equatable {
        public enum Column: Sendable, Equatable {
            case element
            /// The element's amount over the entry's atoms (OPTIMADE's elements_ratios).
            case fraction
        }
        public var column: Column
        public var comparison: Comparison
        public var value: StoreValue
        public init(_ column: Column, _ comparison: Comparison, _ value: StoreValue) {
            self.column = column
            self.comparison = comparison
            self.value = value
        }
    }

    /// Always true (no condition).
    case all
    case constant(Bool)
    case and(EntryPredicate, EntryPredicate)
    case or(EntryPredicate, EntryPredicate)
    /// True when the inner condition is false; unknown when it is unknown (SQL's three-valued NOT), so that a
    /// comparison with an unknown value matches neither negated nor not (OPTIMADE's rule for unknown values).
    case not(EntryPredicate)
    /// Unknown for every entry (a property no entry has a value for): matches nothing, negated or not.
    case unknown
    /// `field op field` (OPTIMADE's optional property on the right-hand side).
    case compareFields(QueryField, Comparison, QueryField)
    /// `field CONTAINS / STARTS WITH / ENDS WITH field`.
    case textFields(QueryField, TextMatch, QueryField)
    /// Conditions on the entry's composition rows: for `.all` every tuple, for `.any` some tuple, holds on some row
    /// (element and fraction together: OPTIMADE's correlated `elements:elements_ratios`); for `.only` every row
    /// satisfies some tuple.
    case composition(ElementMatch, [[CompositionTerm]])
    /// The hull decomposition holds every (`.all`), some (`.any`) or only (`.only`) these entry ids.
    case decomposition(ElementMatch, [String])
    /// The number of phases in the hull decomposition compared with a number.
    case decompositionLength(Comparison, Double)
    /// The structure has (true) or has no (false) disordered site (several elements, or a partly empty site):
    /// OPTIMADE's `disorder` feature. An entry without a structure has none.
    case disordered(Bool)
    /// The elements of the ordered sites (OPTIMADE's species names of ordered sites): every / any / only these.
    /// Unknown for an entry without a structure.
    case orderedSiteElements(ElementMatch, [Element])
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
