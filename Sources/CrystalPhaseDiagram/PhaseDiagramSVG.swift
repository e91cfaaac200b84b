import Foundation
import CrystalModel

/// A phase diagram drawn as SVG: a binary's formation energies with the hull line, a ternary's Gibbs triangle
/// or a quaternary's composition tetrahedron (fixed oblique view) with tie lines, stable phases labelled,
/// unstable points coloured by their energy above the hull (viridis, with a colour bar), a legend.
///
/// `interactive` adds what the HTML page's script needs: keyboard focus on points, tetrahedron coordinates for
/// turning, label offsets. Element classes: `point` (with `stable`, `unstable`, `below`, `highlight`),
/// `tie-line` (`data-a`, `data-b`: point indices), `label`, `leader`, `frame`, `corner`.
public struct PhaseDiagramSVG {
    public let diagram: PhaseDiagram
    public let options: DrawingOptions
    public let interactive: Bool
    let geometry: DiagramGeometry
    /// Drawn points (indices), in drawing order: unstable from far to near the hull, then stable.
    let drawn: [Int]
    let positions: [Int: (x: Double, y: Double, depth: Double)]

    static let font = "DejaVu Sans, Helvetica, Arial, sans-serif"
    static let labelSize = 12.5
    static let stableColor = "#1b1b1b"
    static let belowColor = "#d62728"
    static let highlightColor = "#f28e2b"

    public init(_ diagram: PhaseDiagram, options: DrawingOptions = DrawingOptions(), interactive: Bool = false) {
        self.diagram = diagram
        self.options = options
        self.interactive = interactive
        let shown = diagram.points.indices.filter { options.isDrawn(diagram.points[$0]) }
        var low = 0.0, high = 0.0
        for i in shown {
            low = min(low, diagram.points[i].formationEnergyPerAtom)
            high = max(high, diagram.points[i].formationEnergyPerAtom)
        }
        let pad = max(0.02, (high - low) * 0.08)
        geometry = DiagramGeometry(dimension: diagram.elements.count, energyLow: low - pad, energyHigh: high + pad)
        var positions = [Int: (x: Double, y: Double, depth: Double)]()
        for i in shown { positions[i] = geometry.position(diagram.points[i].fractions, energy: diagram.points[i].formationEnergyPerAtom) }
        self.positions = positions
        let unstable = shown.filter { !diagram.points[$0].isStable }.sorted {
            let a = diagram.points[$0].energyAboveHull, b = diagram.points[$1].energyAboveHull
            return a != b ? a > b : $0 < $1
        }
        var stable = shown.filter { diagram.points[$0].isStable }
        if diagram.elements.count == 4 { stable.sort { positions[$0]!.depth > positions[$1]!.depth } }
        drawn = unstable + stable
    }

