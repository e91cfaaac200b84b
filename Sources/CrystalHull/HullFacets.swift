/// The facets of the lower convex hull of a chemical system's stable phases, and its edges: the tie lines
/// of the phase diagram.
///
/// Method: gift wrapping (Chand and Kapur, J. ACM 17, 78 (1970)) in chemical-potential space. A facet is
/// a vector of element chemical potentials μ with `E_i - μ·x_i >= 0` for every phase i (composition x_i as atom
/// fractions, E_i its formation energy per atom) and `= 0` on the facet's phases, whose compositions span the
/// system; these are the vertices of the polyhedron of OQMD's grand-canonical LP (Kirklin et al. 2015). The
/// search starts from the facet under the centroid (the hull LP's optimal duals) and crosses each ridge of each
/// facet by rotating the facet's plane about the ridge until it meets another phase. Every phase within
/// `HullTolerances.coplanar` of a facet's plane belongs to that facet: a flat facet with more than k phases
/// (four coplanar phases of a ternary) is one facet, not an arbitrary triangulation as qhull's `Qt` output gives,
/// its ridges are the faces of its composition polytope, and its edges are that polytope's edges, so a
/// diagonal of a flat quadrilateral is not a tie line. Cost O(facets x phases x k^2) plus, for a flat facet of m
/// phases, O(m^k) to find its faces.
public struct HullFacets: Sendable {
    public struct Facet: Sendable, Hashable {
        /// Indices of the facet's phases, increasing: k of them for a simplex, more for a flat facet.
        public var phases: [Int]
        /// The facet's plane as element chemical potentials (eV/atom): `E = μ·x` on it.
        public var chemicalPotentials: [Double]
    }

    /// Facets sorted by their phase lists.
    public let facets: [Facet]
    /// The hull's edges as index pairs (smaller first), sorted.
    public let edges: [[Int]]

