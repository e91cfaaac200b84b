import CrystalModel

/// A periodic cell as the search sees it: a lattice whose columns are the basis vectors, fractional positions and
/// integer species (atomic numbers).
struct SearchCell {
    var lattice: Matrix3
    var positions: [Vector3]
    var types: [Int32]

    var count: Int { positions.count }

    /// Cells with fewer atoms scan all pairs: a grid costs more than it saves there.
    static let gridThreshold = 32

    /// Two fractional positions closer than `tolerance` (Å): their difference less its nearest integers, in
    /// Cartesian length (spglib's overlap test, strict).
    @inline(__always) static func overlaps(_ a: Vector3, _ b: Vector3, lattice: Matrix3, tolerance: Double) -> Bool {
        let d = (a - b).wrappedToNearest
        return (lattice * d).normSquared.squareRoot() < tolerance
    }

    /// Two atoms of one species within `tolerance` of each other. Large cells examine only the pairs that
    /// `FractionalGrid` yields (the others fail the exact pre-test of `OverlapTest`, so the answer is the same).
    func hasOverlappingAtoms(tolerance: Double) -> Bool {
        if count >= Self.gridThreshold {
            let grid = FractionalGrid(positions, slack: OverlapTest(lattice: lattice, tolerance: tolerance, strict: true).slack)
            var found = false
            for i in 0..<count where !found {
                let p = positions[i], type = types[i]
                grid.forEachCandidate(near: p) { j in
                    if j > i, types[j] == type, Self.overlaps(p, positions[j], lattice: lattice, tolerance: tolerance) { found = true }
                }
            }
            return found
        }
        for i in 0..<count {
            for j in (i + 1)..<count where types[i] == types[j] {
                if Self.overlaps(positions[i], positions[j], lattice: lattice, tolerance: tolerance) { return true }
            }
        }
        return false
    }
}

/// spglib's distance test between fractional positions (the difference less its nearest integers, in Cartesian
/// length, against a tolerance in Å), with a cheap exact pre-test: |d_i| <= |b*_i| |L d| for every axis i (b*_i the
/// reciprocal vectors), so a component beyond tolerance x |b*_i| rules the pair out without the matrix product.
struct OverlapTest {
    let lattice: Matrix3
    let tolerance: Double
    /// `<` (spglib's `cel_is_overlap`) or `<=` (its overlap checker).
    let strict: Bool
    let slack: Vector3

    init(lattice: Matrix3, tolerance: Double, strict: Bool) {
        self.lattice = lattice
        self.tolerance = tolerance
        self.strict = strict
        if let inverse = lattice.inverse() {
            slack = Vector3(inverse.r0.normSquared.squareRoot(), inverse.r1.normSquared.squareRoot(), inverse.r2.normSquared.squareRoot())
                * tolerance * (1 + 1e-9) + Vector3(repeating: 1e-12)
        } else {
            slack = Vector3(repeating: .infinity)
        }
    }

    @inline(__always) func callAsFunction(_ a: Vector3, _ b: Vector3) -> Bool {
        let d = (a - b).wrappedToNearest
        if abs(d.x) > slack.x || abs(d.y) > slack.y || abs(d.z) > slack.z { return false }
        let length = (lattice * d).normSquared.squareRoot()
        return strict ? length < tolerance : length <= tolerance
    }
}
