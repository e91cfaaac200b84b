import Foundation

/// Where compositions land on the canvas: the energy axis of a binary, the Gibbs triangle of a ternary, the
/// composition tetrahedron of a quaternary seen from a fixed oblique direction (the page can turn it).
struct DiagramGeometry {
    static let width = 900.0
    static let height = 640.0
    /// Plot area of a binary (px).
    static let plot = LabelPlacer.Box(x: 100, y: 80, width: 560, height: 460)
    /// Gibbs triangle corners: first element bottom left, second bottom right, third top.
    static let triangle = [(80.0, 580.0), (640.0, 580.0), (360.0, 580 - 560 * 3.0.squareRoot() / 2)]
    /// The regular tetrahedron with unit edges: first three elements on the base, the fourth at the apex.
    static let tetrahedron: [[Double]] = [[0, 0, 0], [1, 0, 0], [0.5, 3.0.squareRoot() / 2, 0],
                                          [0.5, 3.0.squareRoot() / 6, (2.0 / 3).squareRoot()]]
    /// The fixed view of the tetrahedron: turned about the vertical by `yaw`, tilted towards the viewer by
    /// `pitch` (radians); px per unit edge, and the canvas point of the centroid. The page's script projects
    /// with the same formula (`project`).
    /// Looking almost along the line through the midpoints of two opposite edges, so the tetrahedron shows as
    /// a quadrilateral with one diagonal edge in front and one behind: the view that spreads compositions most.
    static let yaw = Double.pi - 0.3
    static let pitch = 0.55
    static let tetrahedronScale = 470.0
    static let tetrahedronCentre = (360.0, 345.0)

    let dimension: Int
    /// Binary energy axis (eV/atom): bottom and top of the plot.
    let energyLow: Double
    let energyHigh: Double

    init(dimension: Int, energyLow: Double = -1, energyHigh: Double = 0) {
        self.dimension = dimension
        self.energyLow = energyLow
        self.energyHigh = energyHigh
    }

    /// Canvas position of a composition (atom fractions in diagram order) with formation energy `energy`, and
    /// its depth for a quaternary (larger is farther).
    func position(_ fractions: [Double], energy: Double) -> (x: Double, y: Double, depth: Double) {
        switch dimension {
        case 2:
            let p = Self.plot
            let t = energyHigh > energyLow ? (energyHigh - energy) / (energyHigh - energyLow) : 0.5
            return (p.x + fractions[1] * p.width, p.y + t * p.height, 0)
        case 3:
            var x = 0.0, y = 0.0
            for (f, corner) in zip(fractions, Self.triangle) {
                x += f * corner.0
                y += f * corner.1
            }
            return (x, y, 0)
        default:
            var p = [0.0, 0.0, 0.0]
            for (f, corner) in zip(fractions, Self.tetrahedron) { for i in 0..<3 { p[i] += f * corner[i] } }
            return Self.project(p)
        }
    }

    /// A point of the tetrahedron's space on the canvas (orthographic, the fixed view).
    static func project(_ p: [Double]) -> (x: Double, y: Double, depth: Double) {
        let c = [0.5, 3.0.squareRoot() / 6, (2.0 / 3).squareRoot() / 4]
        let x = p[0] - c[0], y = p[1] - c[1], z = p[2] - c[2]
        let x1 = x * cos(yaw) - y * sin(yaw), y1 = x * sin(yaw) + y * cos(yaw)
        let y2 = y1 * cos(pitch) - z * sin(pitch), z2 = y1 * sin(pitch) + z * cos(pitch)
        return (tetrahedronCentre.0 + tetrahedronScale * x1, tetrahedronCentre.1 - tetrahedronScale * z2, y2)
    }
}