    public var text: String {
        var svg = SVGBuilder()
        let w = DiagramGeometry.width, h = DiagramGeometry.height
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Int(w)) \(Int(h))"), ("width", "\(Int(w))"),
                         ("height", "\(Int(h))"), ("font-family", Self.font), ("role", "img"), ("aria-labelledby", "diagram-title diagram-desc"),
                         ("class", "phase-diagram"), ("data-dimension", "\(diagram.elements.count)")] + viewAttributes)
        svg.element("title", [("id", "diagram-title")], text: "\(systemName) phase diagram")
        svg.element("desc", [("id", "diagram-desc")], text: summary)
        svg.element("rect", [("width", "\(Int(w))"), ("height", "\(Int(h))"), ("fill", "#ffffff")])
        svg.element("text", [("x", "24"), ("y", "32"), ("font-size", "20"), ("font-weight", "bold"), ("fill", "#111")], text: "\(systemName) phase diagram")
        svg.element("text", [("x", "24"), ("y", "52"), ("font-size", "12.5"), ("fill", "#555")], text: summary)
        var placer = LabelPlacer(bounds: LabelPlacer.Box(x: 8, y: 62, width: 700, height: h - 70))
        drawFrame(&svg, &placer)
        drawTieLines(&svg, &placer)
        drawPoints(&svg, &placer)
        drawLabels(&svg, &placer)
        drawColorBar(&svg)
        drawLegend(&svg)
        svg.close("svg")
        return svg.text
    }

    /// The fixed view of a quaternary, for the page's script.
    var viewAttributes: [(String, String?)] {
        guard interactive, diagram.elements.count == 4 else { return [] }
        return [("data-yaw", SVGBuilder.number(DiagramGeometry.yaw, decimals: 6)), ("data-pitch", SVGBuilder.number(DiagramGeometry.pitch, decimals: 6)),
                ("data-scale", SVGBuilder.number(DiagramGeometry.tetrahedronScale)), ("data-cx", SVGBuilder.number(DiagramGeometry.tetrahedronCentre.0)),
                ("data-cy", SVGBuilder.number(DiagramGeometry.tetrahedronCentre.1))]
    }

    var systemName: String { diagram.elements.map(\.symbol).joined(separator: "–") }

    var summary: String {
        let points = diagram.points
        let stable = diagram.vertices.count
        let shownUnstable = drawn.filter { !points[$0].isStable }.count
        let cutoff = String(format: "%g", options.maximumEnergyAboveHull)
        switch diagram.hullMode {
        case .combined:
            return "hull of all \(points.count) entries; \(stable) stable phases; \(shownUnstable) unstable within \(cutoff) eV/atom shown"
        case .reference:
            let references = points.filter(\.isReference).count
            let below = points.filter { !$0.isReference && $0.energyAboveHull < 0 }.count
            return "hull of \(references) reference entries; \(stable) stable; \(points.count - references) others placed on it, \(below) below it; "
                + "\(shownUnstable) within \(cutoff) eV/atom shown"
        }
    }

    // MARK: - Tie lines and points

    func drawTieLines(_ svg: inout SVGBuilder, _ placer: inout LabelPlacer) {
        svg.open("g", [("class", "tie-lines"), ("stroke", diagram.elements.count == 2 ? "#222" : "#4d4d4d"),
                       ("stroke-width", diagram.elements.count == 2 ? "1.8" : "1.1"), ("stroke-linecap", "round")])
        for line in diagram.tieLines {
            guard let a = positions[line[0]], let b = positions[line[1]] else { continue }
            placer.segments.append(((a.x, a.y), (b.x, b.y)))
            var attributes: [(String, String?)] = [("class", "tie-line"), ("data-a", "\(line[0])"), ("data-b", "\(line[1])"),
                                                   ("x1", SVGBuilder.number(a.x)), ("y1", SVGBuilder.number(a.y)),
                                                   ("x2", SVGBuilder.number(b.x)), ("y2", SVGBuilder.number(b.y))]
            if diagram.elements.count == 4 { attributes.append(("stroke-opacity", "0.55")) }
            svg.element("line", attributes)
        }
        svg.close("g")
    }

    func radius(_ point: PhaseDiagram.Point) -> Double { point.isStable ? 5.2 : 3.6 }

    func fill(_ point: PhaseDiagram.Point) -> String {
        if point.isStable { return options.highlight == point.source ? Self.highlightColor : Self.stableColor }
        if point.energyAboveHull < 0 { return Self.belowColor }
        let cutoff = options.maximumEnergyAboveHull
        return ColorScale.color(cutoff > 0 ? point.energyAboveHull / cutoff : 0)
    }

    func drawPoints(_ svg: inout SVGBuilder, _ placer: inout LabelPlacer) {
        svg.open("g", [("class", "points")])
        for i in drawn {
            let point = diagram.points[i]
            guard let p = positions[i] else { continue }
            let highlighted = options.highlight != nil && point.source == options.highlight
            let r = radius(point) + (highlighted ? 1 : 0)
            placer.obstacles.append(LabelPlacer.Box(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r))
            let kind = point.isStable ? "stable" : point.energyAboveHull < 0 ? "below" : "unstable"
            let name = FormulaMarkup(point.composition).plain
            var attributes: [(String, String?)] = [
                ("class", "point \(kind)" + (highlighted ? " highlight" : "")), ("data-i", "\(i)"),
                ("cx", SVGBuilder.number(p.x)), ("cy", SVGBuilder.number(p.y)), ("r", SVGBuilder.number(r, decimals: 1)),
                ("fill", fill(point)),
                ("stroke", highlighted ? Self.highlightColor : point.isStable ? "#ffffff" : "#333333"),
                ("stroke-width", highlighted ? "2.4" : point.isStable ? "1.4" : "0.6"),
            ]
            if interactive {
                attributes += [("tabindex", "0"), ("role", "button"),
                               ("aria-label", "\(name), \(point.id): " + (point.isStable ? "stable" : FixedDecimal.text(point.energyAboveHull, decimals: 3, plus: true) + " eV/atom from the hull"))]
                if diagram.elements.count == 4 { attributes.append(("data-p", tetrahedronCoordinates(point.fractions))) }
            }
            svg.open("circle", attributes)
            if !interactive {
                svg.element("title", [], text: "\(name) (\(point.id)) " + (point.isStable ? "stable" : FixedDecimal.text(point.energyAboveHull, decimals: 3, plus: true) + " eV/atom"))
            }
            svg.close("circle")
        }
        svg.close("g")
    }

    /// Where a composition sits in the unit tetrahedron (for the page's rotation).
    func tetrahedronCoordinates(_ fractions: [Double]) -> String {
        var p = [0.0, 0.0, 0.0]
        for (f, corner) in zip(fractions, DiagramGeometry.tetrahedron) { for i in 0..<3 { p[i] += f * corner[i] } }
        return p.map { SVGBuilder.number($0, decimals: 5) }.joined(separator: ",")
    }

    // MARK: - Labels

    func drawLabels(_ svg: inout SVGBuilder, _ placer: inout LabelPlacer) {
        guard options.labels != .none else { return }
        var labelled = drawn.filter { i in
            let point = diagram.points[i]
            guard point.composition.elementCount > 1 else { return false }
            return options.labels == .all || point.isStable
        }
        // Stable phases first, then the rest by closeness to the hull; crowded spots last get the leftovers.
        labelled.sort { a, b in
            let p = diagram.points[a], q = diagram.points[b]
            if p.isStable != q.isStable { return p.isStable }
            return p.energyAboveHull != q.energyAboveHull ? p.energyAboveHull < q.energyAboveHull : a < b
        }
        let centre = frameCentre
        svg.open("g", [("class", "labels"), ("font-size", SVGBuilder.number(Self.labelSize)), ("fill", "#111")])
        for i in labelled {
            guard let p = positions[i] else { continue }
            let point = diagram.points[i]
            let formula = FormulaMarkup(point.composition)
            let width = formula.width(size: Self.labelSize) + 2, height = Self.labelSize * 1.25
            var preferred = (p.x - centre.0, p.y - centre.1)
            let length = (preferred.0 * preferred.0 + preferred.1 * preferred.1).squareRoot()
            preferred = length > 1 ? (preferred.0 / length, preferred.1 / length) : (0, 0)
            if diagram.elements.count == 2 { preferred = (0, 1) }
            let spot = placer.place(x: p.x, y: p.y, radius: radius(point) + 1, width: width, height: height, preferred: preferred)
            if spot.leader {
                let bx = min(max(p.x, spot.box.x), spot.box.maxX), by = min(max(p.y, spot.box.y), spot.box.maxY)
                svg.element("line", [("class", "leader"), ("data-i", "\(i)"), ("x1", SVGBuilder.number(p.x)), ("y1", SVGBuilder.number(p.y)),
                                     ("x2", SVGBuilder.number(bx)), ("y2", SVGBuilder.number(by)), ("stroke", "#888"), ("stroke-width", "0.7")])
            }
            svg.raw("<text class=\"label\" data-i=\"\(i)\" x=\"\(SVGBuilder.number(spot.textX + 1))\" y=\"\(SVGBuilder.number(spot.textY))\""
                    + (interactive ? " data-dx=\"\(SVGBuilder.number(spot.textX + 1 - p.x))\" data-dy=\"\(SVGBuilder.number(spot.textY - p.y))\"" : "")
                    + ">" + formula.tspans(size: Self.labelSize) + "</text>")
        }
        svg.close("g")
    }

    /// The middle of the drawing (labels prefer to point away from it).
    var frameCentre: (Double, Double) {
        switch diagram.elements.count {
        case 3:
            let t = DiagramGeometry.triangle
            return ((t[0].0 + t[1].0 + t[2].0) / 3, (t[0].1 + t[1].1 + t[2].1) / 3)
        case 4: return DiagramGeometry.tetrahedronCentre
        default: return (DiagramGeometry.plot.x + DiagramGeometry.plot.width / 2, DiagramGeometry.plot.y)
        }
    }

    // MARK: - Colour bar and legend

    func drawColorBar(_ svg: inout SVGBuilder) {
        let cutoff = options.maximumEnergyAboveHull
        guard cutoff > 0, drawn.contains(where: { !diagram.points[$0].isStable && diagram.points[$0].energyAboveHull >= 0 }) else { return }
        let x = 740.0, y = 120.0, width = 16.0, height = 260.0
        svg.open("defs", [])
        svg.open("linearGradient", [("id", "e-above-hull-scale"), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
        for (n, _) in ColorScale.stops.enumerated() {
            let t = Double(n) / Double(ColorScale.stops.count - 1)
            svg.element("stop", [("offset", SVGBuilder.number(t, decimals: 3)), ("stop-color", ColorScale.color(t))])
        }
        svg.close("linearGradient")
        svg.close("defs")
        svg.open("g", [("class", "color-bar"), ("font-size", "11"), ("fill", "#222")])
        svg.element("text", [("x", SVGBuilder.number(x - 4)), ("y", SVGBuilder.number(y - 30)), ("font-size", "12")], text: "E above hull")
        svg.element("text", [("x", SVGBuilder.number(x - 4)), ("y", SVGBuilder.number(y - 15)), ("font-size", "12")], text: "(eV/atom)")
        svg.element("rect", [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)), ("width", SVGBuilder.number(width)), ("height", SVGBuilder.number(height)),
                             ("fill", "url(#e-above-hull-scale)"), ("stroke", "#444"), ("stroke-width", "0.8")])
        let ticks = NiceTicks(low: 0, high: cutoff, count: 5)
        for value in ticks.values {
            let ty = y + height - value / cutoff * height
            svg.element("line", [("x1", SVGBuilder.number(x + width)), ("x2", SVGBuilder.number(x + width + 5)), ("y1", SVGBuilder.number(ty)),
                                 ("y2", SVGBuilder.number(ty)), ("stroke", "#444")])
            svg.element("text", [("x", SVGBuilder.number(x + width + 8)), ("y", SVGBuilder.number(ty + 4))], text: ticks.label(value))
        }
        svg.close("g")
    }

    func drawLegend(_ svg: inout SVGBuilder) {
        let points = drawn.map { diagram.points[$0] }
        var items: [(kind: String, fill: String, stroke: String, label: String)] = [
            ("stable", Self.stableColor, "#ffffff", "stable entries (\(points.filter(\.isStable).count))"),
        ]
        let unstable = points.filter { !$0.isStable && $0.energyAboveHull >= 0 }.count
        if unstable > 0 { items.append(("unstable", ColorScale.color(0.35), "#333333", "above the hull (\(unstable))")) }
        let below = points.filter { !$0.isStable && $0.energyAboveHull < 0 }.count
        if below > 0 { items.append(("below", Self.belowColor, "#333333", "below the hull (\(below))")) }
        if let source = options.highlight {
            let count = points.filter { $0.source == source }.count
            items.append(("highlight", "#ffffff", Self.highlightColor, "\(source) (\(count))"))
        }
        svg.open("g", [("class", "legend"), ("font-size", "12"), ("fill", "#222")])
        var y = 430.0
        for item in items {
            svg.element("circle", [("cx", "746"), ("cy", SVGBuilder.number(y - 4)), ("r", item.kind == "stable" ? "5.2" : "4"), ("fill", item.fill),
                                   ("stroke", item.stroke), ("stroke-width", item.kind == "highlight" ? "2.4" : "1")])
            svg.element("text", [("x", "758"), ("y", SVGBuilder.number(y))], text: item.label)
            y += 20
        }
        svg.close("g")
    }
}
