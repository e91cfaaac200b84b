import Foundation
import CrystalModel

/// The lattice vectors within a radius of the origin in the order pymatgen's cell-list neighbour search
/// (`pymatgen.optimization.neighbors.find_points_in_spheres`, through `Lattice.get_points_in_sphere`) returns
/// them: images i a + j b + k c for i, j, k over the bounding range, binned into cubes of edge r around the
/// origin; cubes in index order, and within a cube the later image first. pymatgen picks the first suitable
/// triple in this order when it orients a Niggli cell, so the order decides which of several equivalent
/// bases (v or -v, equal-length vectors) its reduced cells use, and with them which sub-cells its primitive
/// search meets first and at which per-axis tolerances.
enum SphereSearchOrder {
    struct Point {
        var coefficients: SIMD3<Int>
        var vector: Vector3
        var length: Double
    }

    /// pymatgen's neighbour-search tolerance (Å and Å²) and smallest cutoff searched directly (Å).
    static let tolerance = 1e-8
    static let minimumRadius = 1.0
    /// Bound on images examined.
    static let maximumImages = 2_000_000

    static func points(_ lattice: Lattice, radius r: Double) -> [Point] {
        guard r.isFinite, r > 0 else { return [] }
        if r < minimumRadius {
            return points(lattice, radius: minimumRadius + tolerance).filter { $0.length <= r }
        }
        let rows = [lattice.a, lattice.b, lattice.c]
        // Repetitions per axis: ceil((r + 0.15) |b*_i| / 2π), |b*_i| = 2π |a_j x a_k| / |a_i . (a_j x a_k)|.
        var repetitions = SIMD3<Int>(repeating: 0)
        for i in 0..<3 {
            let cross = rows[(i + 1) % 3].cross(rows[(i + 2) % 3])
            let product = rows[i].dot(cross)
            guard product != 0 else { return [] }
            let bound = ((r + 0.15) * (cross.length / Swift.abs(product))).rounded(.up)
            guard bound.isFinite, bound < 1e6 else { return [] }
            repetitions[i] = Int(bound)
        }
        let count = 2 &* repetitions &+ 2
        guard count.x * count.y * count.z < maximumImages else { return [] }
        let low = -r - tolerance, high = r + tolerance
        var inserted = [(key: Int, point: Point)]()
        inserted.reserveCapacity(count.x * count.y * count.z / 2 + 8)
        var order = 0
        for i in (-repetitions.x - 1)...repetitions.x {
            for j in (-repetitions.y - 1)...repetitions.y {
                for k in (-repetitions.z - 1)...repetitions.z {
                    var v = Vector3.zero
                    for d in 0..<3 { v[d] = Double(i) * rows[0][d] + Double(j) * rows[1][d] + Double(k) * rows[2][d] + 0 }
                    guard v.x > low, v.x < high, v.y > low, v.y < high, v.z > low, v.z < high else { continue }
                    var cube = 0
                    for d in 0..<3 { cube = cube * 3 + Int(((v[d] - low + 1e-8) / r).rounded(.down)) }
                    let squared = v.x * v.x + v.y * v.y + v.z * v.z
                    if squared < r * r + tolerance {
                        // Cubes ascending, later images first within a cube.
                        inserted.append((cube * maximumImages - order, Point(coefficients: SIMD3(i, j, k), vector: v, length: squared.squareRoot())))
                    }
                    order += 1
                }
            }
        }
        return inserted.sorted { $0.key < $1.key }.map(\.point)
    }
}
