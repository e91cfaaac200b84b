import Foundation
import CrystalModel

/// Decides whether two structures are the same crystal with the semantics of pymatgen's
/// `StructureMatcher.fit` (Hautier et al.; pymatgen.analysis.structure_matcher), without detected symmetry:
///
/// 1. both are reduced (primitive cell when asked, then Niggli; `ReducedStructure`) and, when `scale`, scaled
///    to the same volume;
/// 2. every set of three lattice vectors of the first whose lengths and angles lie within ltol and angle_tol
///    of the second's reduced cell is a candidate lattice (`LatticeMapping`);
/// 3. for each, the second's anchor site (first site of its rarest species) is moved onto each like site of
///    the first; when every site then lies, per coordinate, within a coarse fractional window
///    (2 stol (V/n)^(1/3) / d_k, d_k the lattice-plane spacing of the cell averaging both) of a like site,
///    sites are paired by an optimal assignment per species of squared minimum-image distances (Hungarian /
///    Jonker-Volgenant), the mean displacement removed, and the match accepted when the largest remaining
///    displacement, divided by (V/n)^(1/3) of the average cell, is below stol.
///
/// Like `fit`, it is not symmetric in its arguments: `fit(a, b)` moves b onto a.
public struct StructureMatcher: Sendable {
    public let options: MatchOptions

    public init(options: MatchOptions = MatchOptions()) { self.options = options }

    /// The structure prepared for matching (cache it: a structure is compared many times).
    public func reduce(_ structure: Structure) -> ReducedStructure? { ReducedStructure(structure, options: options) }

    /// `StructureMatcher.fit(a, b)` on unreduced structures.
    public func fit(_ a: Structure, _ b: Structure) -> Bool {
        guard let x = reduce(a), let y = reduce(b) else { return false }
        return fit(x, y)
    }

    /// `StructureMatcher.fit(a, b, skip_structure_reduction=True)` on reduced structures: b is moved onto a.
    public func fit(_ a: ReducedStructure, _ b: ReducedStructure) -> Bool { fit(a, b, points: nil) }

    /// The same, with `a`'s lattice points searched beforehand (`latticePoints(for:comparedWith:)`) when `a`
    /// is compared with many structures.
    public func fit(_ a: ReducedStructure, _ b: ReducedStructure, points: LatticePoints?) -> Bool {
        guard a.key == b.key, a.speciesTable == b.speciesTable else { return false }
        var fu = 1, firstIsSupercell = true
        if options.attemptSupercell {
            let ratio = Double(b.siteCount) / Double(a.siteCount)
            if ratio < 2.0 / 3.0 { (fu, firstIsSupercell) = (Int((1 / ratio).rounded()), false) } else { fu = Int(ratio.rounded()) }
        }
        let multiple = firstIsSupercell ? Double(fu) : 1 / Double(fu)
        let ratio = scaleFactor(a, b, multiple: multiple)
        guard ratio.isFinite, ratio > 0 else { return false }
        if fu == 1 {
            // No mapping can exist unless each successive minimum of a (the sorted Niggli lengths) lies below
            // 1 + ltol times b's: the mapped vectors form a basis of a's lattice, so their sorted lengths are at
            // least a's minima, and each is shorter than 1 + ltol times the matching length of b.
            let la = a.lengths * ratio, lb = b.lengths / ratio
            let bound = (1 + options.lengthTolerance) * (1 + Self.minimaSlack)
            if la.x > bound * lb.x || la.y > bound * lb.y || la.z > bound * lb.z { return false }
        }
        let latticeA = a.lattice.scaled(by: ratio), latticeB = b.lattice.scaled(by: 1 / ratio)
        if Double(a.siteCount) * multiple >= Double(b.siteCount) {
            let cached = firstIsSupercell ? points.flatMap { $0.lattice == a.lattice ? $0 : nil } : nil
            return strictMatch(a, latticeA, b, latticeB, fu: fu, firstIsSupercell: firstIsSupercell,
                               points: cached, pointsScale: firstIsSupercell ? ratio : 1 / ratio)
        }
        return strictMatch(b, latticeB, a, latticeA, fu: fu, firstIsSupercell: !firstIsSupercell, points: nil,
                           pointsScale: !firstIsSupercell ? 1 / ratio : ratio)
    }

