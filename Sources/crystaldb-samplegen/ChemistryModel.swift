import CrystalModel

/// Element pools and energy scales for GNoME-like candidates: mostly ternary and quaternary ionic
/// compounds (cations with an anion) and some intermetallics. Reference energies are close to
/// Materials Project's elemental energies (eV/atom), so generated hulls look like real ones.
enum ChemistryModel {
    static let cations = ["Li", "Na", "K", "Rb", "Cs", "Be", "Mg", "Ca", "Sr", "Ba", "Sc", "Y", "La", "Ce", "Nd", "Sm", "Gd",
                          "Ti", "Zr", "Hf", "V", "Nb", "Ta", "Cr", "Mo", "W", "Mn", "Fe", "Co", "Ni", "Cu", "Ag", "Zn",
                          "Cd", "Al", "Ga", "In", "Ge", "Sn", "Pb", "Sb", "Bi", "Tl", "Pd", "Pt", "Rh", "Ir", "Ru", "Au", "B"]
    static let anions = ["O", "O", "O", "S", "Se", "F", "Cl", "Br", "I", "N", "P", "Te", "As", "H"]
    static let metals = ["Al", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Zr", "Nb", "Mo", "Ru", "Rh", "Pd",
                         "Ag", "In", "Sn", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Mg", "Li", "Ca", "Sc", "Y", "La", "Si", "Ge", "Sb"]

    /// Approximate elemental energies (eV/atom); others default to -4.
    static let referenceEnergy: [String: Double] = [
        "H": -3.39, "Li": -1.91, "Be": -3.75, "B": -6.68, "C": -9.22, "N": -8.32, "O": -4.95, "F": -1.91, "Na": -1.31,
        "Mg": -1.60, "Al": -3.75, "Si": -5.42, "P": -5.41, "S": -4.14, "Cl": -1.84, "K": -1.11, "Ca": -2.01, "Sc": -6.33,
        "Ti": -7.90, "V": -9.08, "Cr": -9.65, "Mn": -9.16, "Fe": -8.47, "Co": -7.11, "Ni": -5.78, "Cu": -4.10, "Zn": -1.26,
        "Ga": -3.03, "Ge": -4.62, "As": -4.66, "Se": -3.50, "Br": -1.64, "Rb": -0.98, "Sr": -1.69, "Y": -6.47, "Zr": -8.55,
        "Nb": -10.10, "Mo": -10.85, "Ru": -9.27, "Rh": -7.34, "Pd": -5.18, "Ag": -2.83, "Cd": -0.91, "In": -2.75, "Sn": -4.01,
        "Sb": -4.13, "Te": -3.14, "I": -1.52, "Cs": -0.89, "Ba": -1.92, "La": -4.93, "Ce": -5.93, "Nd": -4.76, "Sm": -4.72,
        "Gd": -4.66, "Hf": -9.96, "Ta": -11.85, "W": -12.96, "Re": -12.42, "Os": -11.23, "Ir": -8.86, "Pt": -6.05, "Au": -3.27,
        "Tl": -2.36, "Pb": -3.71, "Bi": -3.89,
    ]

    struct Formula {
        var counts: [(Element, Int)]
        var formationEnergyPerAtom: Double
    }

    /// A random composition with 5...40 atoms in the cell and 2...5 elements.
    static func formula<R: RandomNumberGenerator>(using rng: inout R) -> Formula {
        let ionic = Double.random(in: 0..<1, using: &rng) < 0.7
        let elementCount = [2, 3, 3, 3, 4, 4, 4, 5].randomElement(using: &rng)!
        var symbols = Set<String>()
        if ionic {
            symbols.insert(anions.randomElement(using: &rng)!)
            while symbols.count < elementCount { symbols.insert(cations.randomElement(using: &rng)!) }
        } else {
            while symbols.count < elementCount { symbols.insert(metals.randomElement(using: &rng)!) }
        }
        var counts: [(Element, Int)] = symbols.sorted().map { (Element(symbol: $0)!, Int.random(in: 1...4, using: &rng)) }
        var total = counts.reduce(0) { $0 + $1.1 }
        while total < 5 {
            let i = Int.random(in: 0..<counts.count, using: &rng)
            counts[i].1 += 1
            total += 1
        }
        let maxUnits = max(1, 40 / total)
        let units = Int.random(in: 1...min(maxUnits, 4), using: &rng)
        counts = counts.map { ($0.0, $0.1 * units) }
        let formation = ionic ? -Double.random(in: 0.2...2.8, using: &rng) : Double.random(in: -0.6...0.15, using: &rng)
        return Formula(counts: counts, formationEnergyPerAtom: formation)
    }

    /// The formula of a structure's cell (ordered sites), with a formation energy.
    static func formula(of structure: Structure, formationEnergyPerAtom: Double) -> Formula {
        var counts = [Element: Int]()
        for site in structure.sites { counts[site.occupants[0].element, default: 0] += 1 }
        return Formula(counts: counts.keys.sorted().map { ($0, counts[$0]!) }, formationEnergyPerAtom: formationEnergyPerAtom)
    }

    static func totalEnergy(_ formula: Formula) -> Double {
        var energy = 0.0
        var atoms = 0
        for (element, count) in formula.counts {
            energy += Double(count) * (referenceEnergy[element.symbol] ?? -4)
            atoms += count
        }
        return energy + Double(atoms) * formula.formationEnergyPerAtom
    }
}
