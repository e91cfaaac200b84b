import Foundation
import CrystalModel
import CrystalSpaceGroup

/// Builds crystals with real space-group symmetry, for benchmarks and agreement tests: a random Hall setting, a cell
/// metric that the setting's rotations keep (a random metric averaged over the point group), and atoms of the given
/// elements placed on general and special positions. A special position comes from a random point whose images
/// under the operations that move it by less than a random merge radius are averaged into one point (their mean is
/// fixed by the group they generate, as in Grosse-Kunstleve and Adams, Acta Cryst. A58 (2002) 60); orbits closer
/// than `minimumDistance` to each other or to themselves are rejected. Deterministic for a given generator state.
public struct SymmetricCrystalGenerator {
    /// Shortest distance allowed between two atoms (Å).
    public var minimumDistance = 1.6
    /// Volume per atom is drawn from this range (Å^3), as in relaxed inorganic crystals.
    public var volumePerAtom: ClosedRange<Double> = 11...22
    /// Sites of the written cell.
    public var sites: ClosedRange<Int> = 5...40
    /// Probability that an orbit is placed on a special position (a merge radius is drawn).
    public var specialPositionProbability = 0.55
    /// Probability that a centred setting is written in a primitive cell.
    public var primitiveProbability = 0.6
    /// Probability that the written cell's origin is moved by a random vector.
    public var originShiftProbability = 0.3

    public init() {}

    /// A crystal in space group `number` (a random one of 1...230 when nil), in a random Hall setting of that group
    /// (its standard setting when `standardSetting`), with orbits of `elements` (each used at least once where the
    /// site budget allows). Nil when no arrangement was found (rare; try again with the next random state).
    public func generate<R: RandomNumberGenerator>(number: Int? = nil, elements: [Element], standardSetting: Bool = false,
                                                   using rng: inout R) -> SymmetricCrystal? {
        guard !elements.isEmpty else { return nil }
        let groupNumber = number ?? Int.random(in: 1...230, using: &rng)
        let halls = HallSetting.hallNumbers(number: groupNumber)
        guard !halls.isEmpty, let hall = standardSetting ? halls.first : halls.randomElement(using: &rng),
              let setting = HallSetting.setting(hall) else { return nil }
        for _ in 0..<8 {
            if let crystal = attempt(setting, elements: elements, using: &rng) { return crystal }
        }
        return nil
    }

    func attempt<R: RandomNumberGenerator>(_ setting: HallSetting, elements: [Element], using rng: inout R) -> SymmetricCrystal? {
        let centring = setting.centringTranslations.count
        let writePrimitive = centring > 1 && Double.random(in: 0..<1, using: &rng) < primitiveProbability
        let perWritten = writePrimitive ? centring : 1
        // The site budget of the written cell decides the conventional cell's size.
        let target = Int.random(in: sites, using: &rng)
        guard let shape = Self.invariantLattice(setting, using: &rng) else { return nil }
        let volume = Double(target * perWritten) * Double.random(in: volumePerAtom, using: &rng)
        let lattice = shape.scaled(by: cbrt(volume / shape.volume))
        let operations = setting.operations
        var orbits = [(site: Site, multiplicity: Int)]()
        var placed = [Vector3]()
        var placedCount = 0
        var elementOrder = elements.shuffled(using: &rng)
        var tries = 0
        while tries < 400 && placedCount / perWritten < sites.upperBound {
            tries += 1
            let remaining = target - placedCount / perWritten
            if remaining <= 0 { break }
            let point = Vector3(Double.random(in: 0..<1, using: &rng), Double.random(in: 0..<1, using: &rng),
                                Double.random(in: 0..<1, using: &rng))
            let radius = Double.random(in: 0..<1, using: &rng) < specialPositionProbability
                ? Double.random(in: 0.4...2.6, using: &rng) : 0
            let budget = (remaining + (orbits.isEmpty ? 0 : 2)) * perWritten
            guard let orbit = Self.orbit(of: point, mergeRadius: radius, operations: operations, lattice: lattice,
                                         maximumSize: budget) else { continue }
            let writtenSize = orbit.count / perWritten
            guard writtenSize >= 1, orbit.count % perWritten == 0, writtenSize <= remaining + (orbits.isEmpty ? 0 : 2) else { continue }
            guard Self.selfDistance(orbit, lattice) >= minimumDistance,
                  placed.allSatisfy({ p in orbit.allSatisfy { Self.distance($0, p, lattice) >= minimumDistance } }) else { continue }
            let element = elementOrder.isEmpty ? elements.randomElement(using: &rng)! : elementOrder.removeFirst()
            orbits.append((Site(element: element, position: orbit[0]), orbit.count))
            placed += orbit
            placedCount += orbit.count
        }
        guard sites.contains(placedCount / perWritten), orbits.count >= 1 else { return nil }
        var conventionalSites = [Site]()
        for (site, _) in orbits {
            for p in Self.orbit(of: site.position, mergeRadius: 0, operations: operations, lattice: lattice) ?? [] {
                conventionalSites.append(Site(element: site.occupants[0].element, position: p))
            }
        }
        let conventional = Structure(lattice: lattice, sites: conventionalSites)
        var written = writePrimitive ? Self.primitive(conventional, centring: setting.centringTranslations) : conventional
        var shift = Vector3.zero
        if Double.random(in: 0..<1, using: &rng) < originShiftProbability {
            shift = Vector3(Double.random(in: 0..<1, using: &rng), Double.random(in: 0..<1, using: &rng), Double.random(in: 0..<1, using: &rng))
            written.sites = written.sites.map { site in
                var p = site.position + shift
                p -= p.rounded(.down)
                return Site(position: p, occupants: site.occupants)
            }
        }
        return SymmetricCrystal(hallNumber: setting.hallNumber, conventionalLattice: lattice, orbits: orbits, conventional: conventional,
                                written: written, writtenCell: writePrimitive ? "primitive" : "conventional", originShift: shift)
    }

