import Foundation
import CrystalModel

/// The site stage of one candidate lattice: the second structure's sites, translated so that its anchor
/// lands on each target site of the first, checked per coordinate against a coarse window, then paired by
/// optimal assignment of minimum-image squared distances on the average cell (pymatgen's `_cmp_fstruct`,
/// `_cart_dists` and `pbc_shortest_vectors` semantics). Positions are fractional in the common basis, and
/// both sides list their sites grouped by species: block s is `blocks[s]..<blocks[s + 1]` on each side.
struct SiteMatchProblem {
    let first: [Vector3]
    let second: [Vector3]
    let blocks: [Int]
    /// The second structure's site that is moved onto each target.
    let anchor: Int
    /// Sites of the first structure the anchor is moved onto.
    let targets: [Int]

    /// Cost of a pair the distance search skips (pymatgen's 1e20).
    static let excluded = 1e20

    /// True when some target translation passes the coarse window and gives a largest normalized
    /// displacement below `siteTolerance`.
    func matches(on average: Lattice, siteTolerance: Double, scratch: SiteMatchScratch) -> Bool {
        let n = first.count
        let volume = average.volume
        guard n == second.count, n > 0, volume > 0 else { return false }
        // 1 / (V/n)^(1/3): pymatgen's normalization.
        let normalization = Foundation.cbrt(Double(n) / volume)
        let window = Self.planeFrequencies(average) * (2 * siteTolerance / normalization)
        var reduced: (lattice: Lattice, inverse: IntegerMatrix3, frequencies: Vector3)?
        for target in targets {
            let shift = first[target] - second[anchor]
            guard coarseMatch(shift, window: window) else { continue }
            if reduced == nil {
                let (lll, transform) = LLLReduction.reduce(average)
                guard let inverse = transform.unimodularInverse else { return false }
                reduced = (lll, inverse, Self.planeFrequencies(lll))
            }
            guard let (lll, inverse, frequencies) = reduced else { return false }
            let largest = largestDisplacement(shift, lll: lll, inverse: inverse, window: frequencies * (2 * siteTolerance / normalization),
                                              shortestBound: 1 / max(frequencies.x, frequencies.y, frequencies.z), scratch: scratch)
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
    func coarseMatch(_ shift: Vector3, window: Vector3) -> Bool {
        first.withUnsafeBufferPointer { first in
            second.withUnsafeBufferPointer { second in
                for s in 0..<(blocks.count - 1) {
                    for i in blocks[s]..<blocks[s + 1] {
                        let p = second[i] + shift
                        var found = false
                        for j in blocks[s]..<blocks[s + 1] {
                            let r = (p - first[j]).periodicOffset.magnitudes
                            if r.x <= window.x, r.y <= window.y, r.z <= window.z { found = true; break }
                        }
                        if !found { return false }
                    }
                }
                return true
            }
        }
    }

    /// The largest displacement (Å) after optimal pairing per species and removal of the mean displacement;
    /// infinity when some species cannot be paired inside the window. `shortestBound`: a length no longer
    /// than the lattice's shortest vector (the smallest plane spacing).
    func largestDisplacement(_ shift: Vector3, lll: Lattice, inverse: IntegerMatrix3, window: Vector3, shortestBound: Double,
                             scratch: SiteMatchScratch) -> Double {
        let n = second.count
        // Positions in the LLL basis: raw (for the window test) and wrapped, as Cartesian vectors.
        for i in 0..<n {
            let g = inverse.rowTimes(second[i] + shift)
            scratch.secondLLL[i] = g
            scratch.secondCartesian[i] = lll.cartesian(g - g.rounded(.down))
            let h = inverse.rowTimes(first[i])
            scratch.firstLLL[i] = h
            scratch.firstCartesian[i] = lll.cartesian(h - h.rounded(.down))
        }
        var k = 0
        for x in -1...1 {
            for y in -1...1 {
                for z in -1...1 {
                    scratch.images[k] = lll.cartesian(Vector3(Double(x), Double(y), Double(z)))
                    k += 1
                }
            }
        }
        // A vector no longer than half the shortest lattice vector is its own minimum image, and it is one
        // of the 27 images pymatgen searches. (Every lattice vector is at least as long as the smallest
        // plane spacing.)
        let quarterShortest = shortestBound * shortestBound / 4 * (1 - 1e-9)
        let cost = scratch.cost, vectors = scratch.vectors, feasibleColumn = scratch.feasibleColumn
        for s in 0..<(blocks.count - 1) {
            let start = blocks[s], m = blocks[s + 1] - start
            guard m > 0 else { continue }
            for c in 0..<m { feasibleColumn[c] = false }
            for r in 0..<m {
                let secondLLL = scratch.secondLLL[start + r], secondCartesian = scratch.secondCartesian[start + r]
                var feasibleRow = false
                for c in 0..<m {
                    let f = scratch.firstLLL[start + c] - secondLLL
                    let w = f.periodicOffset.magnitudes
                    guard w.x <= window.x, w.y <= window.y, w.z <= window.z else {
                        cost[r * m + c] = Self.excluded
                        continue
                    }
                    feasibleRow = true
                    feasibleColumn[c] = true
                    let nearest = lll.cartesian(f.periodicOffset)
                    let squared = nearest.dot(nearest)
                    if squared <= quarterShortest {
                        cost[r * m + c] = squared
                        vectors[r * m + c] = nearest
                        continue
                    }
                    let base = scratch.firstCartesian[start + c] - secondCartesian
                    var best = Double.greatestFiniteMagnitude, bestVector = base
                    for image in 0..<27 {
                        let v = base + scratch.images[image]
                        let d = v.dot(v)
                        if d < best { best = d; bestVector = v }
                    }
                    cost[r * m + c] = best
                    vectors[r * m + c] = bestVector
                }
                // A row with no pair inside the window forces an excluded pair into every assignment.
                if !feasibleRow { return .infinity }
            }
            for c in 0..<m where !feasibleColumn[c] { return .infinity }
            LinearAssignment.solve(UnsafePointer(cost), n: m, into: scratch.assignment, workspace: scratch.assignmentWorkspace)
            for r in 0..<m {
                let c = scratch.assignment[r]
                if cost[r * m + c] >= Self.excluded { return .infinity }
                scratch.chosen[start + r] = vectors[r * m + c]
            }
        }
        var mean = Vector3.zero
        for i in 0..<n { mean += scratch.chosen[i] }
        mean /= Double(n)
        var largest = 0.0
        for i in 0..<n {
            let d = scratch.chosen[i] - mean
            largest = max(largest, d.dot(d))
        }
        return largest.squareRoot()
    }
}
