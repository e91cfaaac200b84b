import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct LLLReductionTests {
    @Test("a sheared basis of the square lattice comes back to short orthogonal vectors")
    func sheared() {
        let lattice = Lattice(rows: [[1, 0, 0], [7, 1, 0], [3, -5, 1]])
        let (reduced, transform) = LLLReduction.reduce(lattice)
        #expect(reduced.rows.allSatisfy { abs($0.length - 1) < 1e-12 })
        #expect(abs(transform.determinant) == 1)
        #expect(transform.apply(to: lattice) == reduced)
    }

    @Test("reduced bases satisfy the size and Lovász conditions")
    func conditions() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let lattice = Lattice(rows: (0..<3).map { _ in [rng.uniform(-9, 9), rng.uniform(-9, 9), rng.uniform(-9, 9)] })
            guard lattice.volume > 0.5 else { continue }
            let (reduced, transform) = LLLReduction.reduce(lattice)
            #expect(abs(transform.determinant) == 1)
            let b = reduced.rows
            // Gram-Schmidt of the result.
            var star = [Vector3](), mu = [[Double]](repeating: [0, 0, 0], count: 3)
            for i in 0..<3 {
                var v = b[i]
                for j in 0..<i { mu[i][j] = b[i].dot(star[j]) / star[j].dot(star[j]); v -= mu[i][j] * star[j] }
                star.append(v)
            }
            for i in 0..<3 { for j in 0..<i { #expect(abs(mu[i][j]) <= 0.5 + 1e-9) } }
            for k in 1..<3 {
                #expect(star[k].dot(star[k]) >= (LLLReduction.delta - mu[k][k - 1] * mu[k][k - 1]) * star[k - 1].dot(star[k - 1]) - 1e-9)
            }
        }
    }
}
