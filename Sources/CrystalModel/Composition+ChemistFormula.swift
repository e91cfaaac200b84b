extension Composition {
    /// The reduced formula in chemists' element order, for labels and reactions: elements by increasing Pauling
    /// electronegativity (pymatgen's table, `Element.electronegativity`), those without one last, ties by symbol
    /// (`LiFePO4`, `Zn3P2`, `NaZnP`), each with its amount as `formatAmount` writes it ("" for 1). Unlike
    /// `pymatgenReducedFormula` it keeps no special cases (`O`, not `O2`; no bracketed groups), so a label reads as
    /// the point's composition. `reducedFormula` stays the OPTIMADE (alphabetical) form.
    public var electronegativityOrderedFormulaParts: [(element: Element, amount: String)] {
        Self.electronegativityOrder(reducedAmounts().amounts).map { ($0.element, Self.formatAmount($0.amount)) }
    }

    /// `electronegativityOrderedFormulaParts` as one string (`Li2FeO3`).
    public var electronegativityOrderedFormula: String {
        electronegativityOrderedFormulaParts.map { $0.element.symbol + $0.amount }.joined()
    }
}
