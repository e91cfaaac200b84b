import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct PeriodicGridTests {
    @Test("neighbour queries answer as a scan of every position, across the periodic boundary too")
    func againstScan() {
        var rng = SplitMix64(seed: 21)
        for tolerance in [Vector3(0.05, 0.08, 0.2), Vector3(0.3, 0.3, 0.3), Vector3(0.01, 0.5, 0.02)] {
            let points = (0..<300).map { _ in Vector3(rng.uniform(-1, 2), rng.uniform(0, 1), rng.uniform(0, 1)) }
            let grid = PeriodicGrid(points, tolerance: tolerance)
            var hits = 0
            for _ in 0..<2000 {
                let q = Vector3(rng.uniform(-2, 3), rng.uniform(0, 1), rng.uniform(0, 1))
                let scan = points.contains { p in
                    let r = (q - p).periodicOffset.magnitudes
                    return r.x < tolerance.x && r.y < tolerance.y && r.z < tolerance.z
                }
                if scan { hits += 1 }
                #expect(grid.containsNeighbour(of: q) == scan)
            }
            #expect(hits > 50)
        }
        // A position just across the cell boundary is found.
        let grid = PeriodicGrid([Vector3(0.999, 0.5, 0.5)], tolerance: Vector3(0.01, 0.01, 0.01))
        #expect(grid.containsNeighbour(of: Vector3(0.004, 0.5, 0.5)))
        #expect(!grid.containsNeighbour(of: Vector3(0.012, 0.5, 0.5)))
    }
}
