import CrystalModel

/// Points of a periodic cell binned by fractional position, for the neighbour queries of the search: a cell list
/// (Allen and Tildesley, "Computer Simulation of Liquids", section 5.3) on the unit cube with periodic bins. A query
/// yields every point whose fractional difference from the query point, less its nearest integers, lies within
/// `slack` on each axis; `OverlapTest`'s exact pre-test rules every other point out, so a search that takes the
/// first point (by its own order) passing the exact test among those yielded gets the answer of a scan over all
/// points, at the cost of the few points nearby. Bins are at least twice the slack wide (plus a margin for
/// rounding), so those points lie in the query's bin or, when it lies near an edge, in the bin beyond that edge.
///
/// Points are numbered in insertion order; insertion is O(1) (a linked list per bin), so a grid can grow while it
/// is queried.
struct FractionalGrid {
    let bins: SIMD3<Int>
    /// Per axis, the slack (with its margin) in bin widths: below 1/2 on every axis with more than one bin.
    private let edges: Vector3
    /// First point of each bin (-1: empty), and the next point of the same bin.
    private var head: [Int32]
    private var next: [Int32]
    private(set) var points: [Vector3]

    /// Relative margin of the bin width over the slack, far above the rounding of the bin computation.
    static let widthMargin = 1.01

    /// A grid for about `expectedCount` points, with neighbours within `slack` (fractional, per axis): about two
    /// bins per point, never narrower than twice the slack.
    init(slack: Vector3, expectedCount: Int) {
        var perAxis = 1
        while perAxis < 64 && perAxis * perAxis * perAxis < 2 * expectedCount { perAxis += 1 }
        var bins = SIMD3<Int>(1, 1, 1)
        var edges = Vector3.zero
        for axis in 0..<3 {
            let s = slack[axis] * Self.widthMargin + 1e-9
            // At most 1 / (2 s) bins, so that a point is near one edge of its bin at most; the comparison keeps a
            // huge or NaN value from the conversion.
            let fit = 1 / (2 * s)
            bins[axis] = fit >= Double(perAxis) ? perAxis : (fit >= 1 ? Int(fit) : 1)
            edges[axis] = s * Double(bins[axis])
        }
        self.edges = edges
        self.bins = bins
        head = [Int32](repeating: -1, count: bins.x * bins.y * bins.z)
        next = []
        points = []
        next.reserveCapacity(expectedCount)
        points.reserveCapacity(expectedCount)
    }

    /// The grid of the given points, numbered in order.
    init(_ points: [Vector3], slack: Vector3) {
        self.init(slack: slack, expectedCount: points.count)
        for p in points { insert(p) }
    }

    var count: Int { points.count }

    /// The bin of one fractional coordinate on an axis with `n` bins (a non-finite coordinate goes to bin 0; it
    /// overlaps nothing).
    @inline(__always) static func bin(_ x: Double, _ n: Int) -> Int {
        let f = fractionalPart(x) * Double(n)
        return f >= 0 && f < Double(n) ? Int(f) : 0  // f == n (x just below an integer) is the start of bin 0
    }

    /// x less the integer below it, in [0, 1] (1 only by rounding, just below an integer); NaN stays NaN.
    @inline(__always) static func fractionalPart(_ x: Double) -> Double {
        // Truncation through Int64 is one instruction (floor is a call); beyond its range, or NaN, floor.
        guard abs(x) < 4e18 else { return x - x.rounded(.down) }
        let f = x - Double(Int64(x))
        return f < 0 ? f + 1 : f
    }

    @inline(__always) private func binIndex(_ i: Int, _ j: Int, _ k: Int) -> Int { (i * bins.y + j) * bins.z + k }

    /// Adds a point; its number is the count before.
    mutating func insert(_ p: Vector3) {
        let b = binIndex(Self.bin(p.x, bins.x), Self.bin(p.y, bins.y), Self.bin(p.z, bins.z))
        next.append(head[b])
        head[b] = Int32(points.count)
        points.append(p)
    }

    /// The bins to visit on an axis for coordinate `x`: its own, and the neighbour on a side when x lies within the
    /// slack of that side's edge (the bins are wider than twice the slack, so never both).
    @inline(__always) private func axisBins(_ x: Double, _ axis: Int) -> (Int, Int, count: Int) {
        let n = bins[axis]
        if n == 1 { return (0, 0, 1) }
        var v = Self.fractionalPart(x) * Double(n)
        // A coordinate just below an integer can round up to the top: it is at the start of bin 0.
        if v == Double(n) { v = 0 }
        guard v >= 0 && v < Double(n) else { return (0, 0, 1) }
        let k = Int(v), r = v - Double(k), edge = edges[axis]
        if r < edge { return (k, k == 0 ? n - 1 : k - 1, 2) }
        if r > 1 - edge { return (k, k == n - 1 ? 0 : k + 1, 2) }
        return (k, k, 1)
    }

    /// Calls `body` with the number of every point that may lie within the slack of `p` (and some that do not).
    @inline(__always) func forEachCandidate(near p: Vector3, _ body: (Int) -> Void) {
        let bx = axisBins(p.x, 0), by = axisBins(p.y, 1), bz = axisBins(p.z, 2)
        for a in 0..<bx.count {
            let i = a == 0 ? bx.0 : bx.1
            for b in 0..<by.count {
                let j = b == 0 ? by.0 : by.1
                for c in 0..<bz.count {
                    var item = head[binIndex(i, j, c == 0 ? bz.0 : bz.1)]
                    while item >= 0 {
                        body(Int(item))
                        item = next[Int(item)]
                    }
                }
            }
        }
    }
}
