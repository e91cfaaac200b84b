import Foundation

/// Places text labels next to points without covering each other, the points or the lines: greedy, in the
/// order labels are asked for, each at the best of 24 candidate spots (8 directions x 3 distances) by a score
/// that charges overlap with placed labels and obstacles most, crossing lines less, distance and an unwanted
/// direction least (the point-feature labelling of Christensen, Marks and Shieber, ACM TOG 14, 203 (1995),
/// greedy variant).
struct LabelPlacer {
    struct Box {
        var x: Double, y: Double, width: Double, height: Double
        var maxX: Double { x + width }
        var maxY: Double { y + height }

        func overlap(_ other: Box) -> Double {
            let w = min(maxX, other.maxX) - max(x, other.x), h = min(maxY, other.maxY) - max(y, other.y)
            return w > 0 && h > 0 ? w * h : 0
        }

        func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }

        /// Whether the segment crosses this box (Liang-Barsky clipping).
        func crosses(_ a: (Double, Double), _ b: (Double, Double)) -> Bool {
            var t0 = 0.0, t1 = 1.0
            let dx = b.0 - a.0, dy = b.1 - a.1
            for (p, q) in [(-dx, a.0 - x), (dx, maxX - a.0), (-dy, a.1 - y), (dy, maxY - a.1)] {
                if p == 0 {
                    if q < 0 { return false }
                } else {
                    let r = q / p
                    if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                    if t0 > t1 { return false }
                }
            }
            return true
        }
    }

    /// Where a label went: its box, the text anchor point (baseline-left corner) and whether it sits away from
    /// its point (then a leader line joins them).
    struct Placement {
        var box: Box
        var textX: Double
        var textY: Double
        var leader: Bool
    }

    let bounds: Box
    var obstacles: [Box] = []
    var segments: [((Double, Double), (Double, Double))] = []
    private(set) var placed: [Box] = []

    init(bounds: Box) { self.bounds = bounds }

    /// The best spot for a `width` x `height` label of the point at (px, py) with radius `radius`; `preferred`
    /// is a unit direction the label should rather take (e.g. away from the diagram's centre), or (0, 0).
    mutating func place(x px: Double, y py: Double, radius: Double, width: Double, height: Double,
                        preferred: (Double, Double) = (0, 0)) -> Placement {
        var best: Placement?
        var bestScore = Double.infinity
        for (step, distance) in [radius + 2, radius + 12, radius + 24].enumerated() {
            for k in 0..<8 {
                let angle = Double(k) * .pi / 4
                let ux = cos(angle), uy = sin(angle)
                // The box touches the circle of `distance` at the direction's side.
                let cx = px + ux * (distance + width / 2 * abs(ux)), cy = py + uy * (distance + height / 2 * abs(uy))
                let box = Box(x: cx - width / 2, y: cy - height / 2, width: width, height: height)
                var score = Double(step) * 40 + distance * 0.5 - 12 * (ux * preferred.0 + uy * preferred.1)
                if box.x < bounds.x || box.y < bounds.y || box.maxX > bounds.maxX || box.maxY > bounds.maxY { score += 1e6 }
                for other in placed { score += 40 * other.overlap(box) }
                for other in obstacles { score += 30 * other.overlap(box) }
                for (a, b) in segments where box.crosses(a, b) { score += 25 }
                if score < bestScore {
                    bestScore = score
                    // Text baseline sits at 78% of the box height (cap height of the font).
                    best = Placement(box: box, textX: box.x, textY: box.y + height * 0.78, leader: step > 0)
                }
            }
        }
        let chosen = best ?? Placement(box: Box(x: px, y: py, width: width, height: height), textX: px, textY: py, leader: false)
        placed.append(chosen.box)
        return chosen
    }
}
