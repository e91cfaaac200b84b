import Foundation
import CrystalModel

/// Lattice vectors within a radius of the origin (the origin left out), sorted by length, as pymatgen's
/// `Lattice.get_points_in_sphere` finds them around [0, 0, 0]: every integer combination inside the
/// parallelepiped that holds the sphere (|n_i| <= r / d_i, d_i the spacing of the lattice planes), kept when
/// its length is at most r. A structure compared with many others keeps one search for all of them.
public struct LatticePoints: Sendable {
    struct Point: Sendable {
        var coefficients: SIMD3<Int>
        var vector: Vector3
        var length: Double
    }

    /// Fractional slack on the radius, as pymatgen's neighbour search (tol = 1e-8).
    static let radiusSlack = 1e-8
    /// Bound on points per search: more would mean a flat or absurd cell.
    static let maximumPoints = 2_000_000

    let lattice: Lattice
    /// The radius searched (Å, in `lattice`'s units).
    let radius: Double
    /// Sorted by length.
    let points: [Point]

    init(_ lattice: Lattice, radius: Double) {
        self.lattice = lattice
        self.radius = radius
        points = Self.search(lattice, radius: radius).sorted { $0.length < $1.length }
    }

    /// The points with length strictly between `low` and `high` (a superset; callers test exactly).
    func between(_ low: Double, _ high: Double) -> ArraySlice<Point> {
        func firstIndex(atLeast value: Double) -> Int {
            var lo = 0, hi = points.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if points[mid].length < value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let start = firstIndex(atLeast: low * (1 - 1e-12)), end = firstIndex(atLeast: high * (1 + 1e-12))
        return points[start..<max(start, end)]
    }

    static func search(_ lattice: Lattice, radius: Double) -> [Point] {
        let volume = lattice.volume
        guard volume > 0, radius.isFinite, radius > 0 else { return [] }
        let spacings = Vector3(volume / lattice.b.cross(lattice.c).length, volume / lattice.c.cross(lattice.a).length,
                               volume / lattice.a.cross(lattice.b).length)
        let limitD = (radius / spacings).rounded(.up)
        let box = (2 * limitD.x + 1) * (2 * limitD.y + 1) * (2 * limitD.z + 1)
        guard box.isFinite, box < Double(maximumPoints) else { return [] }
        let limit = SIMD3<Int>(Int(limitD.x), Int(limitD.y), Int(limitD.z))
        let bound = radius * (1 + radiusSlack)
        var points = [Point]()
        points.reserveCapacity(Int(box * 0.6) + 8)
        for i in -limit.x...limit.x {
            let u = Double(i) * lattice.a
            for j in -limit.y...limit.y {
                let v = u + Double(j) * lattice.b
                for k in -limit.z...limit.z where i != 0 || j != 0 || k != 0 {
                    let w = v + Double(k) * lattice.c
                    let length = w.length
                    if length <= bound { points.append(Point(coefficients: SIMD3(i, j, k), vector: w, length: length)) }
                }
            }
        }
        return points
    }
}
