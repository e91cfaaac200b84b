/// Three doubles: a fractional or Cartesian coordinate, or a lattice vector.
public typealias Vector3 = SIMD3<Double>

extension SIMD3 where Scalar == Double {
    @inlinable public func dot(_ other: Vector3) -> Double { (self * other).sum() }
    @inlinable public func cross(_ o: Vector3) -> Vector3 {
        Vector3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x)
    }
    @inlinable public var length: Double { dot(self).squareRoot() }
}
