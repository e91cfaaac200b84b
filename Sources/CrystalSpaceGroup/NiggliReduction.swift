import CrystalModel

/// Niggli reduction by the algorithm of Křivý and Gruber (Acta Cryst. A32 (1976) 297) with the tolerance of
/// Grosse-Kunstleve, Sauter and Adams (Acta Cryst. A60 (2004) 1): eight steps on the metric parameters
/// A, B, C, ξ, η, ζ, each applying an integer change of basis; after steps 2, 5, 6, 7 or 8 it starts again from
/// step 1. spglib uses it (with ε = symprec²) to choose the cell of a triclinic crystal.
///
/// CrystalMatch has a second Niggli reduction on purpose: it reproduces pymatgen's (an LLL basis first, ε relative
/// to V^(1/3), exact integer bookkeeping), this one spglib's step for step (no LLL, ε = symprec², its sign rules in
/// steps 3-7). The two references choose different cells at the tolerance boundaries, and each target's agreement
/// tests pin its own reference.
enum NiggliReduction {
    static let maximumLoops = 100

    struct Parameters {
        var a = 0.0, b = 0.0, c = 0.0, xi = 0.0, eta = 0.0, zeta = 0.0
        var l = 0, m = 0, n = 0
    }

    /// The reduced lattice (columns are the basis vectors); nil when it does not converge.
    static func reduce(_ lattice: Matrix3, epsilon: Double) -> Matrix3? {
        var current = lattice
        var p = parameters(current, epsilon)
        for _ in 0..<maximumLoops {
            var restarted = false
            for stepIndex in 0..<8 {
                if let change = step(stepIndex, p, epsilon) {
                    current = current * change
                    p = parameters(current, epsilon)
                    if stepIndex == 1 || stepIndex >= 4 {
                        restarted = true
                        break
                    }
                }
            }
            if !restarted { return current }
        }
        return nil
    }

    static func parameters(_ lattice: Matrix3, _ epsilon: Double) -> Parameters {
        let g = lattice.metric
        var p = Parameters(a: g[0, 0], b: g[1, 1], c: g[2, 2], xi: g[1, 2] * 2, eta: g[0, 2] * 2, zeta: g[0, 1] * 2)
        func sign(_ x: Double) -> Int { x < -epsilon ? -1 : x > epsilon ? 1 : 0 }
        p.l = sign(p.xi)
        p.m = sign(p.eta)
        p.n = sign(p.zeta)
        return p
    }

    static func diagonal(_ i: Double, _ j: Double, _ k: Double) -> Matrix3 {
        Matrix3(Vector3(i, 0, 0), Vector3(0, j, 0), Vector3(0, 0, k))
    }

    /// The change of basis of step `index` (0-based) when its condition holds.
    static func step(_ index: Int, _ p: Parameters, _ e: Double) -> Matrix3? {
        switch index {
        case 0:
            guard p.a > p.b + e || (!(abs(p.a - p.b) > e) && abs(p.xi) > abs(p.eta) + e) else { return nil }
            return Matrix3(Vector3(0, -1, 0), Vector3(-1, 0, 0), Vector3(0, 0, -1))
        case 1:
            guard p.b > p.c + e || (!(abs(p.b - p.c) > e) && abs(p.eta) > abs(p.zeta) + e) else { return nil }
            return Matrix3(Vector3(-1, 0, 0), Vector3(0, 0, -1), Vector3(0, -1, 0))
        case 2:
            guard p.l * p.m * p.n == 1 else { return nil }
            return diagonal(p.l == -1 ? -1 : 1, p.m == -1 ? -1 : 1, p.n == -1 ? -1 : 1)
        case 3:
            if p.l == -1 && p.m == -1 && p.n == -1 { return nil }
            guard p.l * p.m * p.n == 0 || p.l * p.m * p.n == -1 else { return nil }
            var i = 1.0, j = 1.0, k = 1.0
            var r = -1
            if p.l == 1 { i = -1 }
            if p.l == 0 { r = 0 }
            if p.m == 1 { j = -1 }
            if p.m == 0 { r = 1 }
            if p.n == 1 { k = -1 }
            if p.n == 0 { r = 2 }
            if i * j * k == -1 {
                if r == 0 { i = -1 }
                if r == 1 { j = -1 }
                if r == 2 { k = -1 }
            }
            return diagonal(i, j, k)
        case 4:
            guard abs(p.xi) > p.b + e || (!(abs(p.b - p.xi) > e) && 2 * p.eta < p.zeta - e)
                || (!(abs(p.b + p.xi) > e) && p.zeta < -e) else { return nil }
            var t = Matrix3.identity
            if p.xi > 0 { t[1, 2] = -1 }
            if p.xi < 0 { t[1, 2] = 1 }
            return t
        case 5:
            guard abs(p.eta) > p.a + e || (!(abs(p.a - p.eta) > e) && 2 * p.xi < p.zeta - e)
                || (!(abs(p.a + p.eta) > e) && p.zeta < -e) else { return nil }
            var t = Matrix3.identity
            if p.eta > 0 { t[0, 2] = -1 }
            if p.eta < 0 { t[0, 2] = 1 }
            return t
        case 6:
            guard abs(p.zeta) > p.a + e || (!(abs(p.a - p.zeta) > e) && 2 * p.xi < p.eta - e)
                || (!(abs(p.a + p.zeta) > e) && p.eta < -e) else { return nil }
            var t = Matrix3.identity
            if p.zeta > 0 { t[0, 1] = -1 }
            if p.zeta < 0 { t[0, 1] = 1 }
            return t
        default:
            let sum = p.xi + p.eta + p.zeta + p.a + p.b
            guard sum < -e || (!(abs(sum) > e) && 2 * (p.a + p.eta) + p.zeta > e) else { return nil }
            return Matrix3(Vector3(1, 0, 1), Vector3(0, 1, 1), Vector3(0, 0, 1))
        }
    }
}
