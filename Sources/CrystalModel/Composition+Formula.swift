import Foundation

extension Composition {
    /// Reduced formula in OPTIMADE style: elements in alphabetical order, amounts divided by their
    /// greatest common divisor, "1" omitted (`FeLiO2`). Non-integral amounts (partial occupancy) are
    /// scaled by the smallest factor up to 1000 that makes them integral within 1e-4 atoms;
    /// failing that they are written with up to 4 decimals.
    public var reducedFormula: String {
        let (scaled, _) = reducedAmounts()
        return Self.format(scaled.sorted { $0.element.symbol < $1.element.symbol })
    }

    /// Anonymous formula in OPTIMADE style: reduced amounts in descending order labelled A, B, C, ...
    public var anonymousFormula: String {
        let (scaled, _) = reducedAmounts()
        let sortedAmounts = scaled.map(\.amount).sorted(by: >)
        var out = ""
        for (index, amount) in sortedAmounts.enumerated() {
            out += Self.anonymousLabel(index)
            out += Self.formatAmount(amount)
        }
        return out
    }

    /// Formula with the amounts as stored, elements in alphabetical order (`Fe2Li2O4`).
    public var formula: String {
        Self.format(amounts.sorted { $0.element.symbol < $1.element.symbol })
    }

    /// Reduced amounts and the factor that divides the full amounts into them.
    public func reducedAmounts() -> (amounts: [(element: Element, amount: Double)], factor: Double) {
        guard !amounts.isEmpty else { return ([], 1) }
        // Integer arithmetic below needs amounts well inside Int's range.
        guard amounts.allSatisfy({ $0.amount.isFinite && $0.amount <= PhysicalBounds.maximumAmount }) else {
            let smallest = amounts.map(\.amount).min() ?? 1
            return (amounts.map { ($0.element, $0.amount / smallest) }, smallest)
        }
        let integral = amounts.allSatisfy { abs($0.amount - $0.amount.rounded()) < 1e-4 && $0.amount.rounded() > 0 }
        if integral {
            var divisor = 0
            for (_, amount) in amounts { divisor = Self.gcd(divisor, Int(amount.rounded())) }
            let d = Double(max(divisor, 1))
            return (amounts.map { ($0.element, ($0.amount / d).rounded()) }, d)
        }
        for multiplier in 1...1000 {
            let m = Double(multiplier)
            if amounts.allSatisfy({ abs($0.amount * m - ($0.amount * m).rounded()) < 1e-4 * m && ($0.amount * m).rounded() > 0 }) {
                var divisor = 0
                for (_, amount) in amounts { divisor = Self.gcd(divisor, Int((amount * m).rounded())) }
                let d = Double(max(divisor, 1))
                return (amounts.map { ($0.element, (($0.amount * m) / d).rounded()) }, d / m)
            }
        }
        let smallest = amounts.map(\.amount).min() ?? 1
        return (amounts.map { ($0.element, $0.amount / smallest) }, smallest)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    static func format(_ pairs: [(element: Element, amount: Double)]) -> String {
        var out = ""
        for (element, amount) in pairs {
            out += element.symbol
            out += formatAmount(amount)
        }
        return out
    }

    /// An amount as formulas write it: "" for 1, integers bare, else up to 4 decimals.
    public static func formatAmount(_ amount: Double) -> String {
        if abs(amount - 1) < 1e-8 { return "" }
        guard amount.isFinite, abs(amount) < 1e15 else { return String(amount) }
        if abs(amount - amount.rounded()) < 1e-8 { return String(Int(amount.rounded())) }
        var text = String(format: "%.4f", amount)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A, B, ..., Z, then Aa, Ab, ... (OPTIMADE).
    static func anonymousLabel(_ index: Int) -> String {
        func letter(_ base: UInt8, _ offset: Int) -> Character { Character(Unicode.Scalar(base + UInt8(offset))) }
        if index < 26 { return String(letter(0x41, index)) }
        return String([letter(0x41, (index / 26 - 1) % 26), letter(0x61, index % 26)])
    }
}
