import CrystalModel

/// Lenstra-Lenstra-Lovász reduction of a 3D lattice basis (Lenstra, Lenstra and Lovász, Math. Ann. 261
/// (1982) 515; the textbook form of Cohen, "A Course in Computational Algebraic Number Theory", alg. 2.6.3),
/// with pymatgen's δ = 0.75. Used before the Niggli reduction (it makes skewed cells well conditioned) and as
/// the basis in which minimum-image distances are searched among the 27 neighbouring cells, as pymatgen's
/// `pbc_shortest_vectors` does.
public enum LLLReduction {
    /// Lovász condition parameter.
    public static let delta = 0.75

    /// The reduced lattice and the unimodular matrix with `reduced = transform.apply(to: lattice)`.
    public static func reduce(_ lattice: Lattice) -> (lattice: Lattice, transform: IntegerMatrix3) {
        var basis = [lattice.a, lattice.b, lattice.c]
        var transform = [SIMD3<Int>(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)]
        var mu = [[Double]](repeating: [0, 0, 0], count: 3)
        var star = [Vector3](repeating: .zero, count: 3)
        var norms = [Double](repeating: 0, count: 3)

        func gramSchmidt() {
            for i in 0..<3 {
                var v = basis[i]
                for j in 0..<i {
                    mu[i][j] = norms[j] > 0 ? basis[i].dot(star[j]) / norms[j] : 0
                    v -= mu[i][j] * star[j]
                }
                star[i] = v
                norms[i] = v.dot(v)
            }
        }
        gramSchmidt()
        guard norms.allSatisfy({ $0 > 0 && $0.isFinite }) else { return (lattice, .identity) }
        var k = 1
        var steps = 0
        while k < 3, steps < maximumSteps {
            steps += 1
            for j in stride(from: k - 1, through: 0, by: -1) {
                let q = mu[k][j].rounded(.toNearestOrEven)
                guard q != 0, abs(q) < 1e9 else { continue }
                basis[k] -= q * basis[j]
                transform[k] &-= Int(q) &* transform[j]
                for i in 0..<j { mu[k][i] -= q * mu[j][i] }
                mu[k][j] -= q
            }
            if norms[k] >= (delta - mu[k][k - 1] * mu[k][k - 1]) * norms[k - 1] {
                k += 1
            } else {
                basis.swapAt(k, k - 1)
                transform.swapAt(k, k - 1)
                gramSchmidt()
                k = max(k - 1, 1)
            }
        }
        let matrix = IntegerMatrix3(transform[0], transform[1], transform[2])
        return (matrix.apply(to: lattice), matrix)
    }

    /// Bound on reduction steps: LLL needs O(log of the condition) swaps; this only stops a degenerate
    /// (numerically flat) cell from looping.
    static let maximumSteps = 10_000
}
