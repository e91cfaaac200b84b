import CrystalHull
import CrystalModel
import CrystalPhaseDiagram

/// Small systems whose answers can be worked out by hand.
enum HandMadeSystems {
    static let li = Element(symbol: "Li")!, fe = Element(symbol: "Fe")!, o = Element(symbol: "O")!, p = Element(symbol: "P")!

    /// Elemental reference energies (eV/atom).
    static let references: [Element: Double] = [li: -1.9, fe: -8.3, o: -4.9, p: -5.4]

    /// An entry with this formation energy per atom against `references`.
    static func entry(_ id: String, _ amounts: [(Element, Double)], formation: Double, source: String = "mp", reference: Bool = true) -> DiagramEntry {
        let composition = Composition(amounts)
        let total = composition.totalAmount
        var perAtom = formation
        for (element, amount) in amounts { perAtom += amount / total * references[element]! }
        return DiagramEntry(HullEntry(id: id, composition: composition, totalEnergy: perAtom * total, isReference: reference), source: source)
    }

    /// Li3FeO3's energy: 0.024 eV/atom above the LiFeO2-Li2O tie line it lies on (4/7 LiFeO2 + 3/7 Li2O).
    static let li3FeO3Formation = 4.0 / 7 * -1.9 + 3.0 / 7 * -2.0 + 0.024

    /// Li-Fe-O: stable Li2O (-2.0), LiFeO2 (-1.9), Fe2O3 (-1.7); Li3FeO3 0.024 above LiFeO2 + Li2O; a candidate
    /// LiFeO2 polymorph 0.05 above; a candidate Li5FeO4 below the reference hull.
    static var liFeO: [DiagramEntry] {
        [
            entry("mp-li", [(li, 2)], formation: 0), entry("mp-fe", [(fe, 2)], formation: 0), entry("mp-o", [(o, 2)], formation: 0),
            entry("mp-li2o", [(li, 8), (o, 4)], formation: -2.0),
            entry("mp-lifeo2", [(li, 1), (fe, 1), (o, 2)], formation: -1.9),
            entry("mp-fe2o3", [(fe, 4), (o, 6)], formation: -1.7),
            entry("mp-li3feo3", [(li, 3), (fe, 1), (o, 3)], formation: li3FeO3Formation),
            entry("gen-lifeo2", [(li, 2), (fe, 2), (o, 4)], formation: -1.85, source: "gen", reference: false),
            entry("gen-li5feo4", [(li, 5), (fe, 1), (o, 4)], formation: -2.05, source: "gen", reference: false),
        ]
    }

    /// Li-Fe-P-O: the Li-Fe-O entries plus P, Li3PO4, FePO4 and LiFePO4.
    static var liFePO: [DiagramEntry] {
        liFeO + [
            entry("mp-p", [(p, 4)], formation: 0),
            entry("mp-li3po4", [(li, 3), (p, 1), (o, 4)], formation: -2.6),
            entry("mp-fepo4", [(fe, 1), (p, 1), (o, 4)], formation: -2.2),
            entry("mp-lifepo4", [(li, 1), (fe, 1), (p, 1), (o, 4)], formation: -2.5),
            entry("mp-p2o5", [(p, 2), (o, 5)], formation: -1.9),
            entry("gen-lifep2o7", [(li, 1), (fe, 1), (p, 2), (o, 7)], formation: -2.3, source: "gen", reference: false),
        ]
    }
}
