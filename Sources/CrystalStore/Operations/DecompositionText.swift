import Foundation

/// The stored text of a decomposition: `id:fraction;...`, sorted by id, fractions with 9 decimals as
/// pymatgen's answers print them (`%.9f`).
enum DecompositionText {
    /// Decimals of a stored fraction.
    static let decimals = 9

    static func format(_ phases: [(id: String, fraction: Double)], into buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        if phases.count == 1 {
            append(phases[0], to: &buffer)
        } else {
            let order = phases.indices.sorted { phases[$0].id < phases[$1].id }
            for (offset, index) in order.enumerated() {
                if offset > 0 { buffer.append(UInt8(ascii: ";")) }
                append(phases[index], to: &buffer)
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    @inline(__always)
    static func append(_ phase: (id: String, fraction: Double), to buffer: inout [UInt8]) {
        var id = phase.id
        id.withUTF8 { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: ":"))
        appendFixed(phase.fraction, to: &buffer)
    }

    /// `%.9f` of `value`: by integer arithmetic when the scaled value is clearly not halfway between two
    /// results (then both round the same way), by Foundation's `%.9f` otherwise and for values beyond 1e6.
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
        var whole = units / 1_000_000_000
        var fraction = units % 1_000_000_000
        // The whole part's digits, most significant first.
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
                count += 1
            } while whole > 0
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[i]) }
        }
        buffer.append(UInt8(ascii: "."))
        var divisor: Int64 = 100_000_000
        for _ in 0..<decimals {
            buffer.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }
}