    /// A cell whose metric every rotation of the setting keeps: a random metric G0 averaged as (1/|P|) sum W^T G0 W
    /// over the point group, then rebuilt from lengths and angles. Nil for a badly shaped result (retry).
    static func invariantLattice<R: RandomNumberGenerator>(_ setting: HallSetting, using rng: inout R) -> Lattice? {
        let random = Lattice(lengths: Vector3(Double.random(in: 0.6...1.6, using: &rng), Double.random(in: 0.6...1.6, using: &rng),
                                              Double.random(in: 0.6...1.6, using: &rng)),
                             anglesInDegrees: Vector3(Double.random(in: 65...115, using: &rng), Double.random(in: 65...115, using: &rng),
                                                      Double.random(in: 65...115, using: &rng)))
        let rows = random.rows
        var g0 = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 { for j in 0..<3 { g0[i][j] = rows[i].dot(rows[j]) } }
        var rotations = [IntMatrix3]()
        for op in setting.operations where !rotations.contains(op.rotation) { rotations.append(op.rotation) }
        var g = [[Double]](repeating: [0, 0, 0], count: 3)
        for w in rotations {
            for i in 0..<3 { for j in 0..<3 {
                var value = 0.0
                for k in 0..<3 { for l in 0..<3 { value += Double(w[k, i]) * g0[k][l] * Double(w[l, j]) } }
                g[i][j] += value / Double(rotations.count)
            } }
        }
        let lengths = Vector3(g[0][0].squareRoot(), g[1][1].squareRoot(), g[2][2].squareRoot())
        func angle(_ i: Int, _ j: Int) -> Double { acos(max(-1, min(1, g[i][j] / (lengths[i] * lengths[j])))) * 180 / .pi }
        let angles = Vector3(angle(1, 2), angle(0, 2), angle(0, 1))
        guard angles.min() > 55, angles.max() < 125, lengths.max() / lengths.min() < 3.5 else { return nil }
        let lattice = Lattice(lengths: lengths, anglesInDegrees: angles)
        guard lattice.volume > 0.05 * lengths.x * lengths.y * lengths.z else { return nil }
        return lattice
    }

