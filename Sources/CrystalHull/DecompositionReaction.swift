import CrystalModel

/// An entry's decomposition written as a reaction: `Li3FeO3 -> 0.571 LiFeO2 + 0.429 Li2O   (+0.024 eV/atom)`.
///
/// Coefficients are atom fractions (pymatgen's `get_decomposition` amounts): of one atom of the reactant, the
/// share that ends up in each product; they sum to 1, and the reaction balances with every formula read per
/// atom (Li3FeO3 as Li3/7 Fe1/7 O3/7). Per formula unit the example is Li3FeO3 -> LiFeO2 + Li2O. The energy is
/// the reactant's energy per atom minus its products' (pymatgen's decomposition energy): the energy above the
/// hull for an unstable entry (> 0), and for a stable one its energy below the hull of every other composition,
/// negated (< 0), with the phases that hull offers as products.
public struct DecompositionReaction: Sendable, CustomStringConvertible {
    public var reactant: Composition
    /// Product compositions and atom fractions, largest fraction first.
    public var products: [(composition: Composition, fraction: Double)]
    /// eV/atom: reactant minus products.
    public var energy: Double

    public init(reactant: Composition, products: [(composition: Composition, fraction: Double)], energy: Double) {
        self.reactant = reactant
        self.products = products.sorted { a, b in
            a.fraction != b.fraction ? a.fraction > b.fraction
                : a.composition.electronegativityOrderedFormula < b.composition.electronegativityOrderedFormula
        }
        self.energy = energy
    }

    /// The reaction of an engine result: its decomposition if it is above the hull, the competing phases
    /// if it is a vertex; nil when it was not placed. `composition(i)` gives entry i's composition.
    public init?(_ result: StabilityResult, of reactant: Composition, composition: (Int) -> Composition) {
        guard let (products, energy) = Self.terms(result) else { return nil }
        self.init(reactant: reactant, products: products.map { (composition($0.entry), $0.fraction) }, energy: energy)
    }

    /// An engine result's reaction as text, as `init?(_:of:composition:)` and `description` give it, with entry
    /// i's formula from `formula(i)` (`Composition.electronegativityOrderedFormula`; a writer of many reactions
    /// makes each formula once); nil when the entry was not placed.
    public static func text(_ result: StabilityResult, reactant: Int, formula: (Int) -> String) -> String? {
        guard let (products, energy) = terms(result) else { return nil }
        return text(reactant: formula(reactant), products: products.map { (formula($0.entry), $0.fraction) }, energy: energy)
    }

    /// The products (entry indices, atom fractions) and energy of an engine result's reaction: the competing
    /// phases of a vertex, the decomposition of an entry above the hull; nil when it was not placed.
    static func terms(_ result: StabilityResult) -> (products: [(entry: Int, fraction: Double)], energy: Double)? {
        if result.isHullVertex, let below = result.energyBelowHull { return (result.competingDecomposition, -below) }
        if let above = result.energyAboveHull, !result.decomposition.isEmpty { return (result.decomposition, above) }
        return nil
    }

    public var description: String {
        Self.text(reactant: reactant.electronegativityOrderedFormula,
                  products: products.map { ($0.composition.electronegativityOrderedFormula, $0.fraction) }, energy: energy)
    }

    /// The reaction's text from formulas already written (for writers that reuse them across many reactions);
    /// products largest fraction first, then by formula, as `description` orders them.
    public static func text(reactant: String, products: [(formula: String, fraction: Double)], energy: Double) -> String {
        // A stable element has nothing to decompose into.
        guard !products.isEmpty else { return "\(reactant) (elemental reference)" }
        let ordered = products.sorted { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.formula < $1.formula }
        let right = ordered.map { FixedDecimal.text($0.fraction, decimals: 3) + " " + $0.formula }
        return "\(reactant) -> \(right.joined(separator: " + "))   (\(FixedDecimal.text(energy, decimals: 3, plus: true)) eV/atom)"
    }
}
