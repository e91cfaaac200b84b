import Foundation
import Testing
@testable import CrystalHull

/// The facet search against a brute-force enumeration and hand-made degenerate hulls.
@Suite struct HullFacetsTests {
    /// Every k-subset whose plane has no point below it (1e-12 eV/atom), with every point within the coplanar
    /// tolerance merged into it: the definition of a lower facet, at O(n^k) cost.
    static func bruteForceFacets(_ fractions: [[Double]], _ energies: [Double]) -> Set<[Int]> {
        let k = fractions[0].count
        var out = Set<[Int]>()
        let search = FacetSearch(fractions: fractions, energies: energies, k: k)
        search.forEachSubset(of: Array(fractions.indices), size: k) { subset in
            guard let mu = DenseLinearAlgebra.solve(subset.map { fractions[$0] }, subset.map { energies[$0] }) else { return }
            guard fractions.indices.allSatisfy({ search.slack($0, mu) >= -1e-12 }) else { return }
            out.insert(fractions.indices.filter { search.slack($0, mu) <= HullTolerances.coplanar })
        }
        return out
    }

    /// A random system: the k corners at 0 and `count` random compositions with random formation energies.
    static func randomSystem(k: Int, count: Int, seed: UInt64) -> ([[Double]], [Double]) {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var fractions = [[Double]]()
        var energies = [Double]()
        for e in 0..<k {
            var x = [Double](repeating: 0, count: k)
            x[e] = 1
            fractions.append(x)
            energies.append(0)
        }
        for _ in 0..<count {
            // Integer atom counts (1-6 of a random subset of elements), as real formulas have.
            var counts = (0..<k).map { _ in next() < 0.6 ? Double(Int(next() * 6) + 1) : 0 }
            if counts.filter({ $0 > 0 }).count < 2 { counts[0] = 1; counts[1] = 2 }
            let total = counts.reduce(0, +)
            let x = counts.map { $0 / total }
            if fractions.contains(where: { zip($0, x).allSatisfy { abs($0 - $1) < 1e-12 } }) { continue }
            fractions.append(x)
            energies.append(-2 * next())
        }
        return (fractions, energies)
    }

    @Test("facets equal the brute-force enumeration on random binaries, ternaries and quaternaries", arguments: [2, 3, 4])
    func randomSystems(k: Int) throws {
        for seed in 1...30 {
            let (fractions, energies) = Self.randomSystem(k: k, count: k == 4 ? 14 : 20, seed: UInt64(seed * 977 + k))
            let facets = try #require(HullFacets(fractions: fractions, energies: energies))
            let expected = Self.bruteForceFacets(fractions, energies)
            #expect(Set(facets.facets.map(\.phases)) == expected, "k=\(k) seed \(seed)")
            // Every facet's plane passes through its phases and lies under every point.
            for facet in facets.facets {
                let search = FacetSearch(fractions: fractions, energies: energies, k: k)
                #expect(facet.phases.allSatisfy { abs(search.slack($0, facet.chemicalPotentials)) <= 1e-9 })
                #expect(fractions.indices.allSatisfy { search.slack($0, facet.chemicalPotentials) >= -1e-9 })
            }
        }
    }

    @Test("a binary's facets are the consecutive stable phases, its edges the same pairs")
    func binary() throws {
        // Stable: A, A3B (x_B = 0.25, -0.3), AB (0.5, -0.5), B; AB3 (0.75, -0.1) lies above the AB-B line.
        let fractions = [[1.0, 0], [0, 1], [0.75, 0.25], [0.5, 0.5], [0.25, 0.75]]
        let energies = [0.0, 0, -0.3, -0.5, -0.1]
        let facets = try #require(HullFacets(fractions: fractions, energies: energies))
        #expect(facets.facets.map(\.phases) == [[0, 2], [1, 3], [2, 3]])
        #expect(facets.edges == [[0, 2], [1, 3], [2, 3]])
        // AB3 (-0.1) lies above the AB-B tie line (-0.25 at x = 0.75): on no facet.
        #expect(!facets.edges.contains { $0.contains(4) })
        // The A-A3B facet's chemical potentials: μ_A = 0, μ_B from -0.3 = 0.75*0 + 0.25 μ_B.
        let first = facets.facets[0].chemicalPotentials
        #expect(abs(first[0]) < 1e-12 && abs(first[1] + 1.2) < 1e-12)
    }

