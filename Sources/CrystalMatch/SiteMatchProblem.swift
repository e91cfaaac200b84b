import Foundation
import CrystalModel

/// The site stage of one candidate lattice: the second structure's sites, translated so that its anchor
/// lands on each target site of the first, checked per coordinate against a coarse window, then paired by
/// optimal assignment of minimum-image squared distances on the average cell (pymatgen's `_cmp_fstruct`,
/// `_cart_dists` and `pbc_shortest_vectors` semantics). Positions are fractional in the common basis.
struct SiteMatchProblem {
    let firstPositions: [Vector3]
    let firstSpecies: [Int]
    let secondPositions: [Vector3]
    let secondSpecies: [Int]
    /// The second structure's site that is moved onto each target.
    let anchor: Int
    /// Sites of the first structure the anchor is moved onto.
    let targets: [Int]
    let speciesCount: Int

    /// Cost of a pair the distance search skips (pymatgen's 1e20).
    static let excluded = 1e20

    /// True when some target translation passes the coarse window and gives a largest normalized
    /// displacement below `siteTolerance`.
    func matches(on average: Lattice, siteTolerance: Double, scratch: inout SiteMatchScratch) -> Bool {
        let n = firstPositions.count
        let volume = average.volume
        guard n == secondPositions.count, n > 0, volume > 0 else { return false }
        // 1 / (V/n)^(1/3): pymatgen's normalization.
        let normalization = Foundation.cbrt(Double(n) / volume)
        let window = Self.planeFrequencies(average) * (2 * siteTolerance / normalization)
        scratch.prepare(firstSpecies: firstSpecies, secondSpecies: secondSpecies, speciesCount: speciesCount)
        var reduced: (lattice: Lattice, inverse: IntegerMatrix3, window: Vector3)?
        for target in targets {
            let shift = firstPositions[target] - secondPositions[anchor]
            guard coarseMatch(shift, window: window, scratch: scratch) else { continue }
            if reduced == nil {
                let (lll, transform) = LLLReduction.reduce(average)
                guard let inverse = transform.unimodularInverse else { return false }
                reduced = (lll, inverse, Self.planeFrequencies(lll) * (2 * siteTolerance / normalization))
            }
            guard let (lll, inverse, lllWindow) = reduced else { return false }
            let largest = largestDisplacement(shift, lll: lll, inverse: inverse, window: lllWindow, scratch: &scratch)
            if largest * normalization < siteTolerance { return true }
        }
        return false
    }

    /// 1 / d_k for the three lattice-plane families (|b*_k| / 2π): a Cartesian distance r spans at most r / d_k
    /// in fractional coordinate k. pymatgen's window `|b*_k| stol / (π norm)` is `2 stol (V/n)^(1/3) / d_k`.
    static func planeFrequencies(_ lattice: Lattice) -> Vector3 {
        let volume = lattice.volume
        return Vector3(lattice.b.cross(lattice.c).length, lattice.c.cross(lattice.a).length,
                       lattice.a.cross(lattice.b).length) / volume
    }

    /// Every site of the second structure, shifted, lies per coordinate within the window of a like site of
    /// the first (pymatgen's `is_coord_subset_pbc`).
    func coarseMatch(_ shift: Vector3, window: Vector3, scratch: SiteMatchScratch) -> Bool {
        for i in 0..<secondPositions.count {
            let p = secondPositions[i] + shift
            var found = false
            for j in scratch.firstBySpecies[secondSpecies[i]] {
                let d = p - firstPositions[j]
                let r = (d - d.rounded(.toNearestOrAwayFromZero)).magnitudes
                if r.x <= window.x, r.y <= window.y, r.z <= window.z { found = true; break }
            }
            if !found { return false }
        }
        return true
    }

