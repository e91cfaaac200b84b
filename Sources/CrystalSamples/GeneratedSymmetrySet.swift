import CrystalModel

/// The generated agreement set: for every one of the 230 space groups, `perGroup` crystals (random Hall settings,
/// conventional or primitive cells) and variants of them: a supercell, a moved origin, permuted axes, and atoms shaken
/// by up to symprec/3. Deterministic.
public enum GeneratedSymmetrySet {
    public struct Case: Sendable {
        public var name: String
        public var spaceGroup: Int
        public var structure: Structure
    }

    static let elementPool = ["O", "Mg", "Si", "Li", "Fe", "S", "Na", "Cl", "Ti", "Zn"].compactMap { Element(symbol: $0) }

    static let supercells: [[[Int]]] = [
        [[2, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 2]], [[1, 1, 0], [-1, 1, 0], [0, 0, 1]],
        [[1, 0, 0], [0, 2, 1], [0, 0, 1]],
    ]

    /// `groups` space groups (all 230 by default), `perGroup` crystals each; variants cycle with the crystal index.
    public static func cases(perGroup: Int, symprec: Double, groups: [Int] = Array(1...230), seed: UInt64 = 2026) -> [Case] {
        var rng = SplitMix64(seed: seed)
        var generator = SymmetricCrystalGenerator()
        generator.sites = 4...24
        var out = [Case]()
        for number in groups {
            for index in 0..<perGroup {
                let count = Int.random(in: 1...3, using: &rng)
                let elements = Array(elementPool.shuffled(using: &rng).prefix(count))
                guard let crystal = generator.generate(number: number, elements: elements, using: &rng) else { continue }
                var structure = crystal.written
                var name = "sg\(number)-hall\(crystal.hallNumber)-\(index)-\(crystal.writtenCell)"
                switch index % 4 {
                case 1:
                    if structure.siteCount <= 40 {
                        structure = CrystalVariants.supercell(structure, supercells[Int.random(in: 0..<supercells.count, using: &rng)])
                        name += "-supercell"
                    }
                case 2:
                    structure = CrystalVariants.shifted(structure, by: Vector3(Double.random(in: 0..<1, using: &rng),
                                                                               Double.random(in: 0..<1, using: &rng),
                                                                               Double.random(in: 0..<1, using: &rng)))
                    structure = Bool.random(using: &rng) ? CrystalVariants.cycledAxes(structure) : CrystalVariants.swappedAxes(structure)
                    name += "-shifted-permuted"
                case 3:
                    structure = CrystalVariants.shaken(structure, by: symprec / 3, using: &rng)
                    name += "-noise"
                default:
                    break
                }
                out.append(Case(name: name, spaceGroup: number, structure: structure))
            }
        }
        return out
    }
}
