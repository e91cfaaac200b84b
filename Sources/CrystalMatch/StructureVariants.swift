import CrystalModel

/// The ways relaxations and other settings rewrite one crystal, and distortions that make another: each
/// takes a structure and returns the rewritten one. Deterministic given the generator's state; only
/// arithmetic that is bit-identical on every IEEE machine (no trigonometry).
enum StructureVariants {
    /// The same crystal in the cell `matrix * lattice` (rows; |det| > 0): every site and its copies.
    static func supercell(_ s: Structure, _ matrix: IntegerMatrix3) -> Structure {
        let lattice = matrix.apply(to: s.lattice)
        let points = StructureMatcher.latticePointsInSupercell(matrix)
        let d = Double(matrix.determinant)
        let adjugate = matrix.adjugate
        func times(_ f: Vector3) -> Vector3 {
            (f.x * Vector3(adjugate.rows.0) + f.y * Vector3(adjugate.rows.1) + f.z * Vector3(adjugate.rows.2)) / d
        }
        var sites = [Site]()
        for site in s.sites {
            let base = times(site.position)
            for point in points {
                var copy = site
                let p = base + point
                copy.position = p - p.rounded(.down)
                sites.append(copy)
            }
        }
        return Structure(lattice: lattice, sites: sites)
    }

    /// Axes rewritten by a unimodular matrix (permutations, sign changes, a + b, ...): the same cell.
    static func basisChange(_ s: Structure, _ matrix: IntegerMatrix3) -> Structure? {
        guard let inverse = matrix.unimodularInverse else { return nil }
        var out = s
        out.lattice = matrix.apply(to: s.lattice)
        for i in out.sites.indices { out.sites[i].position = inverse.rowTimes(s.sites[i].position) }
        return out
    }

    static func shuffled(_ s: Structure, _ rng: inout SplitMix64) -> Structure {
        var out = s
        for i in stride(from: out.sites.count - 1, to: 0, by: -1) { out.sites.swapAt(i, rng.index(i + 1)) }
        return out
    }

    static func shiftedOrigin(_ s: Structure, _ rng: inout SplitMix64) -> Structure {
        let shift = Vector3(rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0, 1))
        var out = s
        for i in out.sites.indices {
            let p = out.sites[i].position + shift
            out.sites[i].position = p - p.rounded(.down)
        }
        return out
    }

    /// Lattice rows times (I + ε), ε symmetric with largest entry `magnitude`; fractional positions kept.
    static func strained(_ s: Structure, magnitude: Double, _ rng: inout SplitMix64) -> Structure {
        var e = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 { for j in i..<3 { e[i][j] = rng.uniform(-1, 1); e[j][i] = e[i][j] } }
        let largest = e.joined().map { $0 < 0 ? -$0 : $0 }.max() ?? 1
        func apply(_ v: Vector3) -> Vector3 {
            var out = v
            for j in 0..<3 { for i in 0..<3 { out[j] += v[i] * e[i][j] * magnitude / largest } }
            return out
        }
        var out = s
        out.lattice = Lattice(a: apply(s.lattice.a), b: apply(s.lattice.b), c: apply(s.lattice.c))
        return out
    }

    /// Every site moved by a random direction times a length uniform in `range` (Å).
    static func noisy(_ s: Structure, _ range: ClosedRange<Double>, _ rng: inout SplitMix64) -> Structure {
        var out = s
        for i in out.sites.indices {
            let step = rng.direction() * rng.uniform(range.lowerBound, range.upperBound)
            if let frac = s.lattice.fractional(step) { out.sites[i].position += frac }
        }
        return out
    }

    /// One lattice vector stretched by `factor`.
    static func stretched(_ s: Structure, axis: Int, factor: Double) -> Structure {
        var rows = s.lattice.rows
        rows[axis] *= factor
        var out = s
        out.lattice = Lattice(a: rows[0], b: rows[1], c: rows[2])
        return out
    }

    /// c tilted towards a by `slope` (c' = c + slope |c| â): an angle change of about atan(slope).
    static func sheared(_ s: Structure, slope: Double) -> Structure {
        let a = s.lattice.a, c = s.lattice.c
        var out = s
        out.lattice = Lattice(a: a, b: s.lattice.b, c: c + slope * c.length / a.length * a)
        return out
    }

    /// One site moved by `distance` Å in a random direction.
    static func displacedSite(_ s: Structure, distance: Double, _ rng: inout SplitMix64) -> Structure {
        var out = s
        let site = rng.index(s.sites.count)
        if let frac = s.lattice.fractional(rng.direction() * distance) { out.sites[site].position += frac }
        return out
    }

    /// Two sites of different species exchanged; nil for a single-species structure.
    static func swappedSpecies(_ s: Structure, _ rng: inout SplitMix64) -> Structure? {
        let first = rng.index(s.sites.count)
        let others = s.sites.indices.filter { s.sites[$0].occupants != s.sites[first].occupants }
        guard !others.isEmpty else { return nil }
        let second = others[rng.index(others.count)]
        var out = s
        out.sites[first].occupants = s.sites[second].occupants
        out.sites[second].occupants = s.sites[first].occupants
        return out
    }
}
