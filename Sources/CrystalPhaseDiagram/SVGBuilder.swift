/// Accumulates SVG (or HTML) markup: elements with escaped attributes and text, numbers with fixed decimals.
struct SVGBuilder {
    private(set) var text = ""

    init() { text.reserveCapacity(1 << 16) }

    mutating func raw(_ markup: String) { text += markup }

    /// `<name a="v" ...>` (`close`: `/>`); attribute values are escaped, nil values left out.
    mutating func open(_ name: String, _ attributes: [(String, String?)], close: Bool = false) {
        text += "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            text += " " + key + "=\"" + Self.escape(value) + "\""
        }
        text += close ? "/>" : ">"
    }

    mutating func element(_ name: String, _ attributes: [(String, String?)]) { open(name, attributes, close: true) }

    mutating func element(_ name: String, _ attributes: [(String, String?)], text content: String) {
        open(name, attributes)
        text += Self.escape(content)
        text += "</" + name + ">"
    }

    mutating func close(_ name: String) { text += "</" + name + ">" }

    /// Escapes text and attribute values (`& < > " '`).
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return value }
        var out = ""
        for c in value {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with 2 decimals, trailing zeros dropped ("12.5", "3").
    static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var out = String(rounded)
        if out.utf8.contains(UInt8(ascii: "e")) { return String(Int64(rounded.rounded())) }
        while out.hasSuffix("0") { out.removeLast() }
        return out
    }
}
