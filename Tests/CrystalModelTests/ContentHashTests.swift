import Testing
@testable import CrystalModel

/// Digests tell re-imported content apart; they must never trap, and must not change for ordinary values
/// (stores hold them).
@Suite struct ContentHashTests {
    /// The digest as crystaldb has always computed it for values within ±9.2e9: FNV-1a over the 8 bytes of
    /// round(x * 1e9).
    static func legacy(_ values: [Double]) -> String {
        var state: UInt64 = 0xcbf29ce484222325
        for value in values {
            var v = UInt64(bitPattern: Int64((value * 1e9).rounded()))
            for _ in 0..<8 {
                state ^= v & 0xFF
                state &*= 0x100000001b3
                v >>= 8
            }
        }
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test("ordinary values keep their digests")
    func stable() {
        var hash = ContentHash()
        for value in [-8.305, 0.25, 5.6402, 1e9, -9.2e9] { hash.add(value) }
        #expect(hash.hex == Self.legacy([-8.305, 0.25, 5.6402, 1e9, -9.2e9]))
    }

    @Test("1e10, 1e300, infinities and NaN hash without trapping, and differently", arguments: [1e10, -1e10, 1e300, .infinity, -.infinity, .nan, 9.3e9])
    func neverTraps(value: Double) {
        var a = ContentHash()
        a.add(value)
        var b = ContentHash()
        b.add(1.0)
        #expect(a.hex != b.hex)
        #expect(a.hex.count == 16)
        let fe = Composition([(Element(symbol: "Fe")!, 1)])
        #expect(fe.energyHash(totalEnergy: value).count == 16)
    }

    @Test("every NaN hashes alike")
    func nans() {
        var a = ContentHash(), b = ContentHash()
        a.add(Double.nan)
        b.add(-Double.nan)
        #expect(a.hex == b.hex)
    }
}
