import Foundation
import CrystalModel

/// The smallest cell that repeats a structure, with the tolerance semantics of pymatgen's
/// `Structure.get_primitive_structure` (tolerance 0.25 Å per coordinate), as StructureMatcher uses it:
/// candidate translations are the offsets between sites of the rarest species that carry every site of every
/// species onto a like site (per coordinate, within twice the tolerance as a fraction of the cell length);
/// candidate sub-cells are the Hermite normal forms of each determinant dividing the gcd of the species
/// counts, smallest determinant first, kept when their three vectors are candidate translations; the first
/// whose site groups (sites closer than the tolerance in the sub-cell, not neighbours in the cell) all have
/// the determinant's size and are cliques gives the new cell, with each group's positions averaged, and the
/// search repeats on it. Every found cell is Niggli-reduced.
///
/// Works on a `CellSites` (lattice, fractional positions, species indices) whose species order is given
/// by `speciesStrings` (pymatgen orders sites by their species string before grouping them).
struct PrimitiveCellFinder {
    /// pymatgen's default tolerance for each coordinate of a site (Å).
    static let tolerance = 0.25
    /// Groups of at least this many sites are searched through a `PeriodicGrid`.
    static let gridThreshold = 48

    /// Each species' place among the species strings, sorted.
    let speciesRanks: [Int]

    init(speciesStrings: [String]) {
        let sorted = speciesStrings.indices.sorted { (speciesStrings[$0], $0) < (speciesStrings[$1], $1) }
        var ranks = [Int](repeating: 0, count: speciesStrings.count)
        for (rank, species) in sorted.enumerated() { ranks[species] = rank }
        speciesRanks = ranks
    }

