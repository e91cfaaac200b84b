/// Minimum-cost perfect assignment of a square cost matrix by shortest augmenting paths with dual
/// potentials (the Hungarian method in the form of Jonker and Volgenant, Computing 38 (1987) 325; the same
/// problem scipy's `linear_sum_assignment` solves, Crouse, IEEE TAES 52 (2016) 1679). O(n^3).
enum LinearAssignment {
    /// `cost[row * n + column]`; returns, for each row, its column.
    static func solve(_ cost: [Double], n: Int) -> [Int] {
        guard n > 0 else { return [] }
        if n == 1 { return [0] }
        // 1-based arrays with a virtual column 0, as in the classic formulation.
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var rowOfColumn = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        var minimum = [Double](repeating: 0, count: n + 1)
        var used = [Bool](repeating: false, count: n + 1)
        for row in 1...n {
            rowOfColumn[0] = row
            var column0 = 0
            for j in 0...n { minimum[j] = .infinity; used[j] = false }
            repeat {
                used[column0] = true
                let row0 = rowOfColumn[column0]
                var delta = Double.infinity, column1 = 0
                let base = (row0 - 1) * n
                for j in 1...n where !used[j] {
                    let reduced = cost[base + j - 1] - u[row0] - v[j]
                    if reduced < minimum[j] { minimum[j] = reduced; way[j] = column0 }
                    if minimum[j] < delta { delta = minimum[j]; column1 = j }
                }
                guard column1 != 0 else { break }
                for j in 0...n {
                    if used[j] { u[rowOfColumn[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                column0 = column1
            } while rowOfColumn[column0] != 0
            repeat {
                let column1 = way[column0]
                rowOfColumn[column0] = rowOfColumn[column1]
                column0 = column1
            } while column0 != 0
        }
        var assignment = [Int](repeating: 0, count: n)
        for j in 1...n where rowOfColumn[j] > 0 { assignment[rowOfColumn[j] - 1] = j - 1 }
        return assignment
    }
}