    /// The distinct images of a point under the operations, after merging the images within `mergeRadius` (Å) of
    /// it into their mean (repeated until the point is fixed by exactly the operations that keep it). Nil when the
    /// merge does not settle on a consistent special position, or the orbit has more than `maximumSize` points.
    public static func orbit(of start: Vector3, mergeRadius: Double, operations: [SpaceGroupOperation], lattice: Lattice,
                             maximumSize: Int = .max) -> [Vector3]? {
        var point = start
        if mergeRadius > 0 {
            let limit = mergeRadius * mergeRadius
            for _ in 0..<6 {
                var sum = Vector3.zero
                var count = 0
                for op in operations {
                    var d = op.apply(point) - point
                    d -= d.rounded(.toNearestOrEven)
                    let v = lattice.cartesian(d)
                    if v.dot(v) < limit {
                        sum += point + d
                        count += 1
                    }
                }
                let next = sum / Double(count)
                let moved = lattice.cartesian(next - point)
                point = next
                if moved.dot(moved) < 1e-24 { break }
            }
        }
        point -= point.rounded(.down)
        // The exact stabilizer: the point must be fixed by the operations that nearly keep it.
        var stabilizer = 0
        var sum = Vector3.zero
        for op in operations {
            var d = op.apply(point) - point
            d -= d.rounded(.toNearestOrEven)
            let v = lattice.cartesian(d)
            if v.dot(v) < 1e-6 {
                stabilizer += 1
                sum += point + d
            }
        }
        guard operations.count % stabilizer == 0, operations.count / stabilizer <= maximumSize else { return nil }
        point = sum / Double(stabilizer)
        point -= point.rounded(.down)
        var images = [Vector3]()
        images.reserveCapacity(operations.count / stabilizer)
        for op in operations {
            var p = op.apply(point)
            p -= p.rounded(.down)
            for k in 0..<3 where p[k] >= 1 - 1e-10 { p[k] = 0 }
            var seen = false
            for q in images {
                var d = p - q
                d -= d.rounded(.toNearestOrEven)
                if abs(d.x) < 1e-7 && abs(d.y) < 1e-7 && abs(d.z) < 1e-7 { seen = true; break }
            }
            if !seen { images.append(p) }
        }
        guard images.count * stabilizer == operations.count else { return nil }
        for op in operations {
            var d = op.apply(point) - point
            d -= d.rounded(.toNearestOrEven)
            let v = lattice.cartesian(d)
            if v.dot(v) < 1e-6, lattice.cartesian(d).length > 1e-9 { return nil }
        }
        return images
    }

    /// Shortest distance between two distinct points of an orbit (infinity for one point).
    static func selfDistance(_ orbit: [Vector3], _ lattice: Lattice) -> Double {
        var best = Double.infinity
        for i in orbit.indices { for j in (i + 1)..<orbit.count { best = min(best, distance(orbit[i], orbit[j], lattice)) } }
        return best
    }

    /// Periodic distance (Å), over the 27 neighbouring images of the reduced difference.
    static func distance(_ p: Vector3, _ q: Vector3, _ lattice: Lattice) -> Double {
        var d = p - q
        d -= d.rounded(.toNearestOrEven)
        let v = lattice.cartesian(d)
        var best = v.dot(v)
        for i in -1...1 { for j in -1...1 { for k in -1...1 where i != 0 || j != 0 || k != 0 {
            let w = v + Double(i) * lattice.a + Double(j) * lattice.b + Double(k) * lattice.c
            best = min(best, w.dot(w))
        } } }
        return best.squareRoot()
    }

    /// The primitive cell of a centred conventional cell: three lattice vectors among the centring translations and
    /// the conventional axes spanning 1/n of its volume, sites mapped into it and duplicates dropped.
    static func primitive(_ conventional: Structure, centring: [Vector3]) -> Structure {
        let n = centring.count
        var candidates = centring.filter { $0 != .zero }
        candidates += [Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)]
        var basis: (Vector3, Vector3, Vector3)?
        search: for i in candidates.indices { for j in candidates.indices where j > i { for k in candidates.indices where k > j {
            let det = candidates[i].dot(candidates[j].cross(candidates[k]))
            if abs(abs(det) * Double(n) - 1) < 1e-9 {
                basis = det > 0 ? (candidates[i], candidates[j], candidates[k]) : (candidates[j], candidates[i], candidates[k])
                break search
            }
        } } }
        guard let (u, v, w) = basis else { return conventional }
        let l = conventional.lattice
        let lattice = Lattice(a: l.cartesian(u), b: l.cartesian(v), c: l.cartesian(w))
        var sites = [Site]()
        for site in conventional.sites {
            guard var p = lattice.fractional(l.cartesian(site.position)) else { continue }
            p -= p.rounded(.down)
            for k in 0..<3 where p[k] > 1 - 1e-9 { p[k] = 0 }
            if !sites.contains(where: { distance($0.position, p, lattice) < 1e-4 }) {
                sites.append(Site(position: p, occupants: site.occupants))
            }
        }
        return Structure(lattice: lattice, sites: sites)
    }
}