    /// The primitive cell (Niggli-reduced when smaller than the input), or the input unchanged.
    func primitive(_ cell: CellSites, depth: Int = 0) -> CellSites {
        guard depth < 64, cell.count > 1 else { return cell }
        let order = cell.species.indices.sorted { l, r in
            let a = speciesRanks[cell.species[l]], b = speciesRanks[cell.species[r]]
            return a != b ? a < b : l < r
        }
        var groups = [[Int]]()
        for index in order {
            if let last = groups.last?.last, cell.species[last] == cell.species[index] {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        let lengths = cell.lattice.lengths
        let superTolerance = Self.tolerance / lengths
        let superTolerance2 = 2 * superTolerance
        // Approximate periodicities: offsets within the smallest group (the first of the smallest size).
        guard let smallest = groups.min(by: { $0.count < $1.count }) else { return cell }
        let origin = cell.frac[smallest[0]]
        var vectors = smallest.map { cell.frac[$0] - origin }
        // Keep the offsets that carry every site of every group onto a site of the same group.
        // (v is kept for site f when some site g of f's group lies within the tolerance of f + v.)
        var keep = [Bool](repeating: true, count: vectors.count)
        for group in groups.enumerated().sorted(by: { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }).map(\.element) {
            // A grid pays for itself on large groups only.
            let grid = group.count >= Self.gridThreshold ? PeriodicGrid(group.map { cell.frac[$0] }, tolerance: superTolerance2) : nil
            for site in group {
                let position = cell.frac[site]
                for (k, v) in vectors.enumerated() where keep[k] {
                    if let grid {
                        keep[k] = grid.containsNeighbour(of: position + v)
                    } else {
                        keep[k] = group.contains { other in
                            Self.periodicClose(v, cell.frac[other] - position, strictlyWithin: superTolerance2)
                        }
                    }
                }
            }
        }
        vectors = vectors.indices.filter { keep[$0] }.map { vectors[$0] }
        let formulaUnits = groups.reduce(0) { gcd($0, $1.count) }
        // When every kept offset is a lattice vector (within the tolerance), a sub-cell's vectors (rows of
        // M^-1, components multiples of 1/a, 1/e, 1/g) can only pass if 1/a, 1/e, 1/g are below the
        // tolerances, that is det M = a e g above their reciprocal product: impossible below it.
        let trivial = vectors.allSatisfy { v in
            let r = v.periodicOffset.magnitudes
            return r.x < superTolerance.x && r.y < superTolerance.y && r.z < superTolerance.z
        }
        let bound = 1 / (superTolerance.x * superTolerance.y * superTolerance.z)
        if trivial, Double(formulaUnits) < bound { return cell }
        // Pairs of sites that are distinct in the input cell (or the same site).
        let nonNeighbours: [[[Bool]]] = groups.map { group in
            group.map { i in
                group.map { j in
                    i == j || !Self.periodicClose(cell.frac[i], cell.frac[j], within: superTolerance2)
                }
            }
        }
        for determinant in divisors(formulaUnits) where determinant > 1 {
            for a in divisors(determinant) {
                for e in divisors(determinant / a) {
                    let g = determinant / a / e
                    let row3 = Vector3(0, 0, 1 / Double(g))
                    guard isCandidate(row3, vectors, superTolerance) else { continue }
                    let fs = (0..<e).filter { f in
                        isCandidate(Vector3(0, 1 / Double(e), -Double(f) / Double(e * g)), vectors, superTolerance)
                    }
                    guard !fs.isEmpty else { continue }
                    for b in 0..<a {
                        for c in 0..<a {
                            for f in fs {
                                let row1 = Vector3(1 / Double(a), -Double(b) / Double(a * e),
                                                   Double(b * f - c * e) / Double(a * e * g))
                                guard isCandidate(row1, vectors, superTolerance) else { continue }
                                let matrix = IntegerMatrix3(SIMD3(a, b, c), SIMD3(0, e, f), SIMD3(0, 0, g))
                                if let smaller = subCell(cell, matrix, groups: groups, nonNeighbours: nonNeighbours) {
                                    return primitive(smaller, depth: depth + 1).niggliReduced() ?? cell
                                }
                            }
                        }
                    }
                }
            }
        }
        return cell
    }

    /// The sub-cell with lattice inverse(M) * L when every group of sites closer than the tolerance in it has
    /// det(M) members and is a clique; nil otherwise.
    func subCell(_ cell: CellSites, _ matrix: IntegerMatrix3, groups: [[Int]], nonNeighbours: [[[Bool]]]) -> CellSites? {
        let size = matrix.determinant
        let inverse = matrix.adjugate
        let d = Double(size)
        func row(_ v: SIMD3<Int>) -> Vector3 {
            (Double(v.x) * cell.lattice.a + Double(v.y) * cell.lattice.b + Double(v.z) * cell.lattice.c) / d
        }
        let lattice = Lattice(a: row(inverse.rows.0), b: row(inverse.rows.1), c: row(inverse.rows.2))
        let tolerance = Self.tolerance / lattice.lengths
        let m = matrix
        var frac = [Vector3](), species = [Int]()
        for (groupIndex, group) in groups.enumerated() {
            let positions = group.map { i -> Vector3 in
                let p = cell.frac[i]
                return p.x * Vector3(m.rows.0) + p.y * Vector3(m.rows.1) + p.z * Vector3(m.rows.2)
            }
            let n = group.count
            var together = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
            var columnSums = [Int](repeating: 0, count: n)
            for i in 0..<n {
                for j in 0..<n where nonNeighbours[groupIndex][i][j]
                    && Self.periodicClose(positions[i], positions[j], strictlyWithin: tolerance) {
                    together[i][j] = true
                    columnSums[j] += 1
                }
            }
            guard columnSums.allSatisfy({ $0 == size }) else { return nil }
            for i in 0..<n {
                let members = (0..<n).filter { together[i][$0] }
                for p in members { for q in members where !together[p][q] { return nil } }
            }
            var added = [Bool](repeating: false, count: n)
            let wrapped = positions.map { $0 - $0.rounded(.down) }
            for i in 0..<n where !added[i] {
                let members = (0..<n).filter { together[i][$0] }
                var coordinates = wrapped[members[0]]
                for (k, member) in members.dropFirst().enumerated() {
                    added[member] = true
                    let offset = wrapped[member] - coordinates
                    coordinates += offset.periodicOffset / Double(k + 2)
                }
                for member in members { added[member] = true }
                frac.append(coordinates)
                species.append(cell.species[group[0]])
            }
        }
        return CellSites(lattice: lattice, frac: frac, species: species)
    }

    func isCandidate(_ row: Vector3, _ vectors: [Vector3], _ tolerance: Vector3) -> Bool {
        vectors.contains { v in
            let r = (row - v).periodicOffset.magnitudes
            return r.x < tolerance.x && r.y < tolerance.y && r.z < tolerance.z
        }
    }

    /// Per coordinate, the periodic distance of two fractional positions is below the tolerance.
    static func periodicClose(_ u: Vector3, _ v: Vector3, strictlyWithin tolerance: Vector3) -> Bool {
        let d = u - v
        let r = d.periodicOffset.magnitudes
        return r.x < tolerance.x && r.y < tolerance.y && r.z < tolerance.z
    }

    /// Per coordinate, the periodic distance is at most the tolerance (the complement of "non-neighbours").
    static func periodicClose(_ u: Vector3, _ v: Vector3, within tolerance: Vector3) -> Bool {
        let d = u - v
        let r = d.periodicOffset.magnitudes
        return r.x <= tolerance.x && r.y <= tolerance.y && r.z <= tolerance.z
    }

    func divisors(_ n: Int) -> [Int] { n < 1 ? [] : (1...n).filter { n % $0 == 0 } }

    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
