import CrystalModel

/// A reduced formula drawn as SVG text with subscripts (`Zn3P2` as Zn, subscript 3, P, subscript 2), elements
/// in electronegativity order as chemists write them.
struct FormulaMarkup {
    let parts: [(symbol: String, amount: String)]

    /// Subscripts: this fraction of the font size, shifted down by `shift` of it.
    static let subscriptScale = 0.72
    static let shift = 0.3

    init(_ composition: Composition) {
        parts = composition.electronegativityOrderedFormulaParts.map { ($0.element.symbol, $0.amount) }
    }

    var plain: String { parts.map { $0.symbol + $0.amount }.joined() }

    /// The `<tspan>`s for a `<text>` element of font size `size` (px); dy is absolute, so it works in every
    /// renderer (baseline-shift is not supported everywhere).
    func tspans(size: Double) -> String {
        var out = ""
        var lowered = false
        let dy = SVGBuilder.number(size * Self.shift)
        let small = SVGBuilder.number(size * Self.subscriptScale)
        for (symbol, amount) in parts {
            out += lowered ? "<tspan dy=\"-\(dy)\">\(symbol)</tspan>" : symbol
            lowered = false
            if !amount.isEmpty {
                out += "<tspan dy=\"\(dy)\" font-size=\"\(small)\">\(amount)</tspan>"
                lowered = true
            }
        }
        return out
    }

    /// Estimated advance width (px) at font size `size` in DejaVu Sans / Helvetica metrics.
    func width(size: Double) -> Double {
        var em = 0.0
        for (symbol, amount) in parts {
            for c in symbol { em += c.isUppercase ? 0.70 : 0.56 }
            em += Double(amount.count) * 0.64 * Self.subscriptScale
        }
        return em * size
    }

    /// Estimated width of plain text (labels, ticks) at font size `size`.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for c in text { em += c.isUppercase ? 0.68 : c.isNumber ? 0.64 : c == " " || c == "." || c == "," ? 0.32 : 0.56 }
        return em * size
    }
}
