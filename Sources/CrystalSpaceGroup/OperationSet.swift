import CrystalModel

/// Every rotation matrix that occurs in some Hall setting, numbered, with each setting's operations indexed by that
/// number: the matching of operations to a setting is then array look-ups instead of matrix comparisons. Every
/// tabulated rotation has entries in {-1, 0, 1}, so a dense table over the 3^9 such matrices numbers them.
final class RotationRegistry: Sendable {
    static let shared = RotationRegistry()

    /// Rotation key (`IntMatrix3.key`) -> number.
    let numbers: [Int: Int]
    /// Base-3 code of a {-1, 0, 1} matrix -> number (-1: in no setting).
    let dense: [Int16]
    /// Per Hall number (index 0 unused), per rotation number, the indices of the setting's operations with it.
    let indices: [[[Int]]]

    private init() {
        var numbers = [Int: Int]()
        for setting in HallSetting.all {
            for op in setting.operations where numbers[op.rotation.key] == nil { numbers[op.rotation.key] = numbers.count }
        }
        self.numbers = numbers
        var dense = [Int16](repeating: -1, count: 19683)
        for setting in HallSetting.all {
            for op in setting.operations { dense[Self.code(op.rotation)!] = Int16(numbers[op.rotation.key]!) }
        }
        self.dense = dense
        var indices = [[[Int]]](repeating: [], count: HallSetting.all.count + 1)
        for setting in HallSetting.all {
            var table = [[Int]](repeating: [], count: numbers.count)
            for (i, op) in setting.operations.enumerated() { table[numbers[op.rotation.key]!].append(i) }
            indices[setting.hallNumber] = table
        }
        self.indices = indices
    }

    /// The base-3 code of a matrix with entries in {-1, 0, 1}; nil for any other.
    @inline(__always) static func code(_ w: IntMatrix3) -> Int? {
        let m = w.m
        @inline(__always) func unit(_ e: Int) -> Bool { e >= -1 && e <= 1 }
        guard unit(m.0), unit(m.1), unit(m.2), unit(m.3), unit(m.4), unit(m.5), unit(m.6), unit(m.7), unit(m.8) else { return nil }
        let a = (m.0 + 1) * 9 + (m.1 + 1) * 3 + (m.2 + 1)
        let b = (m.3 + 1) * 9 + (m.4 + 1) * 3 + (m.5 + 1)
        let c = (m.6 + 1) * 9 + (m.7 + 1) * 3 + (m.8 + 1)
        return (a * 27 + b) * 27 + c
    }

    @inline(__always) func number(_ rotation: IntMatrix3) -> Int {
        guard let code = Self.code(rotation) else { return -1 }
        return Int(dense[code])
    }
}

/// Operations prepared for matching against the Hall tables: each rotation's registry number.
final class OperationSet {
    let operations: [SpaceGroupOperation]
    /// Registry number of each operation's rotation; -1 when no setting has it.
    let rotationNumbers: [Int]
    /// Some rotation occurs in no setting: nothing can match.
    let hasForeignRotation: Bool

    init(_ operations: [SpaceGroupOperation]) {
        let registry = RotationRegistry.shared
        self.operations = operations
        var numbers = [Int]()
        numbers.reserveCapacity(operations.count)
        var foreign = false
        for op in operations {
            let n = registry.number(op.rotation)
            numbers.append(n)
            if n < 0 { foreign = true }
        }
        rotationNumbers = numbers
        hasForeignRotation = foreign
    }

    var count: Int { operations.count }

    /// The first operation with a rotation (by registry number), if any.
    @inline(__always) func firstIndex(ofRotation number: Int) -> Int? { rotationNumbers.firstIndex(of: number) }
}
