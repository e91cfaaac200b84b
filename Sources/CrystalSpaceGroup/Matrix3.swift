import CrystalModel

/// A 3x3 matrix of doubles, row-major. In the engine a lattice is such a matrix whose COLUMNS are the basis vectors
/// (the convention of the crystallographic literature and of spglib: x_cartesian = L x_fractional, L' = L P for a
/// change of basis P); the conversion from crystaldb's row convention happens once, in `SpaceGroupFinder`.
struct Matrix3: Equatable {
    var r0: Vector3, r1: Vector3, r2: Vector3

    @inline(__always) init(_ r0: Vector3, _ r1: Vector3, _ r2: Vector3) {
        self.r0 = r0
        self.r1 = r1
        self.r2 = r2
    }

    init(_ e: [Double]) {
        self.init(Vector3(e[0], e[1], e[2]), Vector3(e[3], e[4], e[5]), Vector3(e[6], e[7], e[8]))
    }

    init(_ m: IntMatrix3) {
        self.init(Vector3(Double(m[0, 0]), Double(m[0, 1]), Double(m[0, 2])),
                  Vector3(Double(m[1, 0]), Double(m[1, 1]), Double(m[1, 2])),
                  Vector3(Double(m[2, 0]), Double(m[2, 1]), Double(m[2, 2])))
    }

    /// The matrix with these columns.
    init(columns c0: Vector3, _ c1: Vector3, _ c2: Vector3) {
        self.init(Vector3(c0.x, c1.x, c2.x), Vector3(c0.y, c1.y, c2.y), Vector3(c0.z, c1.z, c2.z))
    }

