import Foundation
import Testing
@testable import CrystalStore

/// Decompositions are stored as pymatgen prints them: ids sorted, fractions as `%.9f`.
@Suite struct DecompositionTextTests {
    @Test("fractions are exactly %.9f, halfway cases and signs included")
    func fixed() {
        var values: [Double] = [0, -0.0, 1, 0.5, 1.0 / 3.0, 2.0 / 3.0, 0.1234567895, 0.0000000005, 0.9999999995, 1e-12, -1e-12,
                                -0.25, 0.1 + 0.2, 123456.123456789, 1e7, 1e300, 1.0000000015]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 { values.append(Double.random(in: 0...1, using: &generator)) }
        // Values on a 1e-10 grid put many fractions at or near halfway between two 9-decimal results.
        for k in 0..<20_000 { values.append(Double(k) * 5e-10 + 0.5e-9) }
        var buffer = [UInt8]()
        for value in values {
            buffer.removeAll()
            DecompositionText.appendFixed(value, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == String(format: "%.9f", value), "\(value)")
        }
    }

    @Test("phases are sorted by id and joined with ';'")
    func joined() {
        var buffer = [UInt8]()
        #expect(DecompositionText.format([(id: "mp-2", fraction: 0.25), (id: "mp-10", fraction: 0.75)], into: &buffer)
                == "mp-10:0.750000000;mp-2:0.250000000")
        #expect(DecompositionText.format([(id: "x", fraction: 1)], into: &buffer) == "x:1.000000000")
        #expect(DecompositionText.format([], into: &buffer) == "")
    }
}
