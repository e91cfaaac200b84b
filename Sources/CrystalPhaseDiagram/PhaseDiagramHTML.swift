import Foundation
import CrystalModel

/// A phase diagram as one self-contained HTML page: the interactive SVG, a table of the stable phases, the
/// data (the JSON of `PhaseDiagramJSON`) and a small hand-written script; no network, no external fonts.
///
/// Hovering or focusing a point shows its card (id, formula, formation energy, energy above the hull, the
/// reaction); a click, Enter or Space pins it, Escape unpins. A quaternary turns by dragging or with the arrow
/// keys. The script records a self-check in `#self-check` (points and tie lines drawn, tie lines whose ends are
/// not on their points, whether a card showed, script errors caught by `window.onerror`), which the tests
/// read from a headless browser.
public enum PhaseDiagramHTML {
    public static func write(_ diagram: PhaseDiagram, options: DrawingOptions = DrawingOptions()) -> String {
        let svg = PhaseDiagramSVG(diagram, options: options, interactive: true)
        let title = "\(svg.systemName) phase diagram"
        var page = SVGBuilder()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.raw("<meta name=\"generator\" content=\"crystaldb phase-diagram\">\n")
        page.element("title", [], text: title + " · crystaldb")
        page.raw("\n<style>\n" + PhaseDiagramPage.stylesheet + "</style>\n</head>\n<body>\n<main>\n<figure id=\"figure\">\n")
        page.raw(svg.text)
        page.raw("\n<figcaption>")
        page.raw(SVGBuilder.escape(svg.summary + ". "))
        page.raw("<span class=\"hint\">Hover over or focus a point (Tab) for its details; click it or press Enter to pin them, Escape to let go."
                 + (diagram.elements.count == 4 ? " Drag the tetrahedron (or use the arrow keys on it) to turn it." : "") + "</span>")
        page.raw("</figcaption>\n</figure>\n")
        page.raw("<aside id=\"card\" class=\"card\" hidden aria-live=\"polite\"></aside>\n")
        stableTable(&page, diagram)
        page.raw("<div id=\"self-check\" data-status=\"script did not run\" hidden></div>\n</main>\n")
        // "</" would end the script element early; "<\/" is the same JSON string.
        let data = scriptSafe(PhaseDiagramJSON.write(diagram, options: options))
        page.raw("<script id=\"diagram-data\" type=\"application/json\">\n" + data + "</script>\n")
        page.raw("<script>\n" + PhaseDiagramPage.script + "</script>\n</body>\n</html>\n")
        return page.text
    }

    /// `text` with every `</` written `<\/` (the same JSON string), so that it cannot close the script element.
    static func scriptSafe(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "/"), previous == UInt8(ascii: "<") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
            previous = byte
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The stable phases with their energies and reactions: what a printed page keeps of the cards.
    static func stableTable(_ page: inout SVGBuilder, _ diagram: PhaseDiagram) {
        page.raw("<section class=\"stable-phases\">\n<h2>Stable phases</h2>\n<table>\n<thead><tr><th>formula</th><th>id</th><th>source</th>"
                 + "<th>formation energy (eV/atom)</th><th>below the hull of the others (eV/atom)</th><th>reaction without it</th></tr></thead>\n<tbody>\n")
        let rows = diagram.vertices.sorted { a, b in
            let p = diagram.points[a], q = diagram.points[b]
            return p.formationEnergyPerAtom != q.formationEnergyPerAtom ? p.formationEnergyPerAtom < q.formationEnergyPerAtom : p.id < q.id
        }
        for i in rows {
            let point = diagram.points[i]
            let formula = FormulaMarkup(point.composition)
            page.raw("<tr><td>" + formula.parts.map { SVGBuilder.escape($0.symbol) + ($0.amount.isEmpty ? "" : "<sub>\(SVGBuilder.escape($0.amount))</sub>") }.joined() + "</td>")
            page.raw("<td>\(SVGBuilder.escape(point.id))</td><td>\(SVGBuilder.escape(point.source))</td>")
            page.raw("<td class=\"number\">" + FixedDecimal.text(point.formationEnergyPerAtom, decimals: 3) + "</td>")
            page.raw("<td class=\"number\">" + (point.energyBelowHull.map { FixedDecimal.text($0, decimals: 3) } ?? "") + "</td>")
            page.raw("<td>\(SVGBuilder.escape(diagram.reaction(i).description))</td></tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }
}