    static let identity = Matrix3(Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1))

    @inline(__always) subscript(i: Int, j: Int) -> Double {
        get { i == 0 ? r0[j] : i == 1 ? r1[j] : r2[j] }
        set {
            switch i {
            case 0: r0[j] = newValue
            case 1: r1[j] = newValue
            default: r2[j] = newValue
            }
        }
    }

    @inline(__always) func column(_ j: Int) -> Vector3 { Vector3(r0[j], r1[j], r2[j]) }

    var transposed: Matrix3 { Matrix3(columns: r0, r1, r2) }

    /// The determinant, expanded along the first row as spglib writes it.
    var determinant: Double {
        r0.x * (r1.y * r2.z - r1.z * r2.y) + r0.y * (r1.z * r2.x - r1.x * r2.z) + r0.z * (r1.x * r2.y - r1.y * r2.x)
    }

    /// The inverse; nil when |det| < `precision`.
    func inverse(precision: Double = 0) -> Matrix3? {
        let det = determinant
        guard abs(det) >= precision, det != 0, det.isFinite else { return nil }
        let a = self
        var c = Matrix3.identity
        c[0, 0] = (a[1, 1] * a[2, 2] - a[1, 2] * a[2, 1]) / det
        c[1, 0] = (a[1, 2] * a[2, 0] - a[1, 0] * a[2, 2]) / det
        c[2, 0] = (a[1, 0] * a[2, 1] - a[1, 1] * a[2, 0]) / det
        c[0, 1] = (a[2, 1] * a[0, 2] - a[2, 2] * a[0, 1]) / det
        c[1, 1] = (a[2, 2] * a[0, 0] - a[2, 0] * a[0, 2]) / det
        c[2, 1] = (a[2, 0] * a[0, 1] - a[2, 1] * a[0, 0]) / det
        c[0, 2] = (a[0, 1] * a[1, 2] - a[0, 2] * a[1, 1]) / det
        c[1, 2] = (a[0, 2] * a[1, 0] - a[0, 0] * a[1, 2]) / det
        c[2, 2] = (a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0]) / det
        return c
    }

    @inline(__always) static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(a.r0.x * b.r0 + a.r0.y * b.r1 + a.r0.z * b.r2,
                a.r1.x * b.r0 + a.r1.y * b.r1 + a.r1.z * b.r2,
                a.r2.x * b.r0 + a.r2.y * b.r1 + a.r2.z * b.r2)
    }

    @inline(__always) static func * (a: Matrix3, v: Vector3) -> Vector3 {
        Vector3(a.r0.x * v.x + a.r0.y * v.y + a.r0.z * v.z,
                a.r1.x * v.x + a.r1.y * v.y + a.r1.z * v.z,
                a.r2.x * v.x + a.r2.y * v.y + a.r2.z * v.z)
    }

    static func * (a: Matrix3, b: IntMatrix3) -> Matrix3 { a * Matrix3(b) }
    static func * (a: IntMatrix3, b: Matrix3) -> Matrix3 { Matrix3(a) * b }

    /// The metric L^T L of a lattice whose columns are the basis vectors.
    var metric: Matrix3 { transposed * self }

    /// b^-1 a b (spglib's "similar matrix").
    func similar(by b: Matrix3) -> Matrix3? {
        guard let inverse = b.inverse() else { return nil }
        return inverse * (self * b)
    }

    /// Entries rounded to the nearest integers (half away from zero), as an integer matrix.
    var rounded: IntMatrix3 {
        IntMatrix3(Int(nearestInteger(r0.x)), Int(nearestInteger(r0.y)), Int(nearestInteger(r0.z)),
                   Int(nearestInteger(r1.x)), Int(nearestInteger(r1.y)), Int(nearestInteger(r1.z)),
                   Int(nearestInteger(r2.x)), Int(nearestInteger(r2.y)), Int(nearestInteger(r2.z)))
    }

    /// Every entry within `tolerance` of an integer.
    func isInteger(tolerance: Double) -> Bool {
        @inline(__always) func ok(_ v: Vector3) -> Bool {
            abs(nearestInteger(v.x) - v.x) <= tolerance && abs(nearestInteger(v.y) - v.y) <= tolerance && abs(nearestInteger(v.z) - v.z) <= tolerance
        }
        return ok(r0) && ok(r1) && ok(r2)
    }

    /// Every entry within `tolerance` of the other's.
    func isClose(to other: Matrix3, tolerance: Double) -> Bool {
        @inline(__always) func ok(_ a: Vector3, _ b: Vector3) -> Bool {
            abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance && abs(a.z - b.z) <= tolerance
        }
        return ok(r0, other.r0) && ok(r1, other.r1) && ok(r2, other.r2)
    }

    var isFinite: Bool { r0.x.isFinite && r0.y.isFinite && r0.z.isFinite && r1.x.isFinite && r1.y.isFinite && r1.z.isFinite
        && r2.x.isFinite && r2.y.isFinite && r2.z.isFinite }
}

/// The nearest integer, halves away from zero, computed as C's `(int)(a + 0.5)` (kept as a double, so that no input
/// can trap an integer conversion).
@inline(__always) func nearestInteger(_ a: Double) -> Double {
    // Truncation through Int64 is exact below 2^62 and compiles to one instruction; larger doubles are integers.
    if a < 0 {
        let b = a - 0.5
        return b > -4e18 ? Double(Int64(b)) : b.rounded(.towardZero)
    }
    let b = a + 0.5
    return b < 4e18 ? Double(Int64(b)) : b.rounded(.towardZero)
}

/// `a` minus its nearest integer, shifted into [0, 1) unless it lies within 1e-10 below zero (spglib's `Dmod1`).
@inline(__always) func reducedModuloOne(_ a: Double) -> Double {
    let b = a - nearestInteger(a)
    return b < -zeroPrecision ? b + 1 : b
}

/// spglib's ZERO_PREC: differences below this are ties.
let zeroPrecision = 1e-10

extension SIMD3 where Scalar == Double {
    @inline(__always) var normSquared: Double { x * x + y * y + z * z }
    /// Each component minus its nearest integer.
    @inline(__always) var wrappedToNearest: Vector3 {
        Vector3(x - nearestInteger(x), y - nearestInteger(y), z - nearestInteger(z))
    }
}

extension IntMatrix3 {
    /// The matrix times an integer vector given as doubles.
    @inline(__always) func apply(_ v: Vector3) -> Vector3 { self * v }
}
