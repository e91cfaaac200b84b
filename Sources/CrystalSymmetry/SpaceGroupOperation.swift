import CSpglib
import CrystalModel

/// A space-group operation on fractional coordinates: x' = rotation * x + translation.
public struct SpaceGroupOperation: Sendable, Equatable {
    /// Rows of the integer rotation matrix.
    public var rotation: [[Int]]
    public var translation: Vector3

    /// Translations within this distance of a multiple of 1/12 are written as that fraction (fractional units).
    public static let translationTolerance = 1e-4

    /// The operations of an ordered structure in its own cell (spglib's `spg_get_symmetry` at `symprec` Å);
    /// nil for a disordered structure or when spglib fails.
    public static func operations(of structure: Structure, symprec: Double = SymmetryAnalyzer.defaultSymprec) -> [SpaceGroupOperation]? {
        guard structure.isOrdered, !structure.sites.isEmpty else { return nil }
        if TrivialSymmetry.isP1(structure, symprec: symprec, angleTolerance: SymmetryAnalyzer.angleTolerance) {
            return [SpaceGroupOperation(rotation: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], translation: .zero)]
        }
        // At most 48 point operations times the number of lattice points in the cell (at most the site count).
        let capacity = 48 * structure.sites.count
        typealias Row = (Int32, Int32, Int32)
        var rotations = [(Row, Row, Row)](repeating: ((0, 0, 0), (0, 0, 0), (0, 0, 0)), count: capacity)
        var translations = [(Double, Double, Double)](repeating: (0, 0, 0), count: capacity)
        var cell = SpglibCell(structure)
        let count = cell.withArguments { lattice, positions, types, n in
            rotations.withUnsafeMutableBufferPointer { r in
                translations.withUnsafeMutableBufferPointer { t in
                    spgat_get_symmetry(r.baseAddress, t.baseAddress, Int32(capacity), lattice, positions, types, n, symprec,
                                       SymmetryAnalyzer.angleTolerance)
                }
            }
        }
        guard count > 0 else { return nil }
        return (0..<Int(count)).map { i in
            let m = rotations[i]
            let r = [[Int(m.0.0), Int(m.0.1), Int(m.0.2)], [Int(m.1.0), Int(m.1.1), Int(m.1.2)], [Int(m.2.0), Int(m.2.1), Int(m.2.2)]]
            var t = Vector3(translations[i].0, translations[i].1, translations[i].2)
            t -= t.rounded(.down)
            return SpaceGroupOperation(rotation: r, translation: t)
        }
    }

    /// Jones' faithful notation as CIF's `_space_group_symop_operation_xyz` writes it (`-x+1/2,y,-z`); nil when a
    /// row has a coefficient other than -1, 0, 1, more than two terms, or a translation that is not a multiple
    /// of 1/6 or 1/4 (a cell whose origin is not at a special point).
    public var xyz: String? {
        var parts = [String]()
        for row in 0..<3 {
            var text = ""
            var terms = 0
            for (column, letter) in ["x", "y", "z"].enumerated() {
                switch rotation[row][column] {
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
            guard abs(value * 12 - twelfths) < Self.translationTolerance * 12 else { return nil }
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
