import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import CrystalModel
@testable import CrystalPhaseDiagram

/// The SVG, HTML and JSON outputs: well-formed, complete, self-contained, escaped.
@Suite struct RenderingTests {
    typealias H = HandMadeSystems

    /// Element names and attributes of an XML document, or nil when it is not well-formed.
    final class Collector: NSObject, XMLParserDelegate {
        var elements = [(name: String, attributes: [String: String])]()
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
    }

    static func parse(_ text: String) -> [(name: String, attributes: [String: String])]? {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() ? collector.elements : nil
    }

    static func diagrams() throws -> [PhaseDiagram] {
        [try PhaseDiagram(elements: [H.li, H.o], entries: H.liFeO),
         try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO),
         try PhaseDiagram(elements: [H.li, H.fe, H.p, H.o], entries: H.liFePO),
         try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO, hull: .reference)]
    }

    @Test("the SVG is well-formed XML with one element per drawn point and tie line, and a label per stable compound")
    func svgCounts() throws {
        for diagram in try Self.diagrams() {
            let options = DrawingOptions(maximumEnergyAboveHull: 0.06)
            let elements = try #require(Self.parse(PhaseDiagramSVG(diagram, options: options).text), "\(diagram.chemicalSystem)")
            let points = elements.filter { $0.attributes["class"]?.hasPrefix("point ") == true }
            let drawn = diagram.points.indices.filter { options.isDrawn(diagram.points[$0]) }
            #expect(points.map { Int($0.attributes["data-i"] ?? "") ?? -1 }.sorted() == drawn)
            // Li3FeO3 (0.124 or 0.024 above) is drawn only where it is within the cutoff.
            #expect(drawn.contains { diagram.points[$0].id == "mp-li3feo3" } == (diagram.elements.count > 2 && diagram.hullMode == .reference))
            let ties = elements.filter { $0.attributes["class"] == "tie-line" }
            #expect(ties.count == diagram.tieLines.count)
            #expect(Set(ties.map { [Int($0.attributes["data-a"]!)!, Int($0.attributes["data-b"]!)!] }) == Set(diagram.tieLines))
            let labels = elements.filter { $0.attributes["class"] == "label" }
            #expect(labels.count == diagram.vertices.filter { diagram.points[$0].composition.elementCount > 1 }.count + (diagram.points.contains { $0.id == "mp-li2o-copy" } ? 1 : 0))
        }
    }

    @Test("binary coordinates: the fraction on x, formation energy on y (lower is lower on the page)")
    func binaryGeometry() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.o], entries: H.liFeO)
        let svg = PhaseDiagramSVG(diagram)
        let li = try #require(svg.positions[0]), li2o = try #require(svg.positions[1]), o = try #require(svg.positions[2])
        #expect(abs(li.x - DiagramGeometry.plot.x) < 1e-9 && abs(o.x - DiagramGeometry.plot.maxX) < 1e-9)
        #expect(abs(li2o.x - (DiagramGeometry.plot.x + DiagramGeometry.plot.width / 3)) < 1e-9)
        #expect(li2o.y > li.y && abs(li.y - o.y) < 1e-9)
    }

    @Test("ternary coordinates: corners in the order given, a composition at the atom-fraction-weighted corners")
    func ternaryGeometry() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO)
        let svg = PhaseDiagramSVG(diagram)
        let t = DiagramGeometry.triangle
        let lifeo2 = try #require(svg.positions[diagram.points.firstIndex { $0.id == "mp-lifeo2" }!])
        #expect(abs(lifeo2.x - (t[0].0 / 4 + t[1].0 / 4 + t[2].0 / 2)) < 1e-9)
        #expect(abs(lifeo2.y - (t[0].1 / 4 + t[1].1 / 4 + t[2].1 / 2)) < 1e-9)
        let json = try JSONSerialization.jsonObject(with: Data(PhaseDiagramJSON.write(diagram).utf8)) as? [String: Any]
        let point = (json?["points"] as? [[String: Any]])?.first { $0["id"] as? String == "mp-lifeo2" }
        let coordinates = try #require(point?["coordinates"] as? [Double])
        #expect(abs(coordinates[0] - 0.5) < 1e-12 && abs(coordinates[1] - 3.0.squareRoot() / 4) < 1e-12)
    }

    @Test("the tetrahedron's fixed view hides exactly one edge (a quadrilateral outline) or three (a triangle with a vertex behind)")
    func tetrahedronView() {
        let hidden = PhaseDiagramSVG.hiddenEdges(DiagramGeometry.tetrahedron)
        #expect(hidden.count == 1 || hidden.count == 3)
    }

    @Test("JSON: elements, every point, stable ids, tie lines and facets as id lists that match the model")
    func json() throws {
        for diagram in try Self.diagrams() {
            let text = PhaseDiagramJSON.write(diagram)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["elements"] as? [String] == diagram.elements.map(\.symbol))
            let points = try #require(object["points"] as? [[String: Any]])
            #expect(points.map { $0["id"] as? String } == diagram.points.map(\.id))
            for (json, point) in zip(points, diagram.points) {
                // Foundation's JSON reader on Linux may round the last bit of a shortest round-trip decimal.
                #expect(abs((json["e_above_hull"] as? Double ?? .nan) - point.energyAboveHull) < 1e-14)
                #expect(abs((json["formation_energy_per_atom"] as? Double ?? .nan) - point.formationEnergyPerAtom) < 1e-14)
                #expect(json["stable"] as? Bool == point.isStable)
                #expect((json["fractions"] as? [Double])?.count == diagram.elements.count)
                #expect((json["coordinates"] as? [Double])?.count == max(1, diagram.elements.count - 1))
            }
            let ids = diagram.points.map(\.id)
            #expect(object["stable"] as? [String] == diagram.vertices.map { ids[$0] })
            #expect(object["tie_lines"] as? [[String]] == diagram.tieLines.map { $0.map { ids[$0] } })
            #expect(object["facets"] as? [[String]] == diagram.facets.map { $0.map { ids[$0] } })
        }
    }

    @Test("ids with markup characters are escaped in SVG, HTML and JSON")
    func escaping() throws {
        var entries = H.liFeO
        entries.append(H.entry("x</script><b a=\"1\">&'", [(H.li, 1), (H.o, 1)], formation: -1.0, source: "s<1>"))
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: entries)
        let options = DrawingOptions(maximumEnergyAboveHull: 1, labels: .all, highlight: "s<1>")
        #expect(Self.parse(PhaseDiagramSVG(diagram, options: options).text) != nil)
        let page = PhaseDiagramHTML.write(diagram, options: options)
        #expect(page.components(separatedBy: "</script>").count == 3)
        let json = PhaseDiagramJSON.write(diagram, options: options)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["points"] as? [[String: Any]])?.contains { $0["id"] as? String == "x</script><b a=\"1\">&'" } == true)
    }

    @Test("the page is self-contained: no scripts, styles, fonts or images from elsewhere")
    func selfContained() throws {
        let page = PhaseDiagramHTML.write(try PhaseDiagram(elements: [H.li, H.fe, H.p, H.o], entries: H.liFePO))
        for marker in ["src=", "href=", "@import", "@font-face", "http://www.w3.org/1999", "https://", "<link", "<iframe", "<img"] {
            #expect(!page.contains(marker), "\(marker)")
        }
        // The one URL is the SVG namespace, an identifier that is never fetched.
        #expect(page.components(separatedBy: "http://").count == 2 && page.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!page.contains("url(") || page.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
    }

    @Test("labels: none, stable, all")
    func labelModes() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO)
        func count(_ labels: DrawingOptions.Labels) -> Int {
            (Self.parse(PhaseDiagramSVG(diagram, options: DrawingOptions(maximumEnergyAboveHull: 1, labels: labels)).text) ?? [])
                .filter { $0.attributes["class"] == "label" }.count
        }
        #expect(count(.none) == 0)
        #expect(count(.stable) == 4)
        #expect(count(.all) == diagram.points.filter { $0.composition.elementCount > 1 }.count)
    }

    @Test("--highlight marks the source's points and adds a legend entry")
    func highlight() throws {
        let diagram = try PhaseDiagram(elements: [H.li, H.fe, H.o], entries: H.liFeO)
        let text = PhaseDiagramSVG(diagram, options: DrawingOptions(maximumEnergyAboveHull: 1, highlight: "gen")).text
        let elements = try #require(Self.parse(text))
        let marked = elements.filter { $0.attributes["class"]?.contains("highlight") == true }.compactMap { Int($0.attributes["data-i"] ?? "") }
        #expect(Set(marked.map { diagram.points[$0].id }) == ["gen-lifeo2", "gen-li5feo4"])
        #expect(text.contains(">gen (2)</text>"))
    }
}
