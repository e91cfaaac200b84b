extension Composition {
    /// The reduced formula as chemists and pymatgen write it (`reduced_formula`): elements by increasing Pauling
    /// electronegativity, those without one last, ties by symbol (`LiFePO4`, `Zn3P2`, `NaZnP`), each with its
    /// amount as `formatAmount` writes it ("" for 1). `reducedFormula` stays the OPTIMADE (alphabetical) form.
    public var electronegativityOrderedFormulaParts: [(element: Element, amount: String)] {
        reducedAmounts().amounts.sorted { a, b in
            let x = a.element.paulingElectronegativity ?? .infinity, y = b.element.paulingElectronegativity ?? .infinity
            return x != y ? x < y : a.element.symbol < b.element.symbol
        }.map { ($0.element, Self.formatAmount($0.amount)) }
    }

    /// `electronegativityOrderedFormulaParts` as one string (`Li2FeO3`).
    public var electronegativityOrderedFormula: String {
        electronegativityOrderedFormulaParts.map { $0.element.symbol + $0.amount }.joined()
    }
}