    /// Relative slack on the successive-minima test, far above the Niggli tolerance (1e-5 V^(1/3) on squared
    /// lengths) so that it never refuses a pair pymatgen would compare.
    static let minimaSlack = 1e-4

    /// pymatgen scales a's cell by this factor and b's by its inverse (1 without `scale`).
    func scaleFactor(_ a: ReducedStructure, _ b: ReducedStructure, multiple: Double) -> Double {
        options.scale ? pow(b.lattice.volume / (a.lattice.volume * multiple), 1.0 / 6.0) : 1
    }

    /// `a`'s lattice points out to the radius its comparisons with `others` need (fu = 1).
    public func latticePoints(for a: ReducedStructure, comparedWith others: some Sequence<ReducedStructure>) -> LatticePoints {
        var radius = 0.0
        for b in others {
            let ratio = scaleFactor(a, b, multiple: 1)
            guard ratio.isFinite, ratio > 0 else { continue }
            radius = max(radius, b.lengths.z / ratio * (1 + options.lengthTolerance) / ratio)
        }
        return LatticePoints(a.lattice, radius: radius)
    }

    /// pymatgen's `_strict_match` with `break_on_match`: moves `second` onto `first`, one of them taken as a
    /// supercell of `fu` cells. `points`: the supercell side's unscaled lattice points, if searched already;
    /// `pointsScale`: the factor that side's cell was scaled by.
    func strictMatch(_ first: ReducedStructure, _ firstLattice: Lattice, _ second: ReducedStructure, _ secondLattice: Lattice,
                     fu: Int, firstIsSupercell: Bool, points: LatticePoints?, pointsScale: Double) -> Bool {
        guard fu >= 1 else { return false }
        // The species mask must allow a one-to-one pairing: equal counts of each species after the supercell.
        for species in first.speciesTable.indices {
            let x = first.sitesBySpecies[species].count * (firstIsSupercell ? fu : 1)
            let y = second.sitesBySpecies[species].count * (firstIsSupercell ? 1 : fu)
            guard x == y else { return false }
        }
        // The supercell side's lattice is mapped onto the other's cell parameters.
        let supercellSide = firstIsSupercell ? first : second
        let target = firstIsSupercell ? secondLattice : firstLattice
        let targetLengths = target.lengths, targetAngles = target.anglesInDegrees
        let needed = max(targetLengths.x, targetLengths.y, targetLengths.z) * (1 + options.lengthTolerance) / pointsScale
        let searched = points.flatMap { $0.radius >= needed ? $0 : nil } ?? LatticePoints(supercellSide.lattice, radius: needed)
        let mappings = LatticeMapping.all(of: searched, scaledBy: pointsScale, onto: targetLengths, targetAngles,
                                          lengthTolerance: options.lengthTolerance, angleTolerance: options.angleTolerance,
                                          determinant: fu)
        guard !mappings.isEmpty else { return false }
        // Both sides' sites grouped by species (the species of each position do not depend on the mapping).
        let speciesCount = first.speciesTable.count
        let firstSpecies = firstIsSupercell ? first.cell.species.flatMap { [Int](repeating: $0, count: fu) } : first.cell.species
        let secondSpecies = firstIsSupercell ? second.cell.species : second.cell.species.flatMap { [Int](repeating: $0, count: fu) }
        let firstOrder = firstSpecies.indices.sorted { (firstSpecies[$0], $0) < (firstSpecies[$1], $1) }
        let secondOrder = secondSpecies.indices.sorted { (secondSpecies[$0], $0) < (secondSpecies[$1], $1) }
        var blocks = [0]
        for species in 0..<speciesCount { blocks.append(blocks[species] + firstSpecies.lazy.filter { $0 == species }.count) }
        var firstPlace = [Int](repeating: 0, count: firstOrder.count), secondPlace = firstPlace
        for (place, index) in firstOrder.enumerated() { firstPlace[index] = place }
        for (place, index) in secondOrder.enumerated() { secondPlace[index] = place }
        // pymatgen's translations: the second's anchor onto each like site of the first (one copy of each
        // when the first is the supercell: the other copies give the same translated sets).
        let anchorSpecies = second.cell.species[second.anchor]
        let anchor = secondPlace[firstIsSupercell ? second.anchor : second.anchor * fu]
        let targets = first.sitesBySpecies[anchorSpecies].map { firstPlace[firstIsSupercell ? $0 * fu : $0] }
        let scratch = SiteMatchScratch(sites: firstOrder.count, largestBlock: zip(blocks.dropFirst(), blocks).map { $0 - $1 }.max() ?? 0)
        for mapping in mappings {
            let average = Lattice(lengths: (targetLengths + mapping.aligned.lengths) / 2,
                                  anglesInDegrees: (targetAngles + mapping.aligned.anglesInDegrees) / 2)
            let moved = Self.supercellPositions(supercellSide, mapping.scale, fu: fu)
            let firstPositions = firstIsSupercell ? moved : first.cell.frac
            let secondPositions = firstIsSupercell ? second.cell.frac : moved
            let problem = SiteMatchProblem(first: firstOrder.map { firstPositions[$0] }, second: secondOrder.map { secondPositions[$0] },
                                           blocks: blocks, anchor: anchor, targets: targets)
            if problem.matches(on: average, siteTolerance: options.siteTolerance, scratch: scratch) { return true }
        }
        return false
    }

