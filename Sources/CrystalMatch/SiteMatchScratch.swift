import CrystalModel

/// Buffers for the site stage of one comparison, allocated once for all its candidate lattices and
/// translations. Used by one thread at a time.
final class SiteMatchScratch {
    let firstLLL, secondLLL, firstCartesian, secondCartesian, chosen: UnsafeMutablePointer<Vector3>
    let images: UnsafeMutablePointer<Vector3>
    let cost: UnsafeMutablePointer<Double>
    let vectors: UnsafeMutablePointer<Vector3>
    let feasibleColumn: UnsafeMutablePointer<Bool>
    let assignment: UnsafeMutablePointer<Int>
    let assignmentWorkspace: LinearAssignment.Workspace

    /// `sites` per side; `largestBlock` sites of one species at most.
    init(sites: Int, largestBlock: Int) {
        func vectors3(_ count: Int) -> UnsafeMutablePointer<Vector3> {
            let p = UnsafeMutablePointer<Vector3>.allocate(capacity: max(count, 1))
            p.initialize(repeating: .zero, count: max(count, 1))
            return p
        }
        firstLLL = vectors3(sites)
        secondLLL = vectors3(sites)
        firstCartesian = vectors3(sites)
        secondCartesian = vectors3(sites)
        chosen = vectors3(sites)
        images = vectors3(27)
        vectors = vectors3(largestBlock * largestBlock)
        cost = .allocate(capacity: max(largestBlock * largestBlock, 1))
        cost.initialize(repeating: 0, count: max(largestBlock * largestBlock, 1))
        feasibleColumn = .allocate(capacity: max(largestBlock, 1))
        feasibleColumn.initialize(repeating: false, count: max(largestBlock, 1))
        assignment = .allocate(capacity: max(largestBlock, 1))
        assignment.initialize(repeating: 0, count: max(largestBlock, 1))
        assignmentWorkspace = LinearAssignment.Workspace(size: largestBlock)
    }

    deinit {
        for p in [firstLLL, secondLLL, firstCartesian, secondCartesian, chosen, images, vectors] { p.deallocate() }
        cost.deallocate()
        feasibleColumn.deallocate()
        assignment.deallocate()
    }
}
