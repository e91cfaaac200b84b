import CrystalModel

/// Expands asymmetric-unit sites to the full cell and merges coinciding positions, as pymatgen's
/// CifParser does: a row whose position (under some operation) coincides with an earlier row joins
/// that site as another species; then each distinct species set is expanded by every operation and
/// copies closer than `Tolerances.siteFractional` (per fractional axis, periodic) are dropped.
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
    }

    let operations: [SymmetryOperation]
    let tolerance = Tolerances.siteFractional

    @inline(__always) func coincide(_ a: Vector3, _ b: Vector3) -> Bool {
        let d = a - b
        let r = d - d.rounded(.toNearestOrEven)
        return abs(r.x) < tolerance && abs(r.y) < tolerance && abs(r.z) < tolerance
    }

    func expand(_ rows: [SiteRow]) -> Expansion {
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
        // 2. Expand each species set; drop copies within the set. With the identity alone there are no
        // copies: coinciding rows were merged above.
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
        var sites = [Site]()
        var lines = [Int]()
        var groups = [[Site.Occupant]: PositionSet]()
        for site in asymmetric {
            let key = site.occupants.sorted { ($0.element, $0.occupancy) < ($1.element, $1.occupancy) }
            var set = groups[key] ?? PositionSet(tolerance: tolerance)
            for op in operations {
                var p = op.apply(site.position)
                p -= p.rounded(.down)
                if set.insertIfNew(p) {
                    sites.append(Site(position: p, occupants: site.occupants, label: site.label))
                    lines.append(site.line)
                }
            }
            groups[key] = set
        }
        return Expansion(sites: sites, lines: lines, merges: merges)
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
