import CrystalModel
import CrystalSpaceGroup

extension SymmetryAnalyzer {
    /// The space-group operations of an ordered structure in its own cell (the engine's dataset at `symprec` Å and
    /// the angle tolerance), translations in [0, 1); nil for a disordered structure or when there is no dataset.
    public static func operations(of structure: Structure, symprec: Double = defaultSymprec) -> [SpaceGroupOperation]? {
        guard structure.isOrdered, !structure.sites.isEmpty, let dataset = dataset(structure, symprec: symprec) else { return nil }
        return dataset.operations.map { op in
            var t = op.translation
            t -= t.rounded(.down)
            return SpaceGroupOperation(rotation: op.rotation, translation: t)
        }
    }
}

extension SpaceGroupOperation {
    /// Translations within this distance of a multiple of 1/12 are written as that fraction (fractional units).
    public static let xyzTranslationTolerance = 1e-4

    /// Jones' faithful notation as CIF's `_space_group_symop_operation_xyz` writes it (`-x+1/2,y,-z`); nil when a
    /// row has a coefficient other than -1, 0, 1, more than two terms, or a translation that is not a multiple
    /// of 1/6 or 1/4 (a cell whose origin is not at a special point).
    public var xyz: String? {
        var parts = [String]()
        for row in 0..<3 {
            var text = ""
            var terms = 0
            for (column, letter) in ["x", "y", "z"].enumerated() {
                switch rotation[row, column] {
                case 0: continue
                case 1: text += text.isEmpty ? letter : "+" + letter
                case -1: text += "-" + letter
                default: return nil
                }
                terms += 1
            }
            guard terms >= 1, terms <= 2 else { return nil }
            let value = row == 0 ? translation.x : row == 1 ? translation.y : translation.z
            let twelfths = (value * 12).rounded()
            guard abs(value * 12 - twelfths) < Self.xyzTranslationTolerance * 12 else { return nil }
            let n = Int(twelfths) % 12
            // Crystallographic translations are multiples of 1/6 or 1/4; anything else is not an operation of a setting.
            guard n % 2 == 0 || n % 3 == 0 else { return nil }
            if n != 0 {
                let divisor = Self.gcd(n, 12)
                text += "+\(n / divisor)/\(12 / divisor)"
            }
            parts.append(text)
        }
        return parts.joined(separator: ",")
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
