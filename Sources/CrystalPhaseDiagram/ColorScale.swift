/// Viridis (van der Walt and Smith, matplotlib 2.0; perceptually uniform, readable in grey and by colour-blind
/// readers): energy above the hull from 0 (dark purple: close to the hull, the interesting candidates) to the
/// cutoff (yellow).
enum ColorScale {
    /// Nine evenly spaced samples of viridis, sRGB.
    static let stops: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x47, 0x2d, 0x7b), (0x3b, 0x52, 0x8b), (0x2c, 0x72, 0x8e), (0x21, 0x91, 0x8c),
        (0x28, 0xae, 0x80), (0x5e, 0xc9, 0x62), (0xad, 0xdc, 0x30), (0xfd, 0xe7, 0x25),
    ]

    /// The colour at `t` in 0...1 (clamped), as `#rrggbb`.
    static func color(_ t: Double) -> String {
        let x = max(0, min(1, t.isFinite ? t : 1)) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        let a = stops[i], b = stops[i + 1]
        return hex(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for v in [r, g, b] {
            let byte = Int(max(0, min(255, v.rounded())))
            out.append(digits[byte >> 4])
            out.append(digits[byte & 15])
        }
        return out
    }
}
