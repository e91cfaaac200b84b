/// Small dense linear algebra for the facet search (k x k systems, k <= ~10): Gaussian elimination with
/// partial pivoting, null vectors, orthonormal bases. Vectors are `[Double]`, matrices arrays of rows.
enum DenseLinearAlgebra {
    /// Pivots smaller than this (on unit-scale rows) count as zero: the rows are dependent.
    static let singular = 1e-12

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    /// The solution of `rows * x = rhs` for a square, non-singular system; nil when singular.
    static func solve(_ rows: [[Double]], _ rhs: [Double]) -> [Double]? {
        let n = rows.count
        guard n > 0, rhs.count == n, rows.allSatisfy({ $0.count == n }) else { return nil }
        var a = rows
        var b = rhs
        for column in 0..<n {
            var pivot = column
            for r in column..<n where abs(a[r][column]) > abs(a[pivot][column]) { pivot = r }
            guard abs(a[pivot][column]) > singular else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for r in (column + 1)..<n {
                let factor = a[r][column] / a[column][column]
                if factor == 0 { continue }
                for c in column..<n { a[r][c] -= factor * a[column][c] }
                b[r] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[r]
            for c in (r + 1)..<n { sum -= a[r][c] * x[c] }
            x[r] = sum / a[r][r]
        }
        return x
    }

    /// A unit vector orthogonal to `rows` (n - 1 vectors of length n), or nil when they are dependent.
    static func nullVector(_ rows: [[Double]], dimension n: Int) -> [Double]? {
        guard rows.count == n - 1, rows.allSatisfy({ $0.count == n }) else { return nil }
        if n == 1 { return [1] }
        // Reduced row echelon form; the one column without a pivot is free.
        var a = rows
        var pivotColumns = [Int]()
        var row = 0
        for column in 0..<n where row < a.count {
            var pivot = row
            for r in row..<a.count where abs(a[r][column]) > abs(a[pivot][column]) { pivot = r }
            guard abs(a[pivot][column]) > singular else { continue }
            a.swapAt(row, pivot)
            let scale = a[row][column]
            for c in 0..<n { a[row][c] /= scale }
            for r in 0..<a.count where r != row && a[r][column] != 0 {
                let factor = a[r][column]
                for c in 0..<n { a[r][c] -= factor * a[row][c] }
            }
            pivotColumns.append(column)
            row += 1
        }
        guard pivotColumns.count == n - 1 else { return nil }
        let free = (0..<n).first { !pivotColumns.contains($0) } ?? (n - 1)
        var x = [Double](repeating: 0, count: n)
        x[free] = 1
        for (r, column) in pivotColumns.enumerated() { x[column] = -a[r][free] }
        let length = norm(x)
        return x.map { $0 / length }
    }

    /// An orthonormal basis of the span of `vectors` (modified Gram-Schmidt, twice for accuracy); its size is
    /// the rank.
    static func orthonormalBasis(_ vectors: [[Double]]) -> [[Double]] {
        var basis = [[Double]]()
        for vector in vectors {
            var v = vector
            for _ in 0..<2 {
                for q in basis {
                    let projection = dot(v, q)
                    for i in v.indices { v[i] -= projection * q[i] }
                }
            }
            let length = norm(v)
            if length > 1e-9 * max(1, norm(vector)) { basis.append(v.map { $0 / length }) }
        }
        return basis
    }
}

extension DenseLinearAlgebra {
    /// The inverse of a square, non-singular matrix stored row by row (`size` x `size`), by Gauss-Jordan with
    /// partial pivoting; nil when singular.
    static func inverse(flat matrix: [Double], size n: Int) -> [Double]? {
        guard n > 0, matrix.count == n * n else { return nil }
        var a = matrix
        var b = [Double](repeating: 0, count: n * n)
        for i in 0..<n { b[i * n + i] = 1 }
        for column in 0..<n {
            var pivot = column
            for r in column..<n where abs(a[r * n + column]) > abs(a[pivot * n + column]) { pivot = r }
            guard abs(a[pivot * n + column]) > singular else { return nil }
            if pivot != column {
                for c in 0..<n {
                    a.swapAt(column * n + c, pivot * n + c)
                    b.swapAt(column * n + c, pivot * n + c)
                }
            }
            let scale = a[column * n + column]
            for c in 0..<n {
                a[column * n + c] /= scale
                b[column * n + c] /= scale
            }
            for r in 0..<n where r != column && a[r * n + column] != 0 {
                let factor = a[r * n + column]
                for c in 0..<n {
                    a[r * n + c] -= factor * a[column * n + c]
                    b[r * n + c] -= factor * b[column * n + c]
                }
            }
        }
        return b
    }
}
