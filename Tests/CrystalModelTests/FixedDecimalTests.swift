import Foundation
import Testing
import CrystalModel

@Suite struct FixedDecimalTests {
    @Test("fixed decimals equal printf's %.Nf, with and without a sign, including halfway and negative zero cases")
    func printf() {
        let values: [Double] = [0, -0.0, 0.0005, 0.0015, 0.5714285714, -0.0244, 1.2345, -1.2345, 2.5, -2.5, 123456.7891, 1e-12, -1e-12,
                                0.9995, 0.12345678901, 1e16, -3.14159]
        for value in values {
            for decimals in [0, 1, 3, 6] {
                #expect(FixedDecimal.text(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value) \(decimals)")
                #expect(FixedDecimal.text(value, decimals: decimals, plus: true) == String(format: "%+.\(decimals)f", value), "\(value) \(decimals)")
            }
        }
    }
}
