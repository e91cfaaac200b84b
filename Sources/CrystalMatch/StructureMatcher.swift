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
    public func fit(_ a: ReducedStructure, _ b: ReducedStructure) -> Bool {
        guard a.key == b.key, a.speciesTable == b.speciesTable else { return false }
        var fu = 1, firstIsSupercell = true
        if options.attemptSupercell {
            let ratio = Double(b.siteCount) / Double(a.siteCount)
            if ratio < 2.0 / 3.0 { (fu, firstIsSupercell) = (Int((1 / ratio).rounded()), false) } else { fu = Int(ratio.rounded()) }
        }
        let multiple = firstIsSupercell ? Double(fu) : 1 / Double(fu)
        var latticeA = a.lattice, latticeB = b.lattice
        if options.scale {
            let ratio = pow(latticeB.volume / (latticeA.volume * multiple), 1.0 / 6.0)
            guard ratio.isFinite, ratio > 0 else { return false }
            latticeA = latticeA.scaled(by: ratio)
            latticeB = latticeB.scaled(by: 1 / ratio)
        }
        if Double(a.siteCount) * multiple >= Double(b.siteCount) {
            return strictMatch(a, latticeA, b, latticeB, fu: fu, firstIsSupercell: firstIsSupercell)
        }
        return strictMatch(b, latticeB, a, latticeA, fu: fu, firstIsSupercell: !firstIsSupercell)
    }

    /// pymatgen's `_strict_match` with `break_on_match`: moves `second` onto `first`, one of them taken as a
    /// supercell of `fu` cells.
    func strictMatch(_ first: ReducedStructure, _ firstLattice: Lattice, _ second: ReducedStructure, _ secondLattice: Lattice,
                     fu: Int, firstIsSupercell: Bool) -> Bool {
        guard fu >= 1 else { return false }
        // The species mask must allow a one-to-one pairing: equal counts of each species after the supercell.
        for species in first.speciesTable.indices {
            let x = first.sitesBySpecies[species].count * (firstIsSupercell ? fu : 1)
            let y = second.sitesBySpecies[species].count * (firstIsSupercell ? 1 : fu)
            guard x == y else { return false }
        }
        // The supercell side's lattice is mapped onto the other's cell parameters.
        let (mapped, target) = firstIsSupercell ? (firstLattice, secondLattice) : (secondLattice, firstLattice)
        let mappings = LatticeMapping.all(of: mapped, onto: target.lengths, target.anglesInDegrees,
                                          lengthTolerance: options.lengthTolerance, angleTolerance: options.angleTolerance,
                                          determinant: fu)
        guard !mappings.isEmpty else { return false }
        var scratch = SiteMatchScratch()
        for mapping in mappings {
            let targetParameters = (target.lengths, target.anglesInDegrees)
            let mappedParameters = (mapping.aligned.lengths, mapping.aligned.anglesInDegrees)
            let average = Lattice(lengths: (targetParameters.0 + mappedParameters.0) / 2,
                                  anglesInDegrees: (targetParameters.1 + mappedParameters.1) / 2)
            let supercellSites = Self.supercellPositions(firstIsSupercell ? first : second, mapping.scale, fu: fu)
            let anchorSpecies = second.cell.species[second.anchor]
            let problem: SiteMatchProblem
            if firstIsSupercell {
                problem = SiteMatchProblem(firstPositions: supercellSites.positions, firstSpecies: supercellSites.species,
                                           secondPositions: second.cell.frac, secondSpecies: second.cell.species,
                                           anchor: second.anchor, targets: first.sitesBySpecies[anchorSpecies].map { $0 * fu },
                                           speciesCount: first.speciesTable.count)
            } else {
                problem = SiteMatchProblem(firstPositions: first.cell.frac, firstSpecies: first.cell.species,
                                           secondPositions: supercellSites.positions, secondSpecies: supercellSites.species,
                                           anchor: second.anchor * fu, targets: first.sitesBySpecies[anchorSpecies],
                                           speciesCount: first.speciesTable.count)
            }
            if problem.matches(on: average, siteTolerance: options.siteTolerance, scratch: &scratch) { return true }
        }
        return false
    }

    /// The positions of `structure` in the cell `scale` * its lattice (|det| = fu): each site followed by its
    /// fu - 1 copies (pymatgen's "aabbcc" order), wrapped into [0, 1).
    static func supercellPositions(_ structure: ReducedStructure, _ scale: IntegerMatrix3, fu: Int) -> (positions: [Vector3], species: [Int]) {
        let determinant = Double(scale.determinant)
        let adjugate = scale.adjugate
        let inverseRows = (Vector3(adjugate.rows.0) / determinant, Vector3(adjugate.rows.1) / determinant,
                           Vector3(adjugate.rows.2) / determinant)
        func times(_ f: Vector3) -> Vector3 { f.x * inverseRows.0 + f.y * inverseRows.1 + f.z * inverseRows.2 }
        let points = fu == 1 ? [Vector3.zero] : latticePointsInSupercell(scale)
        var positions = [Vector3](), species = [Int]()
        positions.reserveCapacity(structure.siteCount * points.count)
        species.reserveCapacity(structure.siteCount * points.count)
        for (site, f) in structure.cell.frac.enumerated() {
            let base = times(f)
            for point in points {
                let p = base + point
                positions.append(p - p.rounded(.down))
                species.append(structure.cell.species[site])
            }
        }
        return (positions, species)
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