    /// The positions of `structure` in the cell `scale` * its lattice (|det| = fu): each site followed by its
    /// fu - 1 copies (pymatgen's "aabbcc" order), wrapped into [0, 1).
    static func supercellPositions(_ structure: ReducedStructure, _ scale: IntegerMatrix3, fu: Int) -> [Vector3] {
        let determinant = Double(scale.determinant)
        let adjugate = scale.adjugate
        let inverseRows = (Vector3(adjugate.rows.0) / determinant, Vector3(adjugate.rows.1) / determinant,
                           Vector3(adjugate.rows.2) / determinant)
        func times(_ f: Vector3) -> Vector3 { f.x * inverseRows.0 + f.y * inverseRows.1 + f.z * inverseRows.2 }
        let points = fu == 1 ? [Vector3.zero] : latticePointsInSupercell(scale)
        var positions = [Vector3]()
        positions.reserveCapacity(structure.siteCount * points.count)
        for f in structure.cell.frac {
            let base = times(f)
            for point in points {
                let p = base + point
                positions.append(p - p.rounded(.down))
            }
        }
        return positions
    }

    /// The points of the original lattice inside the supercell, in the supercell's fractional coordinates
    /// (pymatgen's `lattice_points_in_supercell`), in its order.
    static func latticePointsInSupercell(_ scale: IntegerMatrix3) -> [Vector3] {
        let rows = [scale.rows.0, scale.rows.1, scale.rows.2]
        var low = SIMD3<Int>(repeating: 0), high = SIMD3<Int>(repeating: 0)
        for corner in 0..<8 {
            var p = SIMD3<Int>(repeating: 0)
            for axis in 0..<3 where corner & (4 >> axis) != 0 { p &+= rows[axis] }
            low = pointwiseMin(low, p)
            high = pointwiseMax(high, p)
        }
        let determinant = Double(scale.determinant)
        let adjugate = scale.adjugate
        let inverseRows = (Vector3(adjugate.rows.0) / determinant, Vector3(adjugate.rows.1) / determinant,
                           Vector3(adjugate.rows.2) / determinant)
        var points = [Vector3]()
        for i in low.x...high.x {
            for j in low.y...high.y {
                for k in low.z...high.z {
                    let p = Double(i) * inverseRows.0 + Double(j) * inverseRows.1 + Double(k) * inverseRows.2
                    if p.x >= -1e-10, p.y >= -1e-10, p.z >= -1e-10, p.x < 1 - 1e-10, p.y < 1 - 1e-10, p.z < 1 - 1e-10 {
                        points.append(p)
                    }
                }
            }
        }
        return points
    }
}
