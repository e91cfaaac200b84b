import Foundation

/// `%.Nf` text of a number without Foundation's formatter (which costs microseconds per call): integer
/// arithmetic when the scaled value is clearly not halfway between two results (then both round the same way),
/// `String(format:)` otherwise and for large values.
public enum FixedDecimal {
    /// `value` with `decimals` (0...9) digits after the point; `plus` writes a `+` before positive values and 0.
    public static func text(_ value: Double, decimals: Int, plus: Bool = false) -> String {
        let digits = max(0, min(9, decimals))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = value * scale
        let rounded = scaled.rounded()
        guard value.isFinite, abs(scaled) < 1e15, abs(abs(scaled - rounded) - 0.5) > 1e-6 else {
            return String(format: plus ? "%+.\(digits)f" : "%.\(digits)f", value)
        }
        var units = Int64(rounded)
        var out = ""
        if units < 0 || (units == 0 && value.sign == .minus) {
            out = "-"
            units = -units
        } else if plus {
            out = "+"
        }
        let divisor = Int64(scale)
        out += String(units / divisor)
        guard digits > 0 else { return out }
        let fraction = String(units % divisor)
        return out + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
