/// A small deterministic generator (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): the same seed gives the same sequence on every machine, so generated collections,
/// symmetric sample sets and near-duplicate sets are rebuilt bit for bit from their seeds.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high), from the top 53 bits (no library functions, so bit-identical everywhere).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * (Double(next() >> 11) * 0x1p-53)
    }

    /// Uniform in 0..<count.
    public mutating func index(_ count: Int) -> Int { Int(next() % UInt64(max(count, 1))) }

    /// A direction uniform on the unit sphere (rejection from the cube; only +, *, / and sqrt).
    public mutating func direction() -> SIMD3<Double> {
        while true {
            let v = SIMD3(uniform(-1, 1), uniform(-1, 1), uniform(-1, 1))
            let squared = (v * v).sum()
            if squared > 1e-4, squared <= 1 { return v / squared.squareRoot() }
        }
    }
}
