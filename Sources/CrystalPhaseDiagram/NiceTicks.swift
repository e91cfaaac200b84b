import Foundation

/// Axis ticks at "nice" numbers (1, 2, 5 x 10^n; Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
struct NiceTicks {
    let values: [Double]
    let step: Double

    /// About `count` ticks covering `low...high`.
    init(low: Double, high: Double, count: Int = 6) {
        let span = high > low ? high - low : max(abs(low), 1)
        let raw = span / Double(max(1, count - 1))
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        step = nice * magnitude
        let first = ceil(low / step - 1e-9) * step
        var values = [Double]()
        var v = first
        while v <= high + step * 1e-9 {
            values.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        self.values = values
    }

    /// A tick value with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
        return String(format: "%.\(decimals)f", value == 0 ? 0 : value)
    }
}
