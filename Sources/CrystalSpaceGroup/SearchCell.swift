import CrystalModel

/// A periodic cell as the search sees it: a lattice whose columns are the basis vectors, fractional positions and
/// integer species (atomic numbers).
struct SearchCell {
    var lattice: Matrix3
    var positions: [Vector3]
    var types: [Int32]

    var count: Int { positions.count }

    /// Two fractional positions closer than `tolerance` (Å): their difference less its nearest integers, in
    /// Cartesian length (spglib's overlap test, strict).
    @inline(__always) static func overlaps(_ a: Vector3, _ b: Vector3, lattice: Matrix3, tolerance: Double) -> Bool {
        let d = (a - b).wrappedToNearest
        return (lattice * d).normSquared.squareRoot() < tolerance
    }

    /// Two atoms of one species within `tolerance` of each other.
    func hasOverlappingAtoms(tolerance: Double) -> Bool {
        for i in 0..<count {
            for j in (i + 1)..<count where types[i] == types[j] {
                if Self.overlaps(positions[i], positions[j], lattice: lattice, tolerance: tolerance) { return true }
            }
        }
        return false
    }
}
