import Foundation

/// The stored text of a decomposition: `id:fraction;...`, sorted by id, fractions with 9 decimals as
/// pymatgen's answers print them (`%.9f`).
enum DecompositionText {
    /// Decimals of a stored fraction.
    static let decimals = 9

    static func format(_ phases: [(id: String, fraction: Double)], into buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        for (offset, phase) in phases.sorted(by: { $0.id < $1.id }).enumerated() {
            if offset > 0 { buffer.append(UInt8(ascii: ";")) }
            buffer += phase.id.utf8
            buffer.append(UInt8(ascii: ":"))
            appendFixed(phase.fraction, to: &buffer)
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// `%.9f` of `value`: by integer arithmetic when the scaled value is clearly not halfway between two
    /// results (then both round the same way), by Foundation's `%.9f` otherwise and for values beyond 1e9.
    static func appendFixed(_ value: Double, to buffer: inout [UInt8]) {
        let scaled = value * 1e9
        let rounded = scaled.rounded()
        guard value.isFinite, abs(scaled) < 1e15, abs(abs(scaled - rounded) - 0.5) > 1e-3 else {
            buffer += String(format: "%.9f", value).utf8
            return
        }
        var units = Int64(rounded)
        if units < 0 || (units == 0 && value.sign == .minus) {
            buffer.append(UInt8(ascii: "-"))
            units = -units
        }
        let whole = units / 1_000_000_000, fraction = units % 1_000_000_000
        buffer += String(whole).utf8
        buffer.append(UInt8(ascii: "."))
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: decimals)
        var rest = fraction
        for position in stride(from: decimals - 1, through: 0, by: -1) {
            digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        buffer += digits
    }
}
