import CrystalModel

/// A 3x3 integer matrix, row-major: a rotation part acting on fractional coordinates (x' = W x) or an integer
/// change of basis. Small integers only (crystallographic matrices), so products never overflow.
public struct IntMatrix3: Hashable, Sendable, CustomStringConvertible {
    public var m: (Int, Int, Int, Int, Int, Int, Int, Int, Int)

    @inlinable public init(_ m00: Int, _ m01: Int, _ m02: Int, _ m10: Int, _ m11: Int, _ m12: Int,
                           _ m20: Int, _ m21: Int, _ m22: Int) {
        m = (m00, m01, m02, m10, m11, m12, m20, m21, m22)
    }

    /// From nine entries, row-major.
    public init(_ entries: [Int]) {
        self.init(entries[0], entries[1], entries[2], entries[3], entries[4], entries[5], entries[6], entries[7], entries[8])
    }

    /// The matrix whose columns are `c0`, `c1`, `c2`.
    public init(columns c0: SIMD3<Int>, _ c1: SIMD3<Int>, _ c2: SIMD3<Int>) {
        self.init(c0.x, c1.x, c2.x, c0.y, c1.y, c2.y, c0.z, c1.z, c2.z)
    }

    public static let identity = IntMatrix3(1, 0, 0, 0, 1, 0, 0, 0, 1)
    public static let inversion = IntMatrix3(-1, 0, 0, 0, -1, 0, 0, 0, -1)

    @inlinable public subscript(row: Int, column: Int) -> Int {
        get { withUnsafeBytes(of: m) { $0.load(fromByteOffset: (row * 3 + column) * MemoryLayout<Int>.stride, as: Int.self) } }
        set { withUnsafeMutableBytes(of: &m) { $0.storeBytes(of: newValue, toByteOffset: (row * 3 + column) * MemoryLayout<Int>.stride, as: Int.self) } }
    }

    public var entries: [Int] { [m.0, m.1, m.2, m.3, m.4, m.5, m.6, m.7, m.8] }

    @inlinable public var determinant: Int {
        m.0 * (m.4 * m.8 - m.5 * m.7) - m.1 * (m.3 * m.8 - m.5 * m.6) + m.2 * (m.3 * m.7 - m.4 * m.6)
    }

    @inlinable public var trace: Int { m.0 + m.4 + m.8 }

    public var transposed: IntMatrix3 { IntMatrix3(m.0, m.3, m.6, m.1, m.4, m.7, m.2, m.5, m.8) }

    public func column(_ j: Int) -> SIMD3<Int> { SIMD3(self[0, j], self[1, j], self[2, j]) }
    public func row(_ i: Int) -> SIMD3<Int> { SIMD3(self[i, 0], self[i, 1], self[i, 2]) }

    /// Adjugate: `self * adjugate == determinant * identity`.
    public var adjugate: IntMatrix3 {
        IntMatrix3(m.4 * m.8 - m.5 * m.7, m.2 * m.7 - m.1 * m.8, m.1 * m.5 - m.2 * m.4,
                   m.5 * m.6 - m.3 * m.8, m.0 * m.8 - m.2 * m.6, m.2 * m.3 - m.0 * m.5,
                   m.3 * m.7 - m.4 * m.6, m.1 * m.6 - m.0 * m.7, m.0 * m.4 - m.1 * m.3)
    }

    /// The inverse of a unimodular matrix (determinant ±1); nil otherwise.
    public var unimodularInverse: IntMatrix3? {
        let det = determinant
        guard det == 1 || det == -1 else { return nil }
        var a = adjugate
        if det == -1 { a = a.negated }
        return a
    }

    public var negated: IntMatrix3 { IntMatrix3(-m.0, -m.1, -m.2, -m.3, -m.4, -m.5, -m.6, -m.7, -m.8) }

    /// Wrapping arithmetic: the entries here are small (rotations and changes of basis), and no product of input
    /// values can trap.
    @inlinable public static func * (a: IntMatrix3, b: IntMatrix3) -> IntMatrix3 {
        let x = a.m, y = b.m
        return IntMatrix3(x.0 &* y.0 &+ x.1 &* y.3 &+ x.2 &* y.6, x.0 &* y.1 &+ x.1 &* y.4 &+ x.2 &* y.7, x.0 &* y.2 &+ x.1 &* y.5 &+ x.2 &* y.8,
                          x.3 &* y.0 &+ x.4 &* y.3 &+ x.5 &* y.6, x.3 &* y.1 &+ x.4 &* y.4 &+ x.5 &* y.7, x.3 &* y.2 &+ x.4 &* y.5 &+ x.5 &* y.8,
                          x.6 &* y.0 &+ x.7 &* y.3 &+ x.8 &* y.6, x.6 &* y.1 &+ x.7 &* y.4 &+ x.8 &* y.7, x.6 &* y.2 &+ x.7 &* y.5 &+ x.8 &* y.8)
    }

    @inlinable public static func * (a: IntMatrix3, v: Vector3) -> Vector3 {
        let x = a.m
        return Vector3(Double(x.0) * v.x + Double(x.1) * v.y + Double(x.2) * v.z,
                       Double(x.3) * v.x + Double(x.4) * v.y + Double(x.5) * v.z,
                       Double(x.6) * v.x + Double(x.7) * v.y + Double(x.8) * v.z)
    }

    @inlinable public static func * (a: IntMatrix3, v: SIMD3<Int>) -> SIMD3<Int> {
        let x = a.m
        return SIMD3(x.0 * v.x + x.1 * v.y + x.2 * v.z, x.3 * v.x + x.4 * v.y + x.5 * v.z, x.6 * v.x + x.7 * v.y + x.8 * v.z)
    }

    public static func == (a: IntMatrix3, b: IntMatrix3) -> Bool {
        a.m.0 == b.m.0 && a.m.1 == b.m.1 && a.m.2 == b.m.2 && a.m.3 == b.m.3 && a.m.4 == b.m.4 && a.m.5 == b.m.5
            && a.m.6 == b.m.6 && a.m.7 == b.m.7 && a.m.8 == b.m.8
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(m.0); hasher.combine(m.1); hasher.combine(m.2); hasher.combine(m.3); hasher.combine(m.4)
        hasher.combine(m.5); hasher.combine(m.6); hasher.combine(m.7); hasher.combine(m.8)
    }

    /// A compact key: each entry in -2...2 packed in base 5 (rotations of every setting fit).
    @inlinable public var key: Int {
        let a = ((m.0 + 2) * 5 + m.1 + 2) * 5 + m.2 + 2
        let b = ((m.3 + 2) * 5 + m.4 + 2) * 5 + m.5 + 2
        let c = ((m.6 + 2) * 5 + m.7 + 2) * 5 + m.8 + 2
        return (a * 125 + b) * 125 + c
    }

    public var description: String { "[\(m.0) \(m.1) \(m.2); \(m.3) \(m.4) \(m.5); \(m.6) \(m.7) \(m.8)]" }
}
