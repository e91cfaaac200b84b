import CrystalModel

/// Fractional positions binned into a periodic grid whose cells are at least a given per-axis tolerance wide,
/// so that "is there a position within the tolerance of q" looks at the 27 cells around q instead of every
/// position (pymatgen uses a periodic k-d tree for the same question in `get_primitive_structure`).
struct PeriodicGrid {
    let divisions: SIMD3<Int>
    let tolerance: Vector3
    private var cells: [[Int]]
    private let positions: [Vector3]

    /// Cells per axis at most (bounds memory when the tolerance is tiny); fewer when there are few positions
    /// (cells wider than the tolerance are still correct).
    static let maximumDivisions = 64

    init(_ positions: [Vector3], tolerance: Vector3) {
        self.positions = positions
        self.tolerance = tolerance
        // No more cells than positions need: per axis at most twice the fourth root of the count (8 n^(3/4)
        // cells in all).
        let perAxis = max(1, Int(Double(positions.count).squareRoot().squareRoot().rounded(.up)) * 2)
        func count(_ t: Double) -> Int {
            guard t > 0, t.isFinite else { return 1 }
            return max(1, min(Self.maximumDivisions, perAxis, Int((1 / t).rounded(.down))))
        }
        divisions = SIMD3(count(tolerance.x), count(tolerance.y), count(tolerance.z))
        cells = [[Int]](repeating: [], count: divisions.x * divisions.y * divisions.z)
        for (index, p) in positions.enumerated() { cells[cell(of: p)].append(index) }
    }

    func coordinates(_ p: Vector3) -> SIMD3<Int> {
        let wrapped = p - p.rounded(.down)
        var c = SIMD3<Int>(0, 0, 0)
        for d in 0..<3 {
            let x = wrapped[d] * Double(divisions[d])
            c[d] = x.isFinite ? min(divisions[d] - 1, max(0, Int(x))) : 0
        }
        return c
    }

    func cell(of p: Vector3) -> Int {
        let c = coordinates(p)
        return (c.x * divisions.y + c.y) * divisions.z + c.z
    }

    /// Some position lies, per coordinate, strictly within the tolerance of `q` (periodically).
    func containsNeighbour(of q: Vector3) -> Bool {
        let c = coordinates(q)
        func offsets(_ n: Int) -> [Int] { n >= 3 ? [-1, 0, 1] : Array(0..<n) }
        for dx in offsets(divisions.x) {
            let x = divisions.x >= 3 ? (c.x + dx + divisions.x) % divisions.x : dx
            for dy in offsets(divisions.y) {
                let y = divisions.y >= 3 ? (c.y + dy + divisions.y) % divisions.y : dy
                for dz in offsets(divisions.z) {
                    let z = divisions.z >= 3 ? (c.z + dz + divisions.z) % divisions.z : dz
                    for index in cells[(x * divisions.y + y) * divisions.z + z] {
                        let r = (q - positions[index]).periodicOffset.magnitudes
                        if r.x < tolerance.x && r.y < tolerance.y && r.z < tolerance.z { return true }
                    }
                }
            }
        }
        return false
    }
}
