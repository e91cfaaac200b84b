extension StabilityEngine {
    /// The hull of `entries[members]` alone (their results as `compute` gives them, every other entry's left
    /// empty) and every other entry placed against it (nil for members and where the members lack an element).
    /// `--hull reference` of `crystaldb phase-diagram`: the reference set's hull with the candidates on it.
    public func place(_ entries: [HullEntry], againstHullOf members: [Int]) -> (results: [StabilityResult], placements: [HullPlacement?]) {
        var results = [StabilityResult](repeating: StabilityResult(), count: entries.count)
        var placements = [HullPlacement?](repeating: nil, count: entries.count)
        let space = HullSpace(entries: entries, members: members)
        space.solve { index, hull in
            results[index] = Self.result(hull)
            results[index].isReferenceHullVertex = hull.isVertex
        }
        var isMember = [Bool](repeating: false, count: entries.count)
        for index in members { isMember[index] = true }
        space.place(entries.indices.filter { !isMember[$0] }) { index, placement in placements[index] = placement }
        return (results, placements)
    }
}
