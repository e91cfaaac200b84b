import CrystalModel

/// A space-group operation on fractional coordinates: x' = R x + t.
public struct SymmetryOperation: Hashable, Sendable {
    /// Rows of R (integers for every crystallographic setting, kept as doubles for arithmetic).
    public var rotation: (Vector3, Vector3, Vector3)
    public var translation: Vector3

    public init(rotation: (Vector3, Vector3, Vector3), translation: Vector3) {
        self.rotation = rotation
        self.translation = translation
    }

    public static let identity = SymmetryOperation(
        rotation: (Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)), translation: .zero)

    @inlinable public func apply(_ p: Vector3) -> Vector3 {
        Vector3(rotation.0.dot(p), rotation.1.dot(p), rotation.2.dot(p)) + translation
    }

    public static func == (l: SymmetryOperation, r: SymmetryOperation) -> Bool {
        l.rotation.0 == r.rotation.0 && l.rotation.1 == r.rotation.1 && l.rotation.2 == r.rotation.2
            && l.translation == r.translation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rotation.0)
        hasher.combine(rotation.1)
        hasher.combine(rotation.2)
        hasher.combine(translation)
    }

    /// Largest magnitude of a rotation entry or translation an operation may have. Crystallographic operations
    /// in any setting have rotation entries of magnitude 1 or 2 and translations below 1; beyond this the text is
    /// not an operation (and applying it could leave no finite position).
    public static let maximumCoefficient = 1000.0

    /// Parses a Jones-faithful triplet such as `-x+1/2, y, z+0.25` or `x-y,x,z+1/3`.
    /// A fourth component (magnetic time reversal, `+1`) is accepted and ignored.
    public init?(xyz text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 4 else { return nil }
        var rows = [Vector3](repeating: .zero, count: 3)
        var shift = Vector3.zero
        for axis in 0..<3 {
            guard let (row, t) = Self.parseComponent(Array(parts[axis].utf8)) else { return nil }
            rows[axis] = row
            shift[axis] = t
        }
        let coefficients = [rows[0].x, rows[0].y, rows[0].z, rows[1].x, rows[1].y, rows[1].z, rows[2].x, rows[2].y, rows[2].z,
                            shift.x, shift.y, shift.z]
        guard coefficients.allSatisfy({ $0.isFinite && abs($0) <= Self.maximumCoefficient }) else { return nil }
        self.init(rotation: (rows[0], rows[1], rows[2]), translation: shift)
    }

    /// One component: a signed sum of terms `x`, `2y`, `1/2`, `0.25`, `1/2x`.
    static func parseComponent(_ bytes: [UInt8]) -> (Vector3, Double)? {
        var row = Vector3.zero
        var constant = 0.0
        var index = 0
        var sawTerm = false
        while index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count else { break }
            var sign = 1.0
            if bytes[index] == 0x2B || bytes[index] == 0x2D {
                if bytes[index] == 0x2D { sign = -1 }
                index += 1
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            } else if sawTerm {
                return nil
            }
            // Optional number (integer, decimal or fraction).
            var number: Double?
            let start = index
            while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == 0x2E { index += 1 }
            if index > start {
                guard let numerator = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
                number = numerator
                if index < bytes.count, bytes[index] == 0x2F {
                    index += 1
                    let denominatorStart = index
                    while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == 0x2E { index += 1 }
                    guard index > denominatorStart,
                          let denominator = Double(String(decoding: bytes[denominatorStart..<index], as: UTF8.self)),
                          denominator != 0 else { return nil }
                    number = numerator / denominator
                }
                if index < bytes.count, bytes[index] == 0x2A { index += 1 } // 2*x
            }
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            if index < bytes.count, let axis = Self.axis(bytes[index]) {
                row[axis] += sign * (number ?? 1)
                index += 1
            } else {
                guard let number else { return nil }
                constant += sign * number
            }
            sawTerm = true
        }
        return sawTerm ? (row, constant) : nil
    }

    static func axis(_ byte: UInt8) -> Int? {
        switch byte | 0x20 {
        case 0x78: return 0 // x
        case 0x79: return 1 // y
        case 0x7A: return 2 // z
        default: return nil
        }
    }
}
