/// The hull energy at a composition as a linear program (OQMD's grand-canonical linear programming,
/// Kirklin et al., npj Comput. Mater. 1, 15010 (2015)): minimize sum_j x_j E_j subject to
/// sum_j x_j f_ij = b_i for every element i and x >= 0, where column j is a phase's atom fractions f_j and
/// energy per atom E_j, and b the target's atom fractions. Its optimum is the lower convex hull energy at b
/// and the basic x its decomposition.
///
/// Solved with a revised simplex whose starting basis is the elemental phases (unit columns, always
/// present), so no phase 1 is needed. Dantzig pricing; Bland's rule after a run of degenerate pivots.
/// Cost per iteration O(n k) for n phases and k elements (k <= ~10).
struct HullLP {
    /// Column-major atom fractions: `fractions[j * k + i]`.
    let fractions: [Double]
    let energies: [Double]
    let k: Int
    /// For each element row, the column of its elemental phase.
    let elementalColumn: [Int]

    struct Solution {
        var energy: Double
        /// The basic columns with a weight above `HullTolerances.fraction`: the decomposition.
        var basis: [(column: Int, weight: Double)]
        /// All k basic columns at the optimum, zero weights included (one per element row).
        var basicColumns: [Int]
        /// The optimal duals: the chemical potential of each element row (eV/atom). Every column's
        /// reduced cost `energies[j] - duals . fractions_j` is >= 0 (to 1e-12) and 0 for basic ones.
        var duals: [Double]
    }

    /// Minimizes over all columns except `excluded`; nil if the LP is unbounded or fails to converge.
    func solve(target b: [Double], excluding excluded: Int = -1) -> Solution? {
        let n = energies.count
        var basis = elementalColumn
        // B^-1, k x k, row-major; the elemental basis is the identity.
        var inverse = [Double](repeating: 0, count: k * k)
        for i in 0..<k { inverse[i * k + i] = 1 }
        var x = b
        var degenerateRun = 0
        let epsilon = 1e-12
        for _ in 0..<(50 * (n + k)) {
            // Duals y = c_B B^-1.
            var y = [Double](repeating: 0, count: k)
            for r in 0..<k {
                let c = energies[basis[r]]
                if c == 0 { continue }
                for i in 0..<k { y[i] += c * inverse[r * k + i] }
            }
            // Pricing.
            var entering = -1
            var best = -epsilon
            let bland = degenerateRun > 2 * k
            for j in 0..<n where j != excluded {
                var reduced = energies[j]
                let base = j * k
                for i in 0..<k { reduced -= y[i] * fractions[base + i] }
                if reduced < best {
                    entering = j
                    if bland { break }
                    best = reduced
                }
            }
            if entering < 0 {
                var out = [(column: Int, weight: Double)]()
                var energy = 0.0
                for r in 0..<k {
                    energy += energies[basis[r]] * x[r]
                    if x[r] > HullTolerances.fraction { out.append((basis[r], x[r])) }
                }
                return Solution(energy: energy, basis: out, basicColumns: basis, duals: y)
            }
            // Direction d = B^-1 a_entering.
            var d = [Double](repeating: 0, count: k)
            for r in 0..<k {
                var sum = 0.0
                for i in 0..<k { sum += inverse[r * k + i] * fractions[entering * k + i] }
                d[r] = sum
            }
            // Ratio test.
            var leaving = -1
            var ratio = Double.infinity
            for r in 0..<k where d[r] > epsilon {
                let t = x[r] / d[r]
                if t < ratio - 1e-15 || (bland && abs(t - ratio) <= 1e-15 && leaving >= 0 && basis[r] < basis[leaving]) {
                    ratio = t
                    leaving = r
                }
            }
            guard leaving >= 0 else { return nil }
            degenerateRun = ratio < 1e-14 ? degenerateRun + 1 : 0
            // Pivot.
            let pivot = d[leaving]
            for r in 0..<k where r != leaving { x[r] -= ratio * d[r] }
            x[leaving] = ratio
            for i in 0..<k { inverse[leaving * k + i] /= pivot }
            for r in 0..<k where r != leaving && d[r] != 0 {
                let factor = d[r]
                for i in 0..<k { inverse[r * k + i] -= factor * inverse[leaving * k + i] }
            }
            basis[leaving] = entering
            for r in 0..<k where x[r] < 0 && x[r] > -1e-13 { x[r] = 0 }
        }
        return nil
    }
}
