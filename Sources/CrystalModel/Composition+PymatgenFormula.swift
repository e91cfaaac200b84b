import Foundation

extension Composition {
    /// The reduced formula as pymatgen writes it (`Composition.reduced_formula`), the form of GNoME's and
    /// Materials Project's `Reduced Formula` columns: elements by increasing Pauling electronegativity (symbol
    /// order breaking ties, elements without one last), amounts divided by their greatest common divisor, the
    /// two most electronegative elements of a compound of three or more written as a bracketed group when
    /// their electronegativities differ by less than `polyanionElectronegativityGap` and they reduce further
    /// (`Fe2(SO4)3`), and pymatgen's peroxides and diatomic elements kept whole (`Li2O2`, `O2`, `H2`).
    /// Amounts that are not whole numbers (partial occupancy) are written unreduced, every amount shown, in the
    /// same order (`Cu0.5Au0.5`, `Li1Fe0.5O2`). Implemented from pymatgen's documented behaviour
    /// (`pymatgen.core.composition`, 2026.10.24) and checked against its answers for every MP row.
    public var pymatgenReducedFormula: String {
        let ordered = Self.electronegativityOrder(amounts)
        guard amounts.allSatisfy({ abs($0.amount - $0.amount.rounded()) < Self.amountTolerance }),
              amounts.allSatisfy({ $0.amount < Self.maximumAmount }) else {
            return ordered.map { $0.element.symbol + Self.pythonAmount($0.amount, ignoringOne: false) }.joined()
        }
        let counts = ordered.map { ($0.element, Int($0.amount.rounded())) }
        let formula = Self.reduce(counts).formula
        return Self.keptWhole[formula] ?? formula
    }

    /// The elements in the order pymatgen's formulas write them: increasing electronegativity, symbol breaking ties.
    public var electronegativityOrderedElements: [Element] { Self.electronegativityOrder(amounts).map(\.element) }

    /// Largest electronegativity difference of the last two elements for which pymatgen groups them (`(SO4)3`).
    static let polyanionElectronegativityGap = 1.65

    /// Reduced formulas pymatgen does not reduce completely.
    static let keptWhole: [String: String] = [
        "LiO": "Li2O2", "NaO": "Na2O2", "KO": "K2O2", "HO": "H2O2", "CsO": "Cs2O2", "RbO": "Rb2O2",
        "O": "O2", "N": "N2", "F": "F2", "Cl": "Cl2", "H": "H2",
    ]

    static func electronegativityOrder<T>(_ pairs: [(element: Element, amount: T)]) -> [(element: Element, amount: T)] {
        pairs.sorted { l, r in
            let a = l.element.electronegativity.isNaN ? Double.infinity : l.element.electronegativity
            let b = r.element.electronegativity.isNaN ? Double.infinity : r.element.electronegativity
            return a != b ? a < b : l.element.symbol < r.element.symbol
        }
    }

    /// Whole counts in electronegativity order -> the reduced formula and the divisor.
    static func reduce(_ counts: [(element: Element, amount: Int)]) -> (formula: String, factor: Int) {
        var factor = 0
        for (_, count) in counts { factor = gcd(factor, count) }
        factor = max(factor, 1)
        var leading = counts
        var group = ""
        if counts.count >= 3 {
            let last = counts[counts.count - 1].element.electronegativity, previous = counts[counts.count - 2].element.electronegativity
            // NaN (no electronegativity) never groups, as in pymatgen.
            if last - previous < polyanionElectronegativityGap {
                let pair = counts.suffix(2).map { ($0.element, $0.amount / factor) }
                let inner = reduce(pair)
                if inner.factor != 1 {
                    group = "(\(inner.formula))\(inner.factor)"
                    leading.removeLast(2)
                }
            }
        }
        let text = leading.map { $0.element.symbol + pythonAmount(Double($0.amount / factor), ignoringOne: true) }.joined()
        return (text + group, factor)
    }

    /// An amount as pymatgen's `formula_double_format` prints it: "" for 1 (when ignoring ones), whole numbers
    /// bare, others rounded to 8 decimals in Python's shortest float form.
    static func pythonAmount(_ amount: Double, ignoringOne: Bool) -> String {
        if ignoringOne && abs(amount - 1) <= amountTolerance { return "" }
        if abs(amount - amount.rounded()) <= amountTolerance, abs(amount) < 1e15 { return String(Int64(amount.rounded())) }
        let rounded = Double(String(format: "%.8f", amount)) ?? amount
        return "\(rounded)"
    }
}
