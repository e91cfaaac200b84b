import CrystalModel

/// Finds the translations that complete a rotation to a symmetry operation of a cell, with spglib's semantics (so
/// that the same operations are found at the same tolerance): candidate translations carry the first atom of the
/// rarest species onto each atom of that species; a candidate is accepted when every atom, moved, lies within the
/// tolerance (Å; the fractional difference less its nearest integers, `<=`) of a distinct atom of its species. Pure
/// translations also follow the chain x -> x + t -> x + 2t ... from atoms already found, as spglib does.
///
/// Not thread-safe (scratch buffers); one per search.
final class OperationSearch {
    let cell: SearchCell
    let tolerance: Double
    /// The first atom of the species with the fewest atoms (ties: the species seen first).
    let anchor: Int
    /// Atom indices per species (in index order), and each atom's species slot.
    let speciesMembers: [[Int]]
    let speciesOfAtom: [Int]
    /// Scratch marks of the atoms taken by the current check (a buffer owned here: no exclusivity checks).
    private let used: UnsafeMutableBufferPointer<Bool>
    /// spglib's overlap checker's test (`<=`).
    let overlap: OverlapTest
    /// spglib's `cel_is_overlap` (`<`), for the chains of pure translations.
    let strictOverlap: OverlapTest
    /// All atoms binned (point k is atom k) when the cell is large; nil: scan the species.
    let grid: FractionalGrid?

    /// Smaller cells scan their species: a grid costs more than it saves there.
    static let gridThreshold = 24

    init(cell: SearchCell, tolerance: Double) {
        self.cell = cell
        self.tolerance = tolerance
        var groups = [[Int]]()
        var keys = [Int32]()
        var groupOf = [Int](repeating: 0, count: cell.count)
        for i in 0..<cell.count {
            if let g = keys.firstIndex(of: cell.types[i]) {
                groups[g].append(i)
                groupOf[i] = g
            } else {
                keys.append(cell.types[i])
                groups.append([i])
                groupOf[i] = groups.count - 1
            }
        }
        speciesMembers = groups
        speciesOfAtom = groupOf
        var best = 0, bestCount = Int.max
        for g in groups where g.count < bestCount {
            bestCount = g.count
            best = g[0]
        }
        anchor = best
        used = UnsafeMutableBufferPointer<Bool>.allocate(capacity: cell.count)
        used.initialize(repeating: false)
        overlap = OverlapTest(lattice: cell.lattice, tolerance: tolerance, strict: false)
        strictOverlap = OverlapTest(lattice: cell.lattice, tolerance: tolerance, strict: true)
        grid = cell.count < Self.gridThreshold ? nil : FractionalGrid(cell.positions, slack: overlap.slack)
    }

    deinit { used.deallocate() }

    /// The first atom (by index) of the species, not used when `avoidUsed`, that passes `test` against `p`.
    @inline(__always)
    private func firstNear(_ p: Vector3, grid: FractionalGrid, species: Int, avoidUsed: Bool, test: OverlapTest) -> Int? {
        var best = Int.max
        grid.forEachCandidate(near: p) { j in
            if j < best, speciesOfAtom[j] == species, !(avoidUsed && used[j]), test(p, cell.positions[j]) { best = j }
        }
        return best == Int.max ? nil : best
    }

    /// The atom of the species (not yet used, when `avoidUsed`) within the tolerance of position `p`. The x component
    /// is tested first: most pairs fail there (the exact pre-test of `OverlapTest`).
    @inline(__always)
    private func image(_ p: Vector3, species: Int, avoidUsed: Bool) -> Int? {
        if let grid { return firstNear(p, grid: grid, species: species, avoidUsed: avoidUsed, test: overlap) }
        let slackX = overlap.slack.x
        for j in speciesMembers[species] {
            if avoidUsed && used[j] { continue }
            var dx = p.x - cell.positions[j].x
            dx -= nearestInteger(dx)
            if abs(dx) > slackX { continue }
            if overlap(p, cell.positions[j]) { return j }
        }
        return nil
    }

    /// Does the operation map the cell onto itself (a one-to-one correspondence of atoms of each species)?
    func isSymmetry(rotation: IntMatrix3, translation: Vector3, identity: Bool) -> Bool {
        if identity { return isSymmetry(moved: cell.positions, translation: translation) }
        let r = Matrix3(rotation)
        return isSymmetry(moved: cell.positions.map { r * $0 }, translation: translation)
    }

    /// The same with the rotated positions given (R x for every atom, computed once per rotation).
    func isSymmetry(moved: [Vector3], translation: Vector3) -> Bool {
        let n = cell.count
        // Quick rejection on a few atoms, as spglib does.
        for i in 0..<min(3, n) where image(moved[i] + translation, species: speciesOfAtom[i], avoidUsed: false) == nil { return false }
        for j in 0..<n { used[j] = false }
        for i in 0..<n {
            guard let j = image(moved[i] + translation, species: speciesOfAtom[i], avoidUsed: true) else { return false }
            used[j] = true
        }
        return true
    }

    /// The translations (each component reduced as spglib's `Dmod1`) that make `rotation` a symmetry, in the order of
    /// the atoms they carry the anchor to.
    func translations(for rotation: IntMatrix3) -> [Vector3] {
        let identity = rotation == .identity
        let r = Matrix3(rotation)
        let moved = identity ? cell.positions : cell.positions.map { r * $0 }
        let origin = moved[anchor]
        var found = [Bool](repeating: false, count: cell.count)
        for i in speciesMembers[speciesOfAtom[anchor]] where !found[i] {
            let t = cell.positions[i] - origin
            if isSymmetry(moved: moved, translation: t) {
                found[i] = true
                if identity { followChains(&found, translation: t) }
            }
        }
        var result = [Vector3]()
        for i in 0..<cell.count where found[i] {
            let t = cell.positions[i] - origin
            result.append(Vector3(reducedModuloOne(t.x), reducedModuloOne(t.y), reducedModuloOne(t.z)))
        }
        return result
    }

    /// spglib's chain search: from every atom found so far, step by the translation and mark the atom reached (the
    /// first of its species within the tolerance, strict), until the chain closes.
    private func followChains(_ found: inout [Bool], translation: Vector3) {
        let initial = found
        for start in 0..<cell.count where initial[start] {
            var current = start
            for _ in 0..<cell.count {
                let p = cell.positions[current] + translation
                var next: Int?
                let species = speciesOfAtom[current]
                if let grid {
                    next = firstNear(p, grid: grid, species: species, avoidUsed: false, test: strictOverlap)
                } else {
                    for j in speciesMembers[species] where strictOverlap(p, cell.positions[j]) {
                        next = j
                        break
                    }
                }
                guard let j = next else { break }
                found[j] = true
                current = j
                if current == start { break }
            }
        }
    }

    /// The operations of lattice rotations: for each rotation in order, its translations.
    func operations(rotations: [IntMatrix3]) -> [SpaceGroupOperation] {
        var out = [SpaceGroupOperation]()
        for rotation in rotations {
            for t in translations(for: rotation) { out.append(SpaceGroupOperation(rotation: rotation, translation: t)) }
        }
        return out
    }
}
