import Foundation
import CrystalModel

/// An invariant of a space-group type that no choice of basis or origin changes: for each operation of the point
/// group (one per rotation), its rotation type and its screw order k, the smallest k for which k times its intrinsic
/// (screw or glide) translation is a lattice translation along the rotation's fixed space (1 for plain rotations and
/// mirrors; 2 for 2_1 screws and glides; 3 or 4 for 3_1, 4_1, ...). Two settings of different signature can never
/// match, so the Hall-symbol matching skips them without trying a single change of basis (a necessary condition:
/// the full match still decides; an order that the tolerance leaves ambiguous is a wildcard).
///
/// The intrinsic translation of (W, w) is P w with P = (1/n) sum W^j (n the order): for w = P w + (1 - P) w, only
/// the first part survives a change of origin, modulo P applied to the lattice (International Tables vol. A,
/// section 1.2.2.4). With S = n P (an integer matrix), k P w in P Λ is k S w in S Λ.
struct ScrewSignature: Equatable, Sendable {
    /// The signatures of the 230 standard settings (index: Hall number; others empty).
    static let standard: [ScrewSignature?] = {
        var out = [ScrewSignature?](repeating: nil, count: 531)
        for hall in SpglibTables.spacegroupToHallNumber {
            if let setting = HallSetting.setting(hall) { out[hall] = ScrewSignature(tabulated: setting) }
        }
        return out
    }()

    /// Per rotation type slot (0...9, `PointGroupType.rotationType`), the screw orders (0: unknown) of the operations.
    var orders: [[Int]]

    /// Exact signature of tabulated operations (exact translations): the first operation of each rotation, in the
    /// lattice with the setting's centring translations.
    init(tabulated setting: HallSetting) {
        var orders = [[Int]](repeating: [], count: 10)
        var seen = Set<Int>()
        for op in setting.operations where seen.insert(op.rotation.key).inserted {
            guard let type = PointGroupType.rotationType(op.rotation) else { continue }
            orders[type].append(Self.screwOrder(op, centrings: setting.centringTranslations, lattice: nil, tolerance: 0))
        }
        self.orders = orders.map { $0.sorted() }
    }

    /// Signature of operations found in a primitive cell (`lattice`: columns, Å) at a tolerance (Å).
    init(found operations: [SpaceGroupOperation], lattice: Matrix3, tolerance: Double) {
        var orders = [[Int]](repeating: [], count: 10)
        for op in operations {
            guard let type = PointGroupType.rotationType(op.rotation) else { continue }
            orders[type].append(Self.screwOrder(op, centrings: [.zero], lattice: lattice, tolerance: tolerance))
        }
        self.orders = orders.map { $0.sorted() }
    }

    /// Whether the found operations (this signature, unknown orders as wildcards) can be the tabulated ones.
    func mayBe(_ tabulated: ScrewSignature) -> Bool {
        for type in 0..<10 {
            let ours = orders[type], theirs = tabulated.orders[type]
            guard ours.count == theirs.count else { return false }
            var remaining = theirs
            for k in ours where k != 0 {
                guard let i = remaining.firstIndex(of: k) else { return false }
                remaining.remove(at: i)
            }
        }
        return true
    }

    static let divisorsOfOrder: [Int: [Int]] = [1: [1], 2: [1, 2], 3: [1, 3], 4: [1, 2, 4], 6: [1, 2, 3, 6]]

    /// S and the basis of S Z^3 for the rotations of found operations (primitive cells: no centring), which repeat
    /// from structure to structure; shared by the import's threads under a lock.
    final class Cache: @unchecked Sendable {
        // @unchecked: every access to `entries` holds `lock`.
        private let lock = NSLock()
        private var entries: [IntMatrix3: (IntMatrix3, [SIMD3<Int>])] = [:]

        func value(_ w: IntMatrix3, _ make: () -> (IntMatrix3, [SIMD3<Int>])) -> (IntMatrix3, [SIMD3<Int>]) {
            lock.lock()
            if let hit = entries[w] {
                lock.unlock()
                return hit
            }
            lock.unlock()
            let value = make()
            lock.lock()
            if entries.count < 100_000 { entries[w] = value }
            lock.unlock()
            return value
        }
    }

    static let cache = Cache()

    /// The screw order of one operation; 0 when the tolerance cannot tell (found operations only).
    static func screwOrder(_ op: SpaceGroupOperation, centrings: [Vector3], lattice: Matrix3?, tolerance: Double) -> Int {
        let w = op.rotation
        let n = op.rotationOrder
        if w == .identity { return 1 }
        let primitiveOnly = centrings.allSatisfy { $0 == .zero }
        let (s, basis) = primitiveOnly ? cache.value(w) { sumAndBasis(w, n: n, centrings: centrings) } : sumAndBasis(w, n: n, centrings: centrings)
        if s == IntMatrix3(0, 0, 0, 0, 0, 0, 0, 0, 0) || basis.isEmpty { return 1 }
        let v = s * op.translation
        for k in divisorsOfOrder[n] ?? [1] {
            let y = v * Double(k * 6)
            switch IntegerLattice.contains(y, basis: basis, lattice: lattice, tolerance: Double(k * n) * tolerance * 6 * 1.5 + 1e-9) {
            case .yes: return k
            case .no: continue
            case .unknown: return 0
            }
        }
        return 0
    }

