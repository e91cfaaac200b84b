import CrystalModel

/// Delaunay (Selling) reduction of a lattice (International Tables for Crystallography vol. A, section 3.1.3; as in
/// spglib): the four vectors b1, b2, b3, b4 = -(b1+b2+b3) are changed until no two have a positive scalar product
/// (above `tolerance`), then the shortest three independent vectors of {b1, b2, b1+b2, b3, b4, b2+b3, b3+b1} form
/// the reduced basis, right-handed. The order of candidates and the tie rule (lengths within 1e-10 keep their order)
/// are spglib's, so that the same basis comes out.
enum DelaunayReduction {
    /// At most this many reduction steps (spglib's limit); a lattice needing more is refused.
    static let maximumSteps = 100

    /// The reduced lattice (columns), or nil for a degenerate one.
    static func reduce(_ lattice: Matrix3, tolerance: Double) -> Matrix3? {
        var basis = [lattice.column(0), lattice.column(1), lattice.column(2), Vector3.zero]
        basis[3] = Vector3(-lattice[0, 0] - lattice[0, 1] - lattice[0, 2], -lattice[1, 0] - lattice[1, 1] - lattice[1, 2],
                           -lattice[2, 0] - lattice[2, 1] - lattice[2, 2])
        var reduced = false
        for _ in 0..<maximumSteps {
            if step(&basis, tolerance: tolerance) {
                reduced = true
                break
            }
        }
        guard reduced else { return nil }
        let shortest = shortestVectors(basis, tolerance: tolerance)
        var result = Matrix3(columns: shortest.0, shortest.1, shortest.2)
        let volume = result.determinant
        guard abs(volume) >= tolerance else { return nil }
        if volume < 0 { result = Matrix3(-result.r0, -result.r1, -result.r2) }
        // The change of basis must be unimodular.
        guard let inverse = result.inverse(precision: tolerance) else { return nil }
        let change = (inverse * lattice).rounded
        guard abs(change.determinant) == 1 else { return nil }
        return result
    }

    /// One Selling step; true when the basis is already reduced.
    static func step(_ basis: inout [Vector3], tolerance: Double) -> Bool {
        for i in 0..<3 {
            for j in (i + 1)..<4 {
                let dot = basis[i].x * basis[j].x + basis[i].y * basis[j].y + basis[i].z * basis[j].z
                if dot > tolerance {
                    for k in 0..<4 where k != i && k != j { basis[k] += basis[i] }
                    basis[i] = -basis[i]
                    return false
                }
            }
        }
        return true
    }

    static func shortestVectors(_ basis: [Vector3], tolerance: Double) -> (Vector3, Vector3, Vector3) {
        var b = [basis[0], basis[1], basis[0] + basis[1], basis[2], basis[3], basis[1] + basis[2], basis[2] + basis[0]]
        for _ in 0..<6 {
            for j in 0..<6 where b[j].normSquared > b[j + 1].normSquared + zeroPrecision { b.swapAt(j, j + 1) }
        }
        for i in 2..<7 where abs(Matrix3(columns: b[0], b[1], b[i]).determinant) > tolerance {
            return (b[0], b[1], b[i])
        }
        return (basis[0], basis[1], basis[2])
    }

    /// Two-dimensional reduction of the two axes other than `uniqueAxis` (spglib's, for monoclinic cells): the third
    /// vector of the extended basis is -(b1+b2), a positive product moves 2 b_i onto the first other vector; the
    /// shortest of {b1, b2, b3, b1+b2} with one more independent of it and the unique axis are kept.
    static func reduce2D(_ lattice: Matrix3, uniqueAxis: Int, tolerance: Double) -> Matrix3? {
        let others = (0..<3).filter { $0 != uniqueAxis }
        let j = others[0], k = others[1]
        let unique = lattice.column(uniqueAxis)
        let a = lattice.column(j), c = lattice.column(k)
        var basis = [a, c, Vector3(-a.x - c.x, -a.y - c.y, -a.z - c.z)]
        var reduced = false
        for _ in 0..<maximumSteps {
            if step2D(&basis, tolerance: tolerance) {
                reduced = true
                break
            }
        }
        guard reduced else { return nil }
        var b = [basis[0], basis[1], basis[2], basis[0] + basis[1]]
        for _ in 0..<3 {
            for m in 0..<3 where b[m].normSquared > b[m + 1].normSquared + zeroPrecision { b.swapAt(m, m + 1) }
        }
        var first = basis[0], second = basis[1]
        for i in 1..<4 where abs(Matrix3(columns: b[0], unique, b[i]).determinant) > tolerance {
            first = b[0]
            second = b[i]
            break
        }
        var result = Matrix3.identity
        for r in 0..<3 {
            result[r, uniqueAxis] = lattice[r, uniqueAxis]
            result[r, j] = first[r]
            result[r, k] = second[r]
        }
        let volume = result.determinant
        guard abs(volume) >= tolerance else { return nil }
        if volume < 0 { for r in 0..<3 { result[r, uniqueAxis] = -result[r, uniqueAxis] } }
        return result
    }

    static func step2D(_ basis: inout [Vector3], tolerance: Double) -> Bool {
        for i in 0..<2 {
            for j in (i + 1)..<3 {
                let dot = basis[i].x * basis[j].x + basis[i].y * basis[j].y + basis[i].z * basis[j].z
                if dot > tolerance {
                    for k in 0..<3 where k != i && k != j {
                        basis[k] += 2 * basis[i]
                        break
                    }
                    basis[i] = -basis[i]
                    return false
                }
            }
        }
        return true
    }
}
