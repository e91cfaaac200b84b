import CrystalModel

/// Expands asymmetric-unit sites to the full cell and merges coinciding positions.
///
/// 1. Rows at a symmetry-equivalent position (within `Tolerances.siteFractional` per fractional axis, as
///    pymatgen's CifParser) are one disordered site: its species are added up.
/// 2. Each site is expanded by every operation; an image of a fully occupied site closer than
///    `Tolerances.symmetryCopyDistance` (Å, Cartesian, periodic) to an image already kept for the same site is
///    the same atom on a special position, as gemmi's `get_all_unit_cell_sites` and cctbx's
///    `min_distance_sym_equiv` decide. A fractional tolerance fails on files that give coordinates to 4 decimals
///    (IZA zeolites): their copies lie 1e-4 apart in fractional terms but some 0.001 Å apart in space. Copies of a
///    partly occupied site may instead be the alternative positions of a split atom, whose occupancies add up;
///    they merge by distance only under `Rule.partialSitesByDistance` (the mapper asks for it when the declared
///    formula says so), else within the fractional tolerance, as pymatgen. Images of different sites that
///    coincide within the fractional tolerance (an incomplete operation list) are dropped too.
struct SymmetryExpander {
    struct SiteRow {
        var element: Element
        var position: Vector3
        var occupancy: Double
        var label: String
        var line: Int
    }

    struct Merge {
        var label: String
        var into: String
        var line: Int
    }

    struct Expansion {
        var sites: [Site]
        /// Source line of each site's first row.
        var lines: [Int]
        var merges: [Merge]
        /// Sites whose copies were merged by distance, further apart than the fractional tolerance (pymatgen keeps
        /// those apart): the cases where the references can disagree.
        var distantCopyMerges: [(label: String, line: Int)] = []
        /// Partly occupied sites whose copies lie within `Tolerances.symmetryCopyDistance` but were kept apart.
        var partialSitesWithCloseCopies = 0
    }

    /// Which copies merge by Cartesian distance; the rest merge within the fractional tolerance.
    struct Rule {
        var fullSitesByDistance = true
        var partialSitesByDistance = false
        static let standard = Rule()
        /// pymatgen's CifParser: every copy by the fractional tolerance.
        static let fractional = Rule(fullSitesByDistance: false, partialSitesByDistance: false)
        static let allByDistance = Rule(fullSitesByDistance: true, partialSitesByDistance: true)
    }

    /// Most images (site rows times operations) one block may expand to: a work bound of a few seconds. Real
    /// blocks need at most some 10^6 (10^4 rows under 192 operations).
    static let maximumImages = 100_000_000

    let operations: [SymmetryOperation]
    let lattice: Lattice
    let tolerance = Tolerances.siteFractional

    init(operations: [SymmetryOperation], lattice: Lattice) {
        self.operations = operations
        self.lattice = lattice
    }

    @inline(__always) func coincide(_ a: Vector3, _ b: Vector3) -> Bool {
        let d = a - b
        let r = d - d.rounded(.toNearestOrEven)
        return abs(r.x) < tolerance && abs(r.y) < tolerance && abs(r.z) < tolerance
    }

    func expand(_ rows: [SiteRow], rule: Rule = .standard) -> Expansion {
        // 1. Asymmetric sites: rows at a symmetry-equivalent position share a site.
        var asymmetric: [(position: Vector3, occupants: [Site.Occupant], label: String, line: Int)] = []
        // The positions alone, so the search below copies no arrays or strings.
        var positions = [Vector3]()
        asymmetric.reserveCapacity(rows.count)
        positions.reserveCapacity(rows.count)
        var merges = [Merge]()
        for row in rows {
            var match: Int?
            if !positions.isEmpty {
                search: for op in operations {
                    let image = op.apply(row.position)
                    for index in positions.indices where coincide(image, positions[index]) {
                        match = index
                        break search
                    }
                }
            }
            if let match {
                merges.append(Merge(label: row.label, into: asymmetric[match].label, line: row.line))
                if let k = asymmetric[match].occupants.firstIndex(where: { $0.element == row.element }) {
                    asymmetric[match].occupants[k].occupancy += row.occupancy
                } else {
                    asymmetric[match].occupants.append(.init(element: row.element, occupancy: row.occupancy))
                }
            } else {
                asymmetric.append((row.position, [.init(element: row.element, occupancy: row.occupancy)], row.label, row.line))
                positions.append(row.position)
            }
        }
        // 2. Expand each site; drop its copies. With the identity alone there are none: coinciding rows were
        // merged above.
        if operations.count == 1 {
            var sites = [Site]()
            sites.reserveCapacity(asymmetric.count)
            for site in asymmetric {
                var p = operations[0].apply(site.position)
                p -= p.rounded(.down)
                sites.append(Site(position: p, occupants: site.occupants, label: site.label))
            }
            return Expansion(sites: sites, lines: asymmetric.map(\.line), merges: merges)
        }
        let distance = CopyDistance(lattice: lattice, limit: Tolerances.symmetryCopyDistance)
        var expansion = Expansion(sites: [], lines: [], merges: merges)
        var groups = [[Site.Occupant]: PositionSet]()
        var orbit = [Vector3]()
        for site in asymmetric {
            let key = site.occupants.sorted { ($0.element, $0.occupancy) < ($1.element, $1.occupancy) }
            var set = groups[key] ?? PositionSet(tolerance: tolerance)
            orbit.removeAll(keepingCapacity: true)
            var distantMerge = false, closeCopies = false
            let isFull = site.occupants.reduce(0) { $0 + $1.occupancy } >= 1 - Tolerances.occupancyRounding
            let byDistance = isFull ? rule.fullSitesByDistance : rule.partialSitesByDistance
            for op in operations {
                var p = op.apply(site.position)
                p -= p.rounded(.down)
                if orbit.contains(where: { coincide(p, $0) }) { continue }
                if orbit.contains(where: { distance.within(p, $0) }) {
                    if byDistance {
                        distantMerge = true
                        continue
                    }
                    if !isFull { closeCopies = true }
                }
                orbit.append(p)
                if set.insertIfNew(p) {
                    expansion.sites.append(Site(position: p, occupants: site.occupants, label: site.label))
                    expansion.lines.append(site.line)
                }
            }
            if distantMerge { expansion.distantCopyMerges.append((site.label, site.line)) }
            if closeCopies { expansion.partialSitesWithCloseCopies += 1 }
            groups[key] = set
        }
        return expansion
    }
}

