import CrystalModel
import Testing
@testable import CrystalMatch

@Suite struct LinearAssignmentTests {
    @Test("a 3x3 case where taking each row's cheapest column is not optimal")
    func handChecked() {
        // Rows 0 and 1 both prefer column 1; the optimum (cost 1 + 2 + 2 = 5) gives row 1 column 0.
        let cost: [Double] = [4, 1, 3,
                              2, 0, 5,
                              3, 2, 2]
        #expect(LinearAssignment.solve(cost, n: 3) == [1, 0, 2])
    }

    @Test("optimal against every permutation on random 1-6 square matrices")
    func bruteForce() {
        var rng = SplitMix64(seed: 3)
        for n in 1...6 {
            for _ in 0..<60 {
                let cost = (0..<(n * n)).map { _ in rng.uniform(0, 10).rounded() }
                let assignment = LinearAssignment.solve(cost, n: n)
                #expect(Set(assignment).count == n)
                let total = assignment.enumerated().reduce(0) { $0 + cost[$1.offset * n + $1.element] }
                #expect(abs(total - Self.bestByPermutation(cost, n)) < 1e-9)
            }
        }
    }

    @Test("excluded pairs (1e20) are avoided whenever a perfect assignment without them exists")
    func excluded() {
        let x = SiteMatchProblem.excluded
        let cost: [Double] = [x, 1, x,
                              1, x, x,
                              x, 9, 2]
        #expect(LinearAssignment.solve(cost, n: 3) == [1, 0, 2])
    }

    static func bestByPermutation(_ cost: [Double], _ n: Int) -> Double {
        var best = Double.infinity
        func visit(_ row: Int, _ used: Set<Int>, _ sum: Double) {
            if row == n { best = min(best, sum); return }
            for c in 0..<n where !used.contains(c) { visit(row + 1, used.union([c]), sum + cost[row * n + c]) }
        }
        visit(0, [], 0)
        return best
    }
}
