extension Composition {
    /// The formula in Hill order (carbon, then hydrogen, then the rest alphabetically; without carbon all
    /// alphabetically), counts of the formula unit: the reduced counts, doubled where pymatgen keeps a formula
    /// whole (peroxides and diatomic elements: `H2O2`, `O2`). nil when the amounts are not whole numbers
    /// (partial occupancy), as OPTIMADE's `chemical_formula_hill` is then unset.
    public var hillFormula: String? {
        guard !amounts.isEmpty, amounts.allSatisfy({ abs($0.amount - $0.amount.rounded()) < Self.amountTolerance && $0.amount < Self.maximumAmount }) else {
            return nil
        }
        let counts = amounts.map { ($0.element, Int($0.amount.rounded())) }
        var divisor = 0
        for (_, count) in counts { divisor = Self.gcd(divisor, count) }
        guard divisor > 0 else { return nil }
        var reduced = counts.map { ($0.0, $0.1 / divisor) }
        if Self.keptWhole[Self.reduce(Self.electronegativityOrder(reduced.map { (element: $0.0, amount: $0.1) })).formula] != nil {
            reduced = reduced.map { ($0.0, $0.1 * 2) }
        }
        let hasCarbon = reduced.contains { $0.0.symbol == "C" }
        func rank(_ element: Element) -> Int { hasCarbon ? (element.symbol == "C" ? 0 : element.symbol == "H" ? 1 : 2) : 2 }
        return reduced.sorted { rank($0.0) != rank($1.0) ? rank($0.0) < rank($1.0) : $0.0.symbol < $1.0.symbol }
            .map { $0.0.symbol + ($0.1 == 1 ? "" : String($0.1)) }.joined()
    }
}
