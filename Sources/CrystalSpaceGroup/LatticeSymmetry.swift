import Foundation
import CrystalModel

/// The point symmetry of a lattice: the integer matrices W (columns among the 26 vectors with components in
/// {-1, 0, 1}, det ±1) that keep the Delaunay-reduced basis's lengths within `tolerance` (Å) and its angles within
/// the angle tolerance (degrees; negative: spglib's test on the sine of the angle change times the mean lengths),
/// expressed in the given cell's basis (Grosse-Kunstleve, Acta Cryst. A55 (1999) 383, section 3: the candidates of a
/// reduced cell). spglib tries all 26^3 triples; here each column only runs over the vectors whose length already
/// matches its basis vector's, in spglib's order, which gives the same matrices in the same order at a fraction of
/// the cost. More than 48 matches lower the angle tolerance by 5% and start again, as spglib does.
enum LatticeSymmetry {
    /// The 26 lattice vectors tried for each column, in spglib's order (the order of the result follows it).
    static let axes: [SIMD3<Int>] = [
        SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1), SIMD3(-1, 0, 0), SIMD3(0, -1, 0), SIMD3(0, 0, -1),
        SIMD3(0, 1, 1), SIMD3(1, 0, 1), SIMD3(1, 1, 0), SIMD3(0, -1, -1), SIMD3(-1, 0, -1), SIMD3(-1, -1, 0),
        SIMD3(0, 1, -1), SIMD3(-1, 0, 1), SIMD3(1, -1, 0), SIMD3(0, -1, 1), SIMD3(1, 0, -1), SIMD3(-1, 1, 0),
        SIMD3(1, 1, 1), SIMD3(-1, -1, -1), SIMD3(-1, 1, 1), SIMD3(1, -1, 1), SIMD3(1, 1, -1), SIMD3(1, -1, -1),
        SIMD3(-1, 1, -1), SIMD3(-1, -1, 1),
    ]
    static let maximumAttempts = 100
    static let angleReduction = 0.95
    static let sineCutoff = 1e-12

    /// The rotations of the lattice point group in the basis of `lattice` (columns), or nil when none consistent is
    /// found (spglib's failure).
    static func rotations(of lattice: Matrix3, tolerance: Double, angleTolerance: Double) -> [IntMatrix3]? {
        guard let reduced = DelaunayReduction.reduce(lattice, tolerance: tolerance) else { return nil }
        let metricReduced = reduced.metric
        let lengths = Vector3(metricReduced[0, 0].squareRoot(), metricReduced[1, 1].squareRoot(), metricReduced[2, 2].squareRoot())
        // Candidate indices per column: vectors whose length is within the tolerance (plus rounding slack; the exact
        // test below decides).
        var candidates: [[Int]] = [[], [], []]
        var vectors = [Vector3]()
        vectors.reserveCapacity(axes.count)
        for (index, axis) in axes.enumerated() {
            let v = reduced * Vector3(Double(axis.x), Double(axis.y), Double(axis.z))
            vectors.append(v)
            let length = v.normSquared.squareRoot()
            for column in 0..<3 where abs(length - lengths[column]) <= tolerance * (1 + 1e-9) + 1e-12 {
                candidates[column].append(index)
            }
        }
        // The rotated metric's entries are the scalar products of the candidate columns (the same sums spglib forms).
        func product(_ i: Int, _ j: Int) -> Double {
            let a = vectors[i], b = vectors[j]
            return a.x * b.x + a.y * b.y + a.z * b.z
        }
        var angle = angleTolerance
        for _ in 0..<maximumAttempts {
            var found = [IntMatrix3]()
            var tooMany = false
            search: for i in candidates[0] {
                for j in candidates[1] {
                    for k in candidates[2] {
                        let w = IntMatrix3(columns: axes[i], axes[j], axes[k])
                        let det = w.determinant
                        guard det == 1 || det == -1 else { continue }
                        var rotated = Matrix3.identity
                        rotated[0, 0] = product(i, i); rotated[1, 1] = product(j, j); rotated[2, 2] = product(k, k)
                        rotated[0, 1] = product(i, j); rotated[1, 0] = rotated[0, 1]
                        rotated[0, 2] = product(i, k); rotated[2, 0] = rotated[0, 2]
                        rotated[1, 2] = product(j, k); rotated[2, 1] = rotated[1, 2]
                        if isIdentityMetric(rotated, metricReduced, tolerance: tolerance, angleTolerance: angle) {
                            if found.count > 47 {
                                tooMany = true
                                break search
                            }
                            found.append(w)
                        }
                    }
                }
            }
            if !tooMany || angle < 0 {
                if tooMany { return nil }
                return transform(found, from: reduced, to: lattice)
            }
            if angle > 0 { angle *= angleReduction }
        }
        return nil
    }

    /// spglib's metric comparison: lengths within `tolerance`; angles within `angleTolerance` degrees, or, without an
    /// angle tolerance, sin²(Δθ) times the mean lengths' product within tolerance².
    static func isIdentityMetric(_ rotated: Matrix3, _ original: Matrix3, tolerance: Double, angleTolerance: Double) -> Bool {
        var lengthOriginal = Vector3.zero, lengthRotated = Vector3.zero
        for i in 0..<3 {
            lengthOriginal[i] = original[i, i].squareRoot()
            lengthRotated[i] = rotated[i, i].squareRoot()
            if abs(lengthOriginal[i] - lengthRotated[i]) > tolerance { return false }
        }
        for pair in 0..<3 {
            let j = pair == 2 ? 1 : 0, k = pair == 0 ? 1 : 2
            if angleTolerance > 0 {
                // |acos a - acos b| >= |a - b|: a cosine difference beyond the tolerance (in radians) settles it.
                let cosOriginal = original[j, k] / lengthOriginal[j] / lengthOriginal[k]
                let cosRotated = rotated[j, k] / lengthRotated[j] / lengthRotated[k]
                if abs(cosOriginal - cosRotated) > angleTolerance * .pi / 180 * (1 + 1e-9) + 1e-12 { return false }
                if abs(angle(original, j, k) - angle(rotated, j, k)) > angleTolerance { return false }
            } else {
                let cos1 = original[j, k] / lengthOriginal[j] / lengthOriginal[k]
                let cos2 = rotated[j, k] / lengthRotated[j] / lengthRotated[k]
                let x = cos1 * cos2 + (1 - cos1 * cos1).squareRoot() * (1 - cos2 * cos2).squareRoot()
                let sinSquared = 1 - x * x
                let meanLengths = ((lengthOriginal[j] + lengthRotated[j]) * (lengthOriginal[k] + lengthRotated[k])) / 4
                if sinSquared > sineCutoff && sinSquared * meanLengths > tolerance * tolerance { return false }
            }
        }
        return true
    }

    static func angle(_ metric: Matrix3, _ i: Int, _ j: Int) -> Double {
        let li = metric[i, i].squareRoot(), lj = metric[j, j].squareRoot()
        return acos(metric[i, j] / li / lj) / 3.14159265358979323846 * 180
    }

    /// Rotations found in the reduced basis, expressed in the cell's basis; those that are not integer there (the
    /// cell has lower symmetry than its reduced lattice) are dropped.
    static func transform(_ rotations: [IntMatrix3], from reduced: Matrix3, to lattice: Matrix3) -> [IntMatrix3]? {
        guard let reducedInverse = reduced.inverse() else { return nil }
        let change = reducedInverse * lattice
        let tolerance = abs(change.determinant) / 10
        var out = [IntMatrix3]()
        for w in rotations {
            guard let d = Matrix3(w).similar(by: change) else { return nil }
            guard d.isInteger(tolerance: tolerance) else { continue }
            let r = d.rounded
            guard abs(r.determinant) == 1 else { return nil }
            out.append(r)
        }
        return out
    }
}
