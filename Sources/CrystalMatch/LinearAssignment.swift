/// Minimum-cost perfect assignment of a square cost matrix by shortest augmenting paths with dual
/// potentials (the Hungarian method in the form of Jonker and Volgenant, Computing 38 (1987) 325; the same
/// problem scipy's `linear_sum_assignment` solves, Crouse, IEEE TAES 52 (2016) 1679). O(n^3) at worst.
/// Starts, as Jonker and Volgenant do, from row reduction: each row takes its cheapest column when that
/// column is still free, and only the remaining rows are augmented (none, when every row's cheapest
/// column differs: that assignment is then optimal, the sum of row minima bounding every assignment).
enum LinearAssignment {
    /// Arrays of one solve, reused: 1-based with a virtual column 0, as in the classic formulation.
    /// (Raw buffers: class-held arrays would pay a dynamic exclusivity check on every element access.)
    final class Workspace {
        let u, v, minimum: UnsafeMutablePointer<Double>
        let rowOfColumn, way, open: UnsafeMutablePointer<Int>
        let used: UnsafeMutablePointer<Bool>

        init(size: Int) {
            let count = size + 1
            u = .allocate(capacity: count)
            v = .allocate(capacity: count)
            minimum = .allocate(capacity: count)
            rowOfColumn = .allocate(capacity: count)
            way = .allocate(capacity: count)
            open = .allocate(capacity: count)
            used = .allocate(capacity: count)
            for p in [u, v, minimum] { p.initialize(repeating: 0, count: count) }
            for p in [rowOfColumn, way, open] { p.initialize(repeating: 0, count: count) }
            used.initialize(repeating: false, count: count)
        }

        deinit {
            for p in [u, v, minimum] { p.deallocate() }
            for p in [rowOfColumn, way, open] { p.deallocate() }
            used.deallocate()
        }
    }

    /// `cost[row * n + column]` (n <= the workspace's size); writes each row's column into `assignment`.
    static func solve(_ cost: UnsafePointer<Double>, n: Int, into assignment: UnsafeMutablePointer<Int>, workspace w: Workspace) {
        guard n > 1 else {
            if n == 1 { assignment[0] = 0 }
            return
        }
        // u + v <= cost throughout, with equality on matched pairs.
        for j in 0...n { w.v[j] = 0; w.rowOfColumn[j] = 0 }
        var openCount = 0
        for row in 1...n {
            let base = (row - 1) * n
            var best = 1
            for j in 2...n where cost[base + j - 1] < cost[base + best - 1] { best = j }
            w.u[row] = cost[base + best - 1]
            if w.rowOfColumn[best] == 0 {
                w.rowOfColumn[best] = row
            } else {
                w.open[openCount] = row
                openCount += 1
            }
        }
        for index in 0..<openCount {
            let row = w.open[index]
            w.rowOfColumn[0] = row
            var column0 = 0
            for j in 0...n { w.minimum[j] = .infinity; w.used[j] = false }
            repeat {
                w.used[column0] = true
                let row0 = w.rowOfColumn[column0]
                var delta = Double.infinity, column1 = 0
                let base = (row0 - 1) * n
                for j in 1...n where !w.used[j] {
                    let reduced = cost[base + j - 1] - w.u[row0] - w.v[j]
                    if reduced < w.minimum[j] { w.minimum[j] = reduced; w.way[j] = column0 }
                    if w.minimum[j] < delta { delta = w.minimum[j]; column1 = j }
                }
                guard column1 != 0 else { break }
                for j in 0...n {
                    if w.used[j] { w.u[w.rowOfColumn[j]] += delta; w.v[j] -= delta } else { w.minimum[j] -= delta }
                }
                column0 = column1
            } while w.rowOfColumn[column0] != 0
            repeat {
                let column1 = w.way[column0]
                w.rowOfColumn[column0] = w.rowOfColumn[column1]
                column0 = column1
            } while column0 != 0
        }
        for j in 1...n where w.rowOfColumn[j] > 0 { assignment[w.rowOfColumn[j] - 1] = j - 1 }
    }

    /// Convenience for tests: the column of each row.
    static func solve(_ cost: [Double], n: Int) -> [Int] {
        let workspace = Workspace(size: n)
        var out = [Int](repeating: 0, count: n)
        cost.withUnsafeBufferPointer { c in
            out.withUnsafeMutableBufferPointer { o in
                if let base = c.baseAddress, let target = o.baseAddress { solve(base, n: n, into: target, workspace: workspace) }
            }
        }
        return out
    }
}
