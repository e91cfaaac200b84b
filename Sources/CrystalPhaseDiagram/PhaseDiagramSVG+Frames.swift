import Foundation

extension PhaseDiagramSVG {
    /// The axes of a binary, the triangle of a ternary, the tetrahedron of a quaternary, with the elements named.
    func drawFrame(_ svg: inout SVGBuilder, _ placer: inout LabelPlacer) {
        switch diagram.elements.count {
        case 2: drawAxes(&svg, &placer)
        case 3: drawTriangle(&svg, &placer)
        default: drawTetrahedron(&svg, &placer)
        }
    }

    func drawAxes(_ svg: inout SVGBuilder, _ placer: inout LabelPlacer) {
        let plot = DiagramGeometry.plot
        let energy = NiceTicks(low: geometry.energyLow, high: geometry.energyHigh, count: 7)
        svg.open("g", [("class", "frame axes"), ("font-size", "12"), ("fill", "#222")])
        for value in energy.values {
            let y = geometry.position([1, 0], energy: value).y
            svg.element("line", [("x1", SVGBuilder.number(plot.x)), ("x2", SVGBuilder.number(plot.maxX)), ("y1", SVGBuilder.number(y)), ("y2", SVGBuilder.number(y)),
                                 ("stroke", value == 0 ? "#999" : "#e6e6e6"), ("stroke-width", value == 0 ? "1" : "0.8")])
            svg.element("line", [("x1", SVGBuilder.number(plot.x - 5)), ("x2", SVGBuilder.number(plot.x)), ("y1", SVGBuilder.number(y)), ("y2", SVGBuilder.number(y)),
                                 ("stroke", "#222")])
            svg.element("text", [("x", SVGBuilder.number(plot.x - 8)), ("y", SVGBuilder.number(y + 4)), ("text-anchor", "end")], text: energy.label(value))
        }
        for step in 0...5 {
            let f = Double(step) / 5
            let x = plot.x + f * plot.width
            svg.element("line", [("x1", SVGBuilder.number(x)), ("x2", SVGBuilder.number(x)), ("y1", SVGBuilder.number(plot.maxY)),
                                 ("y2", SVGBuilder.number(plot.maxY + 5)), ("stroke", "#222")])
            svg.element("text", [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(plot.maxY + 19)), ("text-anchor", "middle")], text: String(format: "%.1f", f))
        }
        svg.element("rect", [("x", SVGBuilder.number(plot.x)), ("y", SVGBuilder.number(plot.y)), ("width", SVGBuilder.number(plot.width)),
                             ("height", SVGBuilder.number(plot.height)), ("fill", "none"), ("stroke", "#222"), ("stroke-width", "1.2")])
        let (a, b) = (diagram.elements[0].symbol, diagram.elements[1].symbol)
        svg.element("text", [("class", "corner"), ("x", SVGBuilder.number(plot.x)), ("y", SVGBuilder.number(plot.maxY + 40)), ("text-anchor", "middle"),
                             ("font-size", "17"), ("font-weight", "bold")], text: a)
        svg.element("text", [("class", "corner"), ("x", SVGBuilder.number(plot.maxX)), ("y", SVGBuilder.number(plot.maxY + 40)), ("text-anchor", "middle"),
                             ("font-size", "17"), ("font-weight", "bold")], text: b)
        svg.element("text", [("x", SVGBuilder.number(plot.x + plot.width / 2)), ("y", SVGBuilder.number(plot.maxY + 42)), ("text-anchor", "middle"),
                             ("font-size", "13")], text: "atom fraction of \(b) in \(a)–\(b)")
        let middle = plot.y + plot.height / 2
        svg.element("text", [("x", "0"), ("y", "0"), ("text-anchor", "middle"), ("font-size", "13"),
                             ("transform", "translate(\(SVGBuilder.number(plot.x - 58)),\(SVGBuilder.number(middle))) rotate(-90)")],
                    text: "formation energy (eV/atom)")
        svg.close("g")
        // Labels stay inside the plot.
        placer = LabelPlacer(bounds: LabelPlacer.Box(x: plot.x + 2, y: plot.y + 2, width: plot.width - 4, height: plot.height - 4))
    }

    func drawTriangle(_ svg: inout SVGBuilder, _ placer: inout LabelPlacer) {
        let t = DiagramGeometry.triangle
        svg.open("g", [("class", "frame triangle")])
        svg.element("polygon", [("points", t.map { "\(SVGBuilder.number($0.0)),\(SVGBuilder.number($0.1))" }.joined(separator: " ")),
                                ("fill", "#fcfcfc"), ("stroke", "#111"), ("stroke-width", "1.6"), ("stroke-linejoin", "round")])
        // Element names outside the corners.
        let offsets = [(-14.0, 22.0, "end"), (14.0, 22.0, "start"), (0.0, -12.0, "middle")]
        for (i, corner) in t.enumerated() {
            let (dx, dy, anchor) = offsets[i]
            let symbol = diagram.elements[i].symbol
            svg.element("text", [("class", "corner"), ("x", SVGBuilder.number(corner.0 + dx)), ("y", SVGBuilder.number(corner.1 + dy)),
                                 ("text-anchor", anchor), ("font-size", "19"), ("font-weight", "bold"), ("fill", "#111")], text: symbol)
            let width = FormulaMarkup.textWidth(symbol, size: 19)
            let x = anchor == "end" ? corner.0 + dx - width : anchor == "start" ? corner.0 + dx : corner.0 - width / 2
            placer.obstacles.append(LabelPlacer.Box(x: x, y: corner.1 + dy - 16, width: width, height: 20))
        }
        svg.close("g")
        for i in 0..<3 { placer.segments.append((t[i], t[(i + 1) % 3])) }
    }

    func drawTetrahedron(_ svg: inout SVGBuilder, _ placer: inout LabelPlacer) {
        let corners = DiagramGeometry.tetrahedron.map(DiagramGeometry.project)
        let hidden = Self.hiddenEdges(DiagramGeometry.tetrahedron)
        svg.open("g", [("class", "frame tetrahedron"), ("fill", "none")])
        for a in 0..<4 {
            for b in (a + 1)..<4 {
                let back = hidden.contains([a, b])
                svg.element("line", [("class", "edge"), ("data-a", "\(a)"), ("data-b", "\(b)"), ("x1", SVGBuilder.number(corners[a].x)),
                                     ("y1", SVGBuilder.number(corners[a].y)), ("x2", SVGBuilder.number(corners[b].x)), ("y2", SVGBuilder.number(corners[b].y)),
                                     ("stroke", back ? "#9a9a9a" : "#111"), ("stroke-width", back ? "1" : "1.6"),
                                     ("stroke-dasharray", back ? "5 4" : nil)])
                placer.segments.append(((corners[a].x, corners[a].y), (corners[b].x, corners[b].y)))
            }
        }
        svg.close("g")
        let centre = DiagramGeometry.tetrahedronCentre
        svg.open("g", [("class", "corners"), ("font-size", "19"), ("font-weight", "bold"), ("fill", "#111")])
        for (i, corner) in corners.enumerated() {
            // Outward from the centre of the drawing.
            var dx = corner.x - centre.0, dy = corner.y - centre.1
            let length = max(1, (dx * dx + dy * dy).squareRoot())
            dx /= length
            dy /= length
            let symbol = diagram.elements[i].symbol
            let x = corner.x + dx * 20, y = corner.y + dy * 20 + 7
            svg.element("text", [("class", "corner"), ("data-corner", "\(i)"), ("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)),
                                 ("text-anchor", "middle")], text: symbol)
            let width = FormulaMarkup.textWidth(symbol, size: 19)
            placer.obstacles.append(LabelPlacer.Box(x: x - width / 2, y: y - 16, width: width, height: 20))
        }
        svg.close("g")
    }

    /// Edges of the tetrahedron hidden in the fixed view: both faces beside them turn away from the viewer.
    static func hiddenEdges(_ vertices: [[Double]]) -> Set<[Int]> {
        let projected = vertices.map(DiagramGeometry.project)
        var facing = [Set<Int>: Bool]()
        for opposite in 0..<4 {
            let face = (0..<4).filter { $0 != opposite }
            // Outward normal in screen space (x right, y down, depth away): the face turns away when the
            // normal's depth component is positive.
            let p = face.map { projected[$0] }, o = projected[opposite]
            let u = (p[1].x - p[0].x, p[1].y - p[0].y, p[1].depth - p[0].depth)
            let v = (p[2].x - p[0].x, p[2].y - p[0].y, p[2].depth - p[0].depth)
            var n = (u.1 * v.2 - u.2 * v.1, u.2 * v.0 - u.0 * v.2, u.0 * v.1 - u.1 * v.0)
            let toOpposite = (o.x - p[0].x, o.y - p[0].y, o.depth - p[0].depth)
            if n.0 * toOpposite.0 + n.1 * toOpposite.1 + n.2 * toOpposite.2 > 0 { n = (-n.0, -n.1, -n.2) }
            facing[Set(face)] = n.2 < 0
        }
        var hidden = Set<[Int]>()
        for a in 0..<4 {
            for b in (a + 1)..<4 {
                let faces = facing.filter { $0.key.contains(a) && $0.key.contains(b) }
                if faces.allSatisfy({ !$0.value }) { hidden.insert([a, b]) }
            }
        }
        return hidden
    }
}