/// Whether two fractional positions lie within a Cartesian distance of each other in a periodic cell (the
/// nearest of their periodic images).
struct CopyDistance {
    let lattice: Lattice
    let limitSquared: Double
    /// Spacing (Å) between the lattice planes normal to each reciprocal axis: a fractional difference `d` along
    /// axis i puts the positions at least `|d| * spacing[i]` apart.
    let spacing: Vector3

    init(lattice: Lattice, limit: Double) {
        self.lattice = lattice
        self.limitSquared = limit * limit
        let volume = lattice.volume
        spacing = Vector3(volume / lattice.b.cross(lattice.c).length, volume / lattice.c.cross(lattice.a).length,
                          volume / lattice.a.cross(lattice.b).length)
    }

    func within(_ a: Vector3, _ b: Vector3) -> Bool {
        var d = a - b
        d -= d.rounded(.toNearestOrEven)
        // No periodic image can be closer than the plane spacing allows.
        let bound = Vector3(abs(d.x), abs(d.y), abs(d.z)) * spacing
        guard bound.x * bound.x < limitSquared, bound.y * bound.y < limitSquared, bound.z * bound.z < limitSquared else { return false }
        let direct = lattice.cartesian(d)
        if direct.dot(direct) < limitSquared { return true }
        // Oblique cells: a neighbouring image may be closer than the wrapped difference.
        for i in -1...1 {
            for j in -1...1 {
                for k in -1...1 where i != 0 || j != 0 || k != 0 {
                    let v = lattice.cartesian(d + Vector3(Double(i), Double(j), Double(k)))
                    if v.dot(v) < limitSquared { return true }
                }
            }
        }
        return false
    }
}

extension Site.Occupant: Comparable {
    public static func < (l: Site.Occupant, r: Site.Occupant) -> Bool { (l.element, l.occupancy) < (r.element, r.occupancy) }
}

/// Fractional positions in [0,1)^3 bucketed on a grid coarser than the tolerance, so a duplicate test
/// looks at 27 buckets instead of every stored position.
struct PositionSet {
    let tolerance: Double
    let cells = 512
    var buckets: [Int: [Vector3]] = [:]

    init(tolerance: Double) { self.tolerance = tolerance }

    func key(_ i: Int, _ j: Int, _ k: Int) -> Int {
        let n = cells
        return (((i % n + n) % n) * n + ((j % n + n) % n)) * n + ((k % n + n) % n)
    }

    mutating func insertIfNew(_ p: Vector3) -> Bool {
        let n = Double(cells)
        let i = Int((p.x * n).rounded(.down)), j = Int((p.y * n).rounded(.down)), k = Int((p.z * n).rounded(.down))
        for di in -1...1 {
            for dj in -1...1 {
                for dk in -1...1 {
                    guard let bucket = buckets[key(i + di, j + dj, k + dk)] else { continue }
                    for q in bucket {
                        let d = p - q
                        let r = d - d.rounded(.toNearestOrEven)
                        if abs(r.x) < tolerance && abs(r.y) < tolerance && abs(r.z) < tolerance { return false }
                    }
                }
            }
        }
        buckets[key(i, j, k), default: []].append(p)
        return true
    }
}