    /// The largest displacement (Å) after optimal pairing per species and removal of the mean displacement.
    func largestDisplacement(_ shift: Vector3, lll: Lattice, inverse: IntegerMatrix3, window: Vector3,
                             scratch: inout SiteMatchScratch) -> Double {
        let n = secondPositions.count
        // Positions in the LLL basis: raw (for the window test) and wrapped to Cartesian.
        for i in 0..<n {
            let g = inverse.rowTimes(secondPositions[i] + shift)
            scratch.secondLLL[i] = g
            scratch.secondCartesian[i] = lll.cartesian(g - g.rounded(.down))
        }
        for j in 0..<n {
            let g = inverse.rowTimes(firstPositions[j])
            scratch.firstLLL[j] = g
            scratch.firstCartesian[j] = lll.cartesian(g - g.rounded(.down))
        }
        var images = [Vector3]()
        images.reserveCapacity(27)
        for x in -1...1 { for y in -1...1 { for z in -1...1 { images.append(lll.cartesian(Vector3(Double(x), Double(y), Double(z)))) } } }
        var chosen = [Vector3](repeating: .zero, count: n)
        for species in 0..<speciesCount {
            let rows = scratch.secondBySpecies[species], columns = scratch.firstBySpecies[species]
            let m = rows.count
            guard m > 0 else { continue }
            guard columns.count == m else { return .infinity }
            var cost = [Double](repeating: Self.excluded, count: m * m)
            var vectors = [Vector3](repeating: Vector3(repeating: Self.excluded), count: m * m)
            for (r, i) in rows.enumerated() {
                for (c, j) in columns.enumerated() {
                    let f = scratch.firstLLL[j] - scratch.secondLLL[i]
                    let w = (f - f.rounded(.toNearestOrAwayFromZero)).magnitudes
                    guard w.x <= window.x, w.y <= window.y, w.z <= window.z else { continue }
                    let base = scratch.firstCartesian[j] - scratch.secondCartesian[i]
                    var best = Double.greatestFiniteMagnitude, bestVector = base
                    for image in images {
                        let v = base + image
                        let d = v.dot(v)
                        if d < best { best = d; bestVector = v }
                    }
                    cost[r * m + c] = best
                    vectors[r * m + c] = bestVector
                }
            }
            let assignment = Self.assign(cost, m)
            for r in 0..<m {
                if cost[r * m + assignment[r]] >= Self.excluded { return .infinity }
                chosen[rows[r]] = vectors[r * m + assignment[r]]
            }
        }
        var mean = Vector3.zero
        for v in chosen { mean += v }
        mean /= Double(n)
        var largest = 0.0
        for v in chosen { largest = max(largest, (v - mean).dot(v - mean)) }
        return largest.squareRoot()
    }

    /// Optimal assignment of a square cost block; when every row's cheapest column is a different column,
    /// that is optimal (the sum of row minima bounds every assignment from below) and no search is needed.
    static func assign(_ cost: [Double], _ m: Int) -> [Int] {
        var cheapest = [Int](repeating: 0, count: m)
        var taken = [Bool](repeating: false, count: m)
        var distinct = true
        for r in 0..<m {
            var best = 0
            for c in 1..<max(m, 1) where cost[r * m + c] < cost[r * m + best] { best = c }
            cheapest[r] = best
            if taken[best] { distinct = false; break }
            taken[best] = true
        }
        return distinct ? cheapest : LinearAssignment.solve(cost, n: m)
    }
}

/// Buffers reused across the candidate lattices of one comparison.
struct SiteMatchScratch {
    var firstBySpecies = [[Int]]()
    var secondBySpecies = [[Int]]()
    var firstLLL = [Vector3](), secondLLL = [Vector3]()
    var firstCartesian = [Vector3](), secondCartesian = [Vector3]()

    mutating func prepare(firstSpecies: [Int], secondSpecies: [Int], speciesCount: Int) {
        firstBySpecies = [[Int]](repeating: [], count: speciesCount)
        secondBySpecies = [[Int]](repeating: [], count: speciesCount)
        for (i, s) in firstSpecies.enumerated() { firstBySpecies[s].append(i) }
        for (i, s) in secondSpecies.enumerated() { secondBySpecies[s].append(i) }
        let n = max(firstSpecies.count, secondSpecies.count)
        if firstLLL.count < n {
            firstLLL = [Vector3](repeating: .zero, count: n)
            secondLLL = firstLLL
            firstCartesian = firstLLL
            secondCartesian = firstLLL
        }
    }
}
