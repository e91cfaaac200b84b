import CrystalModel

/// Component-wise helpers for fractional coordinates.
extension SIMD3 where Scalar == Double {
    init(_ v: SIMD3<Int>) { self.init(Double(v.x), Double(v.y), Double(v.z)) }

    /// Absolute values of the three components.
    var magnitudes: Vector3 { Vector3(Swift.abs(x), Swift.abs(y), Swift.abs(z)) }

    /// Each component rounded to the nearest integer, ties to even (numpy's `round`), by adding and
    /// subtracting 1.5 * 2^52 (exact in the default rounding mode for |x| < 2^51): two vector additions
    /// instead of three library calls. Periodic distances |d - round(d)| do not depend on how ties round.
    @inline(__always) var nearestIntegers: Vector3 {
        let magic = Vector3(repeating: 6_755_399_441_055_744.0)
        let m = magnitudes
        guard m.x < 0x1p51, m.y < 0x1p51, m.z < 0x1p51 else { return rounded(.toNearestOrEven) }
        return (self + magic) - magic
    }

    /// The periodic offset d - round(d), each component in [-0.5, 0.5].
    @inline(__always) var periodicOffset: Vector3 { self - nearestIntegers }
}
