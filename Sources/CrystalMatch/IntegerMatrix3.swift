import CrystalModel

/// A 3x3 integer matrix acting on lattice rows: `rows * lattice` gives new lattice vectors as integer
/// combinations of the old ones (the convention of `Lattice`: vectors are rows). Used for basis changes
/// (Niggli, LLL, lattice mappings) and supercell matrices, where exact integer arithmetic keeps fractional
/// coordinates exact.
public struct IntegerMatrix3: Hashable, Sendable {
    public var rows: (SIMD3<Int>, SIMD3<Int>, SIMD3<Int>)

    public init(_ r0: SIMD3<Int>, _ r1: SIMD3<Int>, _ r2: SIMD3<Int>) { rows = (r0, r1, r2) }

    public static let identity = IntegerMatrix3(SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))

    public static func == (l: IntegerMatrix3, r: IntegerMatrix3) -> Bool {
        l.rows.0 == r.rows.0 && l.rows.1 == r.rows.1 && l.rows.2 == r.rows.2
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows.0)
        hasher.combine(rows.1)
        hasher.combine(rows.2)
    }

    public subscript(row: Int) -> SIMD3<Int> {
        get { row == 0 ? rows.0 : row == 1 ? rows.1 : rows.2 }
        set {
            switch row {
            case 0: rows.0 = newValue
            case 1: rows.1 = newValue
            default: rows.2 = newValue
            }
        }
    }

    /// Wrapping arithmetic throughout: entries come from lattice searches bounded far below overflow, and an
    /// absurd cell must give a wrong answer that is then refused, never a trap.
    public var determinant: Int {
        let (a, b, c) = rows
        return a.x &* (b.y &* c.z &- b.z &* c.y) &- a.y &* (b.x &* c.z &- b.z &* c.x) &+ a.z &* (b.x &* c.y &- b.y &* c.x)
    }

    /// The adjugate (transposed cofactors): `self * adjugate == determinant * identity`.
    public var adjugate: IntegerMatrix3 {
        let (a, b, c) = rows
        return IntegerMatrix3(SIMD3(b.y &* c.z &- b.z &* c.y, a.z &* c.y &- a.y &* c.z, a.y &* b.z &- a.z &* b.y),
                              SIMD3(b.z &* c.x &- b.x &* c.z, a.x &* c.z &- a.z &* c.x, a.z &* b.x &- a.x &* b.z),
                              SIMD3(b.x &* c.y &- b.y &* c.x, a.y &* c.x &- a.x &* c.y, a.x &* b.y &- a.y &* b.x))
    }

    /// The exact inverse of a unimodular matrix (determinant ±1); nil otherwise.
    public var unimodularInverse: IntegerMatrix3? {
        switch determinant {
        case 1: return adjugate
        case -1: return -adjugate
        default: return nil
        }
    }

    public static prefix func - (m: IntegerMatrix3) -> IntegerMatrix3 { IntegerMatrix3(0 &- m.rows.0, 0 &- m.rows.1, 0 &- m.rows.2) }

    public static func * (l: IntegerMatrix3, r: IntegerMatrix3) -> IntegerMatrix3 {
        func row(_ v: SIMD3<Int>) -> SIMD3<Int> { v.x &* r.rows.0 &+ v.y &* r.rows.1 &+ v.z &* r.rows.2 }
        return IntegerMatrix3(row(l.rows.0), row(l.rows.1), row(l.rows.2))
    }

    /// The lattice whose rows are these integer combinations of `lattice`'s rows.
    public func apply(to lattice: Lattice) -> Lattice {
        func row(_ v: SIMD3<Int>) -> Vector3 { Double(v.x) * lattice.a + Double(v.y) * lattice.b + Double(v.z) * lattice.c }
        return Lattice(a: row(rows.0), b: row(rows.1), c: row(rows.2))
    }

    /// The row vector `v` times this matrix: fractional coordinates in the old basis times the inverse of a
    /// basis change give fractional coordinates in the new basis.
    public func rowTimes(_ v: Vector3) -> Vector3 {
        v.x * Vector3(rows.0) + v.y * Vector3(rows.1) + v.z * Vector3(rows.2)
    }
}