    /// S = sum over j < n of W^j, and a basis of 6 S Λ (Λ: the unit lattice plus the centring translations).
    static func sumAndBasis(_ w: IntMatrix3, n: Int, centrings: [Vector3]) -> (IntMatrix3, [SIMD3<Int>]) {
        var s = IntMatrix3(0, 0, 0, 0, 0, 0, 0, 0, 0)
        var power = IntMatrix3.identity
        for _ in 0..<n {
            let a = s.m, b = power.m
            s = IntMatrix3(a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3, a.4 + b.4, a.5 + b.5, a.6 + b.6, a.7 + b.7, a.8 + b.8)
            power = w * power
        }
        if s == IntMatrix3(0, 0, 0, 0, 0, 0, 0, 0, 0) { return (s, []) }
        // Generators of S Λ, times 6 so that they are integers (centring vectors have denominators 2 and 3).
        var generators = [SIMD3<Int>]()
        for j in 0..<3 { generators.append(s.column(j) &* 6) }
        for c in centrings where c != .zero {
            let g = s * (c * 6)
            generators.append(SIMD3(Int(g.x.rounded()), Int(g.y.rounded()), Int(g.z.rounded())))
        }
        return (s, IntegerLattice.basis(generators))
    }
}

/// Small integer lattices in three dimensions (rank 1 or 2 here): a basis from generators, and membership of a real
/// vector within a Cartesian tolerance.
enum IntegerLattice {
    /// A basis (Hermite normal form of the generators as columns, then pairwise reduced) of the lattice they span.
    static func basis(_ generators: [SIMD3<Int>]) -> [SIMD3<Int>] {
        var vectors = generators.filter { $0 != SIMD3(0, 0, 0) }
        var basis = [SIMD3<Int>]()
        for row in 0..<3 {
            // Euclid on the row-th component among the remaining vectors.
            while true {
                let withComponent = vectors.indices.filter { vectors[$0][row] != 0 }
                if withComponent.count <= 1 { break }
                let pivot = withComponent.min { abs(vectors[$0][row]) < abs(vectors[$1][row]) }!
                for i in withComponent where i != pivot {
                    let q = vectors[i][row] / vectors[pivot][row]
                    vectors[i] = vectors[i] &- vectors[pivot] &* q
                }
                vectors.removeAll { $0 == SIMD3(0, 0, 0) }
            }
            if let i = vectors.firstIndex(where: { $0[row] != 0 }) {
                basis.append(vectors.remove(at: i))
            }
        }
        return basis
    }

    enum Membership { case yes, no, unknown }

    /// Whether y (fractional, same scale as the basis) lies within `tolerance` (Å, in the same scale) of the lattice:
    /// exactly when no metric is given (tabulated translations), else in Cartesian length with `lattice`; unknown
    /// when the tolerance is not small against the lattice's spacing.
    static func contains(_ y: Vector3, basis: [SIMD3<Int>], lattice: Matrix3?, tolerance: Double) -> Membership {
        let b = basis.map { Vector3(Double($0.x), Double($0.y), Double($0.z)) }
        let metric = lattice?.metric ?? Matrix3.identity
        func dot(_ p: Vector3, _ q: Vector3) -> Double { p.dot(metric * q) }
        var reduced = b
        if reduced.count == 2 {
            // Lagrange reduction in the metric, so that rounding the coefficients finds the nearest lattice point.
            for _ in 0..<50 {
                if dot(reduced[0], reduced[0]) > dot(reduced[1], reduced[1]) { reduced.swapAt(0, 1) }
                let mu = (dot(reduced[0], reduced[1]) / dot(reduced[0], reduced[0])).rounded()
                if mu == 0 { break }
                reduced[1] -= mu * reduced[0]
            }
        }
        // Coefficients by least squares in the metric.
        let coefficients: [Double]
        if reduced.count == 1 {
            coefficients = [dot(y, reduced[0]) / dot(reduced[0], reduced[0])]
        } else if reduced.count == 2 {
            let a = dot(reduced[0], reduced[0]), c = dot(reduced[1], reduced[1]), m = dot(reduced[0], reduced[1])
            let p = dot(y, reduced[0]), q = dot(y, reduced[1])
            let det = a * c - m * m
            guard det > 0 else { return .unknown }
            coefficients = [(p * c - q * m) / det, (q * a - p * m) / det]
        } else {
            return .unknown
        }
        var nearest = Vector3.zero
        for (i, v) in reduced.enumerated() { nearest += coefficients[i].rounded() * v }
        let residual = y - nearest
        let distance = dot(residual, residual).squareRoot()
        guard lattice != nil else { return distance < 1e-6 ? .yes : .no }
        let shortest = reduced.map { dot($0, $0).squareRoot() }.min() ?? 0
        if tolerance >= 0.2 * shortest { return .unknown }
        return distance <= tolerance ? .yes : .no
    }
}
