import Foundation
import Testing
@testable import CrystalMatch
import CrystalModel

@Suite struct PymatgenNiggliBasisTests {
    @Test("pymatgen returns the skewed cube as (-a, -b, c)")
    func skewedCube() throws {
        let (reduced, _) = try #require(PymatgenNiggliBasis.reduce(Lattice(rows: [[4, 0, 0], [20, 4, 0], [12, 28, 4]])))
        #expect(reduced.a == Vector3(-4, 0, 0) && reduced.b == Vector3(0, -4, 0) && reduced.c == Vector3(0, 0, 4))
    }

    /// Fixtures/niggli.pymatgen.csv: 400 seeded cells of every lattice system in skewed bases, some with noise,
    /// and the reduced basis pymatgen returns for each (oracle/niggli_oracle.py).
    @Test("the same reduced basis as pymatgen, vector by vector, on 400 cells")
    func pymatgenAnswers() throws {
        let text = try String(contentsOf: MatchFixtures.fixtures.appendingPathComponent("niggli.pymatgen.csv"), encoding: .utf8)
        var compared = 0, same = 0
        var different = [String]()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("a1") {
            let x = line.split(separator: ",").compactMap { Double($0) }
            try #require(x.count == 18)
            let input = Lattice(rows: [Array(x[0..<3]), Array(x[3..<6]), Array(x[6..<9])])
            let expected = Lattice(rows: [Array(x[9..<12]), Array(x[12..<15]), Array(x[15..<18])])
            let (reduced, _) = try #require(PymatgenNiggliBasis.reduce(input))
            compared += 1
            let close = zip(reduced.rows, expected.rows).allSatisfy { ($0 - $1).length < 1e-8 }
            if close { same += 1 } else { different.append(String(line.prefix(60))) }
        }
        #expect(compared == 400)
        #expect(same == compared, "different: \(different)")
    }

    @Test("the sphere search visits points in pymatgen's order")
    func searchOrder() {
        // pymatgen: Lattice.cubic(2).get_points_in_sphere([[0, 0, 0]], [0, 0, 0], 2.9, zip_results=False)
        let expected: [SIMD3<Int>] = [
            [-1, -1, 0], [-1, 0, -1], [-1, 1, 0], [-1, 0, 1], [-1, 0, 0], [0, -1, -1], [1, -1, 0], [0, -1, 1], [0, -1, 0],
            [1, 0, -1], [0, 1, -1], [0, 0, -1], [1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 1], [0, 1, 0], [0, 0, 1], [0, 0, 0],
        ]
        let points = SphereSearchOrder.points(Lattice(rows: [[2, 0, 0], [0, 2, 0], [0, 0, 2]]), radius: 2.9)
        #expect(points.map(\.coefficients) == expected)
    }
}