    /// - Parameters:
    ///   - fractions: each phase's atom fractions over the system's k elements (summing to 1), distinct
    ///     compositions, one phase at each corner (a pure element).
    ///   - energies: formation energies per atom (eV/atom), the hull vertices of the system.
    /// - Returns: nil when the input is malformed (sizes, non-finite values, a corner missing).
    public init?(fractions: [[Double]], energies: [Double]) {
        let n = energies.count
        guard n > 0, fractions.count == n, let k = fractions.first?.count, k >= 1,
              fractions.allSatisfy({ $0.count == k && $0.allSatisfy(\.isFinite) }), energies.allSatisfy(\.isFinite) else { return nil }
        if k == 1 {
            guard let lowest = energies.indices.min(by: { energies[$0] < energies[$1] }) else { return nil }
            facets = [Facet(phases: [lowest], chemicalPotentials: [energies[lowest]])]
            edges = []
            return
        }
        var corner = [Int](repeating: -1, count: k)
        for j in 0..<n {
            guard let e = fractions[j].firstIndex(where: { abs($0 - 1) <= HullTolerances.composition }) else { continue }
            if corner[e] < 0 || energies[j] < energies[corner[e]] { corner[e] = j }
        }
        guard corner.allSatisfy({ $0 >= 0 }) else { return nil }
        let search = FacetSearch(fractions: fractions, energies: energies, k: k)
        guard let found = search.run(corners: corner) else { return nil }
        facets = found.sorted { $0.phases.lexicographicallyPrecedes($1.phases) }
        var pairs = Set<[Int]>()
        for facet in facets { for edge in search.edges(of: facet.phases) { pairs.insert(edge) } }
        edges = pairs.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

/// The search behind `HullFacets`.
struct FacetSearch {
    let fractions: [[Double]]
    let energies: [Double]
    let k: Int
    /// `fractions` row by row (`flat[j * k + i]`), for the loops over every phase.
    let flat: [Double]

    init(fractions: [[Double]], energies: [Double], k: Int) {
        self.fractions = fractions
        self.energies = energies
        self.k = k
        flat = fractions.flatMap { $0 }
    }

    /// A face of a point set's convex hull: its points, `basis` of them spanning it, and the unit normal
    /// (in the coordinates the face was found in) pointing away from the set.
    struct Face {
        var points: [Int]
        var basis: [Int]
        var normal: [Double]
    }

    func slack(_ j: Int, _ mu: [Double]) -> Double { energies[j] - DenseLinearAlgebra.dot(mu, fractions[j]) }

    /// The facet whose plane passes through the k phases of `basis`, with every phase within the coplanar
    /// tolerance of that plane; nil if the basis is singular.
    func facet(through basis: [Int], including required: [Int] = []) -> HullFacets.Facet? {
        guard let mu = DenseLinearAlgebra.solve(basis.map { fractions[$0] }, basis.map { energies[$0] }) else { return nil }
        var on = [Int]()
        flat.withUnsafeBufferPointer { x in
            for j in energies.indices {
                var value = energies[j]
                for i in 0..<k { value -= mu[i] * x[j * k + i] }
                if value <= HullTolerances.coplanar { on.append(j) }
            }
        }
        for j in required where !on.contains(j) { on.append(j) }
        on.sort()
        return HullFacets.Facet(phases: on, chemicalPotentials: mu)
    }

    func run(corners: [Int]) -> [HullFacets.Facet]? {
        let lp = HullLP(fractions: flat, energies: energies, k: k, elementalColumn: corners)
        guard let start = lp.solve(target: [Double](repeating: 1 / Double(k), count: k)),
              let first = facet(through: start.basicColumns) else { return nil }
        var seen: Set<[Int]> = [first.phases]
        var queue = [first]
        var found = [HullFacets.Facet]()
        var slacks = [Double](repeating: 0, count: energies.count)
        let n = energies.count, k = self.k
        while let current = queue.popLast() {
            found.append(current)
            var next = [(basis: [Int], points: [Int])]()
            flat.withUnsafeBufferPointer { x in
                energies.withUnsafeBufferPointer { energy in
                    slacks.withUnsafeMutableBufferPointer { slack in
                        current.chemicalPotentials.withUnsafeBufferPointer { mu in
                            for j in 0..<n {
                                var value = energy[j]
                                for i in 0..<k { value -= mu[i] * x[j * k + i] }
                                slack[j] = value
                            }
                        }
                        for ridge in ridges(of: current.phases) {
                            // Rotate the plane about the ridge (μ moves along the ridge's outward normal, which
                            // keeps the ridge's phases on the plane and lifts the facet's others off it) until
                            // another phase touches.
                            var step = Double.infinity
                            var touching = -1
                            ridge.normal.withUnsafeBufferPointer { normal in
                                for j in 0..<n {
                                    var rate = 0.0
                                    for i in 0..<k { rate += normal[i] * x[j * k + i] }
                                    guard rate > HullTolerances.composition else { continue }
                                    let t = slack[j] / rate
                                    if t < step {
                                        step = t
                                        touching = j
                                    }
                                }
                            }
                            // Nothing on the far side: the ridge lies on the boundary of the composition simplex.
                            guard touching >= 0 else { continue }
                            // The simplex beyond (if nothing else lies on its plane) may be known already.
                            var simplex = ridge.points
                            simplex.append(touching)
                            simplex.sort()
                            if ridge.points.count == k - 1, seen.contains(simplex) { continue }
                            next.append((ridge.basis + [touching], ridge.points))
                        }
                    }
                }
            }
            for (basis, points) in next {
                guard let facet = facet(through: basis, including: points), !seen.contains(facet.phases) else { continue }
                seen.insert(facet.phases)
                queue.append(facet)
            }
        }
        return found
    }

    /// The ridges of a facet: for a simplex, the faces opposite each vertex, whose outward normals are the
    /// negated columns of the inverse of the vertices' fraction matrix (x_j . column_i = δ_ji); for a flat
    /// facet, the faces of its composition polytope.
    func ridges(of phases: [Int]) -> [Face] {
        guard phases.count == k else { return faces(of: phases, coordinates: { fractions[$0] }, dimension: k) }
        var matrix = [Double](repeating: 0, count: k * k)
        for (r, j) in phases.enumerated() { for i in 0..<k { matrix[r * k + i] = flat[j * k + i] } }
        guard let inverse = DenseLinearAlgebra.inverse(flat: matrix, size: k) else {
            return faces(of: phases, coordinates: { fractions[$0] }, dimension: k)
        }
        var out = [Face]()
        out.reserveCapacity(k)
        for column in 0..<k {
            var normal = [Double](repeating: 0, count: k)
            var length = 0.0
            for i in 0..<k {
                normal[i] = -inverse[i * k + column]
                length += normal[i] * normal[i]
            }
            length = length.squareRoot()
            for i in 0..<k { normal[i] /= length }
            var face = phases
            face.remove(at: column)
            out.append(Face(points: face, basis: face, normal: normal))
        }
        return out
    }

    /// The faces of the convex hull of `points`, whose coordinates span R^dimension (affinely, a polytope of
    /// dimension - 1 on the plane of atom fractions summing to 1, or any full-rank set).
    func faces(of points: [Int], coordinates: (Int) -> [Double], dimension: Int) -> [Face] {
        if points.count == dimension {
            // A simplex: every face leaves out one point.
            var out = [Face]()
            for (i, left) in points.enumerated() {
                var face = points
                face.remove(at: i)
                guard var normal = DenseLinearAlgebra.nullVector(face.map(coordinates), dimension: dimension) else { continue }
                if DenseLinearAlgebra.dot(normal, coordinates(left)) > 0 { normal = normal.map { -$0 } }
                out.append(Face(points: face, basis: face, normal: normal))
            }
            return out
        }
        var out = [Face]()
        var seen = Set<[Int]>()
        forEachSubset(of: points, size: dimension - 1) { subset in
            guard var normal = DenseLinearAlgebra.nullVector(subset.map(coordinates), dimension: dimension) else { return }
            var low = 0.0, high = 0.0
            var on = [Int]()
            for j in points {
                let side = DenseLinearAlgebra.dot(normal, coordinates(j))
                if abs(side) <= HullTolerances.composition { on.append(j) } else { low = min(low, side); high = max(high, side) }
            }
            guard low == 0 || high == 0 else { return }
            if high > 0 { normal = normal.map { -$0 } }
            guard !seen.contains(on) else { return }
            seen.insert(on)
            out.append(Face(points: on, basis: subset, normal: normal))
        }
        return out
    }

    /// The edges of the convex hull of a facet's phases: all pairs of a simplex; for a flat facet the edges
    /// of its faces, down to segments (whose edge joins their two extreme points).
    func edges(of phases: [Int]) -> [[Int]] {
        if phases.count == k {
            var out = [[Int]]()
            for a in 0..<phases.count { for b in (a + 1)..<phases.count { out.append([phases[a], phases[b]]) } }
            return out
        }
        var out = Set<[Int]>()
        collectEdges(phases, into: &out)
        return Array(out)
    }

    func collectEdges(_ points: [Int], into out: inout Set<[Int]>) {
        // Coordinates in an orthonormal basis of the points' span, so that they span R^rank.
        let basis = DenseLinearAlgebra.orthonormalBasis(points.map { fractions[$0] })
        let rank = basis.count
        guard rank >= 2 else { return }
        if rank == 2 {
            // Collinear: the segment between the two extreme points.
            let a = fractions[points[0]]
            guard let far = points.max(by: { distance(fractions[$0], a) < distance(fractions[$1], a) }) else { return }
            let direction = zip(fractions[far], a).map { $0 - $1 }
            let position = { (j: Int) in DenseLinearAlgebra.dot(direction, self.fractions[j]) }
            if let low = points.min(by: { position($0) < position($1) }), let high = points.max(by: { position($0) < position($1) }), low != high {
                out.insert([min(low, high), max(low, high)])
            }
            return
        }
        var projected = [Int: [Double]]()
        for j in points { projected[j] = basis.map { DenseLinearAlgebra.dot($0, fractions[j]) } }
        for face in faces(of: points, coordinates: { projected[$0]! }, dimension: rank) {
            if face.points.count == 2 {
                out.insert([min(face.points[0], face.points[1]), max(face.points[0], face.points[1])])
            } else {
                collectEdges(face.points, into: &out)
            }
        }
    }

    func distance(_ a: [Double], _ b: [Double]) -> Double { DenseLinearAlgebra.norm(zip(a, b).map { $0 - $1 }) }

    /// Calls `body` with every subset of `items` of the given size, in lexicographic order.
    func forEachSubset(of items: [Int], size: Int, _ body: ([Int]) -> Void) {
        guard size > 0, size <= items.count else { return }
        var index = Array(0..<size)
        while true {
            body(index.map { items[$0] })
            var i = size - 1
            while i >= 0 && index[i] == items.count - size + i { i -= 1 }
            if i < 0 { return }
            index[i] += 1
            for j in (i + 1)..<size { index[j] = index[j - 1] + 1 }
        }
    }
}
