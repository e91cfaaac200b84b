import CrystalModel

/// Decides whether two structures are the same crystal, in the spirit of pymatgen's StructureMatcher
/// (Hautier et al.; ltol, stol, angle_tol), but on spglib's standardized cells so that no supercell search is
/// needed: both are standardized (conventional, same setting), their cell parameters compared, then for every
/// point operation of the lattice (integer matrices with entries -1, 0, 1 that keep the metric: the setting
/// choices spglib may make differently) every origin shift that puts a site of the rarest species onto one
/// of the other's is tried, until all sites map onto sites of the same species. Symmetric:
/// `same(a, b) == same(b, a)`.
public struct StructureComparator: Sendable {
    /// Fractional tolerance on the cell lengths (pymatgen's ltol default, 0.2).
    public var lengthTolerance = 0.2
    /// Site tolerance as a fraction of (V / n)^(1/3) (pymatgen's stol default, 0.3).
    public var siteTolerance = 0.3
    /// Cell angle tolerance in degrees (pymatgen's angle_tol default, 5).
    public var angleTolerance = 5.0
    /// spglib tolerance for the standardization (Å).
    public var symprec = SymmetryAnalyzer.defaultSymprec

    public init() {}

    /// The standardized conventional cell the comparison works on (cache it when comparing one structure often).
    public func standardized(_ structure: Structure) -> Structure? {
        SymmetryAnalyzer.standardizedConventional(structure, symprec: symprec)
    }

    public func same(_ a: Structure, _ b: Structure) -> Bool {
        guard let x = standardized(a), let y = standardized(b) else { return false }
        return sameStandardized(x, y) || sameStandardized(y, x)
    }

    /// Both already standardized.
    public func sameStandardized(_ a: Structure, _ b: Structure) -> Bool {
        guard a.siteCount == b.siteCount, a.composition == b.composition else { return false }
        let la = a.lattice.lengths, lb = b.lattice.lengths
        for axis in 0..<3 where abs(la[axis] - lb[axis]) > lengthTolerance * max(la[axis], lb[axis]) { return false }
        let aa = a.lattice.anglesInDegrees, ab = b.lattice.anglesInDegrees
        for axis in 0..<3 where abs(aa[axis] - ab[axis]) > angleTolerance { return false }
        let volume = (a.lattice.volume + b.lattice.volume) / 2
        let tolerance = siteTolerance * Double.cbrtOf(volume / Double(a.siteCount))
        // Anchor on a site of the rarest species.
        var counts = [Element: Int]()
        for site in a.sites { counts[site.occupants[0].element, default: 0] += 1 }
        guard let rare = counts.min(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key,
              let anchor = a.sites.firstIndex(where: { $0.occupants[0].element == rare }) else { return false }
        for operation in Self.latticeOperations(a.lattice, tolerance: lengthTolerance / 4) {
            let mapped = a.sites.map { Site(position: operation.apply($0.position), occupants: $0.occupants) }
            for target in b.sites where target.occupants[0].element == rare {
                let shift = target.position - mapped[anchor].position
                if allSitesMatch(mapped, shift: shift, onto: b, tolerance: tolerance) { return true }
            }
        }
        return false
    }

    /// Integer matrices W (entries -1...1, det ±1) with W^T G W = G within `tolerance` (relative), G the metric
    /// of `lattice`: its point operations in fractional coordinates. Identity first.
    static func latticeOperations(_ lattice: Lattice, tolerance: Double) -> [IntegerMatrix] {
        let rows = lattice.rows
        var metric = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 { for j in 0..<3 { metric[i][j] = rows[i].dot(rows[j]) } }
        let scale = max(metric[0][0], metric[1][1], metric[2][2])
        var out = [IntegerMatrix.identity]
        var m = [Int](repeating: 0, count: 9)
        for code in 0..<19683 {
            var c = code
            for k in 0..<9 { m[k] = c % 3 - 1; c /= 3 }
            let det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
            guard det == 1 || det == -1 else { continue }
            // Columns of W are the images of the basis vectors: (W^T G W)_ij = sum_kl W_ki G_kl W_lj.
            var keeps = true
            check: for i in 0..<3 {
                for j in i..<3 {
                    var value = 0.0
                    for k in 0..<3 where m[k * 3 + i] != 0 {
                        for l in 0..<3 where m[l * 3 + j] != 0 { value += Double(m[k * 3 + i] * m[l * 3 + j]) * metric[k][l] }
                    }
                    if abs(value - metric[i][j]) > tolerance * scale { keeps = false; break check }
                }
            }
            if keeps {
                let w = IntegerMatrix(m)
                if w != .identity { out.append(w) }
            }
        }
        return out
    }

    func allSitesMatch(_ sites: [Site], shift: Vector3, onto b: Structure, tolerance: Double) -> Bool {
        var used = [Bool](repeating: false, count: b.siteCount)
        for site in sites {
            let p = site.position + shift
            var found = false
            for (j, other) in b.sites.enumerated() where !used[j] && other.occupants[0].element == site.occupants[0].element {
                var d = p - other.position
                d -= d.rounded(.toNearestOrEven)
                if b.lattice.cartesian(d).length <= tolerance {
                    used[j] = true
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    }
}

/// A 3x3 integer matrix acting on fractional coordinates (row-major).
struct IntegerMatrix: Equatable, Sendable {
    var m: [Int]
    init(_ m: [Int]) { self.m = m }
    static let identity = IntegerMatrix([1, 0, 0, 0, 1, 0, 0, 0, 1])

    func apply(_ p: Vector3) -> Vector3 {
        Vector3(Double(m[0]) * p.x + Double(m[1]) * p.y + Double(m[2]) * p.z,
                Double(m[3]) * p.x + Double(m[4]) * p.y + Double(m[5]) * p.z,
                Double(m[6]) * p.x + Double(m[7]) * p.y + Double(m[8]) * p.z)
    }
}

extension Double {
    static func cbrtOf(_ x: Double) -> Double { x <= 0 ? 0 : Foundation.cbrt(x) }
}

import Foundation
