/// GNoME's stable-candidate rule (`crystaldb export --candidates`): non-reference entries that the last hull run
/// called stable (or within a distance of the hull), new against the reference set, and not duplicates of
/// another entry.
public struct CandidatePolicy: Sendable {
    /// eV/atom; nil: the hull run's own `is_stable` (a vertex, or within its tolerance).
    public var maximumEnergyAboveHull: Double?
    public var novelRule: EntryPredicate.NovelRule

    public init(maximumEnergyAboveHull: Double?, novelRule: EntryPredicate.NovelRule) {
        self.maximumEnergyAboveHull = maximumEnergyAboveHull
        self.novelRule = novelRule
    }

    /// The rule as a predicate (AND it with the user's filter).
    public var predicate: EntryPredicate {
        var rule = EntryPredicate.all
        if let maximum = maximumEnergyAboveHull, let field = QueryField.byName["e_above_hull"] {
            rule = rule.and(.compare(field, .lessOrEqual, .real(maximum)))
        } else if let stable = QueryField.byName["is_stable"] {
            rule = rule.and(.compare(stable, .equal, .integer(1)))
        }
        if let reference = QueryField.byName["is_reference"] { rule = rule.and(.compare(reference, .equal, .integer(0))) }
        return rule.and(.novel(novelRule)).and(.representsDuplicateGroup)
    }
}
