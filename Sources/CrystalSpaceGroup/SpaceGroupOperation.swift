import CrystalModel

/// A space-group operation on fractional coordinates, x' = W x + w: an integer rotation part and a translation.
public struct SpaceGroupOperation: Hashable, Sendable {
    public var rotation: IntMatrix3
    public var translation: Vector3

    @inlinable public init(rotation: IntMatrix3, translation: Vector3) {
        self.rotation = rotation
        self.translation = translation
    }

    public static let identity = SpaceGroupOperation(rotation: .identity, translation: .zero)

    @inlinable public func apply(_ p: Vector3) -> Vector3 { rotation * p + translation }

    /// `self` after `other`: x -> W1 (W2 x + w2) + w1.
    @inlinable public static func * (a: SpaceGroupOperation, b: SpaceGroupOperation) -> SpaceGroupOperation {
        SpaceGroupOperation(rotation: a.rotation * b.rotation, translation: a.rotation * b.translation + a.translation)
    }

    /// The order n of the rotation (W^n = 1), from its determinant and trace (crystallographic rotations only;
    /// 1 for anything else).
    public var rotationOrder: Int {
        let trace = rotation.trace
        if rotation.determinant == 1 {
            switch trace { case 3: return 1; case -1: return 2; case 0: return 3; case 1: return 4; case 2: return 6; default: return 1 }
        }
        switch trace { case -3, 1: return 2; case -2, 0: return 6; case -1: return 4; default: return 1 }
    }

    /// sum over k < n of W^k w, n the rotation's order: n times the intrinsic (screw or glide) translation, the part of
    /// the operation that no choice of origin changes.
    public var intrinsicTranslation: Vector3 {
        var term = translation
        var sum = translation
        for _ in 1..<max(1, rotationOrder) {
            term = rotation * term
            sum += term
        }
        return sum
    }

    /// The translation reduced to [0, 1).
    public var reduced: SpaceGroupOperation {
        var t = translation
        t -= t.rounded(.down)
        for k in 0..<3 where t[k] >= 1 - 1e-12 { t[k] = 0 }
        return SpaceGroupOperation(rotation: rotation, translation: t)
    }

    /// A Jones-faithful triplet such as `-x+1/2, y, z+1/4` (translations as fractions with denominators up to 12).
    public var xyz: String {
        let names = ["x", "y", "z"]
        var parts = [String]()
        for i in 0..<3 {
            var text = ""
            for j in 0..<3 {
                let c = rotation[i, j]
                guard c != 0 else { continue }
                if c < 0 { text += "-" } else if !text.isEmpty { text += "+" }
                if abs(c) != 1 { text += "\(abs(c))" }
                text += names[j]
            }
            let t = translation[i] - translation[i].rounded(.down)
            if let fraction = Self.fraction(t), fraction != "0" { text += (text.isEmpty ? "" : "+") + fraction }
            parts.append(text.isEmpty ? "0" : text)
        }
        return parts.joined(separator: ", ")
    }

    static func fraction(_ value: Double) -> String? {
        for denominator in [1, 2, 3, 4, 6, 8, 12] {
            let numerator = (value * Double(denominator)).rounded()
            if abs(numerator / Double(denominator) - value) < 1e-9 {
                let n = Int(numerator)
                if n == 0 { return "0" }
                return denominator == 1 ? "\(n)" : "\(n)/\(denominator)"
            }
        }
        return nil
    }
}