    @Test("a flat quadrilateral in a ternary is one facet whose diagonals are not tie lines")
    func flatQuadrilateral() throws {
        // Corners A, B, C at 0; four phases on the plane μ = (-0.3, -0.5, -0.7) in convex position (a trapezoid).
        let fractions = [[1.0, 0, 0], [0, 1, 0], [0, 0, 1],
                         [0.5, 0.3, 0.2], [0.3, 0.5, 0.2], [0.5, 0.2, 0.3], [0.3, 0.2, 0.5]]
        let energies = [0.0, 0, 0] + fractions[3...].map { -0.3 * $0[0] - 0.5 * $0[1] - 0.7 * $0[2] }
        let facets = try #require(HullFacets(fractions: fractions, energies: energies))
        #expect(facets.facets.contains { $0.phases == [3, 4, 5, 6] })
        #expect(facets.facets.filter { $0.phases.count != 3 }.count == 1)
        #expect(Set(facets.facets.map(\.phases)) == Self.bruteForceFacets(fractions, energies))
        // Sides of the quadrilateral (in the (x_B, x_C) plane: 3 (.3,.2), 4 (.5,.2), 6 (.2,.5), 5 (.2,.3)).
        for side in [[3, 4], [4, 6], [5, 6], [3, 5]] { #expect(facets.edges.contains(side), "\(side)") }
        #expect(!facets.edges.contains([3, 6]))
        #expect(!facets.edges.contains([4, 5]))
        // The facets tile the simplex: their composition areas add up to its area, 1/2 in (x_B, x_C).
        let area = facets.facets.reduce(0) { $0 + Self.polygonArea($1.phases.map { (fractions[$0][1], fractions[$0][2]) }) }
        #expect(abs(area - 0.5) < 1e-12)
    }

    @Test("adjacent flat facets (five of them, sharing corners and sides) are each found whole and tile the simplex")
    func adjacentFlatFacets() throws {
        // The same trapezoid at one energy: A-B-3-4, A-C-5-6, B-C-4-6 and 3-4-5-6 are flat, A-3-5 a triangle.
        let fractions = [[1.0, 0, 0], [0, 1, 0], [0, 0, 1],
                         [0.5, 0.3, 0.2], [0.3, 0.5, 0.2], [0.5, 0.2, 0.3], [0.3, 0.2, 0.5]]
        let energies = [0.0, 0, 0, -0.5, -0.5, -0.5, -0.5]
        let facets = try #require(HullFacets(fractions: fractions, energies: energies))
        #expect(facets.facets.map(\.phases) == [[0, 1, 3, 4], [0, 2, 5, 6], [0, 3, 5], [1, 2, 4, 6], [3, 4, 5, 6]])
        let area = facets.facets.reduce(0) { $0 + Self.polygonArea($1.phases.map { (fractions[$0][1], fractions[$0][2]) }) }
        #expect(abs(area - 0.5) < 1e-12)
        #expect(facets.edges == [[0, 1], [0, 2], [0, 3], [0, 5], [1, 2], [1, 4], [2, 6], [3, 4], [3, 5], [4, 6], [5, 6]])
    }

    /// The area of a convex polygon given in any order.
    static func polygonArea(_ points: [(Double, Double)]) -> Double {
        let cx = points.map(\.0).reduce(0, +) / Double(points.count), cy = points.map(\.1).reduce(0, +) / Double(points.count)
        let ordered = points.sorted { atan2($0.1 - cy, $0.0 - cx) < atan2($1.1 - cy, $1.0 - cx) }
        var twice = 0.0
        for (i, p) in ordered.enumerated() {
            let q = ordered[(i + 1) % ordered.count]
            twice += p.0 * q.1 - q.0 * p.1
        }
        return abs(twice) / 2
    }

    @Test("a flat square pyramid in a quaternary: its edges are the base's sides and the apex's, not the base's diagonals")
    func flatPyramid() throws {
        var fractions = [[1.0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
        var energies = [0.0, 0, 0, 0]
        // Five phases on the hyperplane E = -0.4: a square (in x_B, x_C at x_D = 0.15) and an apex at x_D = 0.35.
        // The base is a square in (x_B, x_C): (0.15, 0.15), (0.25, 0.15), (0.25, 0.25), (0.15, 0.25); the apex over its centre.
        let apex = [0.25, 0.2, 0.2, 0.35]
        let base = [[0.55, 0.15, 0.15, 0.15], [0.45, 0.25, 0.15, 0.15], [0.35, 0.25, 0.25, 0.15], [0.45, 0.15, 0.25, 0.15]]
        for x in base + [apex] {
            fractions.append(x)
            energies.append(-0.4)
        }
        let facets = try #require(HullFacets(fractions: fractions, energies: energies))
        #expect(facets.facets.contains { $0.phases == [4, 5, 6, 7, 8] })
        #expect(Set(facets.facets.map(\.phases)) == Self.bruteForceFacets(fractions, energies))
        // Base 4-5-6-7 in order around the square; apex 8.
        for side in [[4, 5], [5, 6], [6, 7], [4, 7], [4, 8], [5, 8], [6, 8], [7, 8]] { #expect(facets.edges.contains(side), "\(side)") }
        #expect(!facets.edges.contains([4, 6]))
        #expect(!facets.edges.contains([5, 7]))
    }

    @Test("malformed input gives nil: a missing corner, mismatched sizes, a non-finite energy")
    func malformed() {
        #expect(HullFacets(fractions: [[1, 0], [0.5, 0.5]], energies: [0, -1]) == nil)
        #expect(HullFacets(fractions: [[1, 0], [0, 1]], energies: [0]) == nil)
        #expect(HullFacets(fractions: [[1, 0], [0, 1], [0.5, 0.5]], energies: [0, 0, .nan]) == nil)
        #expect(HullFacets(fractions: [[1, 0], [0, 1, 0]], energies: [0, 0]) == nil)
    }
}
