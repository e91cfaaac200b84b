import Foundation
import CrystalModel

/// Niggli reduction of a lattice by the numerically stable algorithm of Grosse-Kunstleve, Sauter and Adams,
/// Acta Cryst. A60 (2004) 1-6 (the Křivý-Gruber steps N1-N8, Acta Cryst. A32 (1976) 297, with every
/// comparison made at a tolerance ε), on the metric tensor of an LLL-reduced basis, tracking the integer
/// basis change so that the reduced vectors are exact lattice vectors. The result is right-handed.
///
/// ε is pymatgen's: `1e-5 × V^(1/3)` (compared with metric-tensor entries, as `Lattice.get_niggli_reduced_lattice`
/// does), so that both give the same reduced cell parameters. (CrystalSpaceGroup's reduction follows spglib's
/// instead, which picks other cells at the boundaries; see there.)
public enum NiggliReduction {
    /// Relative tolerance: ε = `relativeTolerance` × V^(1/3).
    public static let relativeTolerance = 1e-5
    /// pymatgen's bound on reduction cycles.
    static let maximumCycles = 100

    /// The Niggli-reduced lattice and the unimodular matrix with `reduced = transform.apply(to: lattice)`;
    /// nil for a singular or non-finite cell.
    public static func reduce(_ lattice: Lattice) -> (lattice: Lattice, transform: IntegerMatrix3)? {
        let volume = lattice.volume
        guard volume > 0, volume.isFinite else { return nil }
        let (lll, lllTransform) = LLLReduction.reduce(lattice)
        let epsilon = relativeTolerance * Foundation.cbrt(volume)
        var basis = lll
        var total = lllTransform
        // Each step is a column operation (a, b, c) C of the paper; with rows, new rows = C^T * rows.
        func apply(_ columnOperation: IntegerMatrix3) {
            let c = columnOperation
            let transposed = IntegerMatrix3(SIMD3(c.rows.0.x, c.rows.1.x, c.rows.2.x),
                                            SIMD3(c.rows.0.y, c.rows.1.y, c.rows.2.y),
                                            SIMD3(c.rows.0.z, c.rows.1.z, c.rows.2.z))
            total = transposed * total
            basis = total.apply(to: lattice)
        }
        func signum(_ x: Double) -> Int { x > epsilon ? 1 : x < -epsilon ? -1 : 0 }
        func sign(_ x: Double) -> Int { x >= 0 ? 1 : -1 }
        var cycles = 0
        cycle: while cycles < maximumCycles {
            cycles += 1
            var (a, b, c, xi, eta, zeta) = metric(basis)
            // N1: A <= B, and |ξ| <= |η| when A = B.
            if a > b + epsilon || (!(abs(a - b) > epsilon) && abs(xi) > abs(eta) + epsilon) {
                apply(IntegerMatrix3(SIMD3(0, -1, 0), SIMD3(-1, 0, 0), SIMD3(0, 0, -1)))
                (a, b, c, xi, eta, zeta) = metric(basis)
            }
            // N2: B <= C, and |η| <= |ζ| when B = C.
            if b > c + epsilon || (!(abs(b - c) > epsilon) && abs(eta) > abs(zeta) + epsilon) {
                apply(IntegerMatrix3(SIMD3(-1, 0, 0), SIMD3(0, 0, -1), SIMD3(0, -1, 0)))
                continue cycle
            }
            // N3 / N4: all three of ξ, η, ζ positive, or none.
            let l = signum(xi), m = signum(eta), n = signum(zeta)
            if l * m * n == 1 {
                apply(IntegerMatrix3(SIMD3(l == -1 ? -1 : 1, 0, 0), SIMD3(0, m == -1 ? -1 : 1, 0), SIMD3(0, 0, n == -1 ? -1 : 1)))
            } else {
                var i = l == 1 ? -1 : 1, j = m == 1 ? -1 : 1, k = n == 1 ? -1 : 1
                if i * j * k == -1 {
                    if n == 0 { k = -1 } else if m == 0 { j = -1 } else if l == 0 { i = -1 }
                }
                apply(IntegerMatrix3(SIMD3(i, 0, 0), SIMD3(0, j, 0), SIMD3(0, 0, k)))
            }
            (a, b, c, xi, eta, zeta) = metric(basis)
            _ = c
            // N5: |ξ| <= B.
            if abs(xi) > b + epsilon || (!(abs(b - xi) > epsilon) && 2 * eta < zeta - epsilon)
                || (!(abs(b + xi) > epsilon) && zeta < -epsilon) {
                apply(IntegerMatrix3(SIMD3(1, 0, 0), SIMD3(0, 1, -sign(xi)), SIMD3(0, 0, 1)))
                continue cycle
            }
            // N6: |η| <= A.
            if abs(eta) > a + epsilon || (!(abs(a - eta) > epsilon) && 2 * xi < zeta - epsilon)
                || (!(abs(a + eta) > epsilon) && zeta < -epsilon) {
                apply(IntegerMatrix3(SIMD3(1, 0, -sign(eta)), SIMD3(0, 1, 0), SIMD3(0, 0, 1)))
                continue cycle
            }
            // N7: |ζ| <= A.
            if abs(zeta) > a + epsilon || (!(abs(a - zeta) > epsilon) && 2 * xi < eta - epsilon)
                || (!(abs(a + zeta) > epsilon) && eta < -epsilon) {
                apply(IntegerMatrix3(SIMD3(1, -sign(zeta), 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)))
                continue cycle
            }
            // N8: ξ + η + ζ + A + B >= 0.
            let sum = xi + eta + zeta + a + b
            if sum < -epsilon || (!(abs(sum) > epsilon) && 2 * (a + eta) + zeta > epsilon) {
                apply(IntegerMatrix3(SIMD3(1, 0, 1), SIMD3(0, 1, 1), SIMD3(0, 0, 1)))
                continue cycle
            }
            break
        }
        if total.determinant < 0 { total = -total }
        return (total.apply(to: lattice), total)
    }

    /// A = a·a, B = b·b, C = c·c, ξ = 2 b·c, η = 2 a·c, ζ = 2 a·b.
    static func metric(_ l: Lattice) -> (Double, Double, Double, Double, Double, Double) {
        (l.a.dot(l.a), l.b.dot(l.b), l.c.dot(l.c), 2 * l.b.dot(l.c), 2 * l.a.dot(l.c), 2 * l.a.dot(l.b))
    }
}
