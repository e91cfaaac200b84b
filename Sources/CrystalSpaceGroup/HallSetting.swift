import CSpglib
import CrystalModel

/// One of the 530 space-group settings of the International Tables (Hall numbers, in spglib's order), with its
/// operations in its conventional cell (centring translations included). Read from spglib's database through its
/// public API (`spg_get_spacegroup_type`, `spg_get_symmetry_from_database`), which involves no structure search.
public struct HallSetting: Sendable {
    public let hallNumber: Int
    /// International Tables number, 1...230.
    public let number: Int
    public let hallSymbol: String
    /// Short Hermann-Mauguin symbol (`Fm-3m`, `P2_1/c`), as spglib's dataset writes it.
    public let internationalShort: String
    public let internationalFull: String
    /// spglib's setting choice: "", "1", "2" (origin), "H", "R" (axes), "b", "-cba", ...
    public let choice: String
    /// Hermann-Mauguin point group (`m-3m`).
    public let pointGroup: String
    public let operations: [SpaceGroupOperation]
    /// The pure translations among the operations (the zero vector first, then ascending): the centring.
    public let centringTranslations: [Vector3]
    /// spglib's point group number (1...32).
    let pointGroupNumber: Int
    /// For each rotation (by `IntMatrix3.key`), the indices of the operations with it, in table order.
    let operationsByRotation: [Int: [Int]]

    /// The setting of a Hall number, 1...530; nil outside.
    public static func setting(_ hallNumber: Int) -> HallSetting? {
        guard hallNumber >= 1, hallNumber <= all.count else { return nil }
        return all[hallNumber - 1]
    }

    /// The standard setting of a space group number (1...230): the first of its Hall numbers, as spglib orders them
    /// and as its dataset reports every detected group.
    public static func standard(number: Int) -> HallSetting? {
        guard number >= 1, number <= 230 else { return nil }
        return all[standardHallNumbers[number - 1] - 1]
    }

    /// The Hall numbers of a space group number, standard first.
    public static func hallNumbers(number: Int) -> [Int] {
        guard number >= 1, number <= 230 else { return [] }
        return all.filter { $0.number == number }.map(\.hallNumber)
    }

    /// Number of operations of the point group (the operations modulo the centring).
    public var pointGroupOrder: Int { operations.count / centringTranslations.count }

    public static let all: [HallSetting] = (1...530).map(load)

    static let standardHallNumbers: [Int] = {
        var first = [Int](repeating: 0, count: 230)
        for setting in all where first[setting.number - 1] == 0 { first[setting.number - 1] = setting.hallNumber }
        return first
    }()

    typealias RotationBlock = ((Int32, Int32, Int32), (Int32, Int32, Int32), (Int32, Int32, Int32))

    static func load(_ hall: Int) -> HallSetting {
        let type = spg_get_spacegroup_type(Int32(hall))
        var rotations = [Int32](repeating: 0, count: 192 * 9)
        var translations = [Double](repeating: 0, count: 192 * 3)
        let count = rotations.withUnsafeMutableBytes { r in
            translations.withUnsafeMutableBytes { t in
                spg_get_symmetry_from_database(r.baseAddress!.assumingMemoryBound(to: RotationBlock.self),
                                               t.baseAddress!.assumingMemoryBound(to: (Double, Double, Double).self), Int32(hall))
            }
        }
        var operations = [SpaceGroupOperation]()
        var centring = [Vector3]()
        for i in 0..<Int(count) {
            let w = IntMatrix3((0..<9).map { Int(rotations[i * 9 + $0]) })
            let t = Vector3(translations[i * 3], translations[i * 3 + 1], translations[i * 3 + 2])
            // As tabulated (translations in [0, 1)): the engine's arithmetic must see the same numbers as spglib's.
            let op = SpaceGroupOperation(rotation: w, translation: t)
            operations.append(op)
            if w == .identity { centring.append(op.translation) }
        }
        centring.sort { ($0 == .zero ? 0 : 1, $0.x, $0.y, $0.z) < ($1 == .zero ? 0 : 1, $1.x, $1.y, $1.z) }
        var byRotation = [Int: [Int]]()
        for (index, op) in operations.enumerated() { byRotation[op.rotation.key, default: []].append(index) }
        let pointGroup = text(type.pointgroup_international)
        return HallSetting(hallNumber: hall, number: Int(type.number), hallSymbol: text(type.hall_symbol),
                           internationalShort: text(type.international_short), internationalFull: text(type.international_full),
                           choice: text(type.choice), pointGroup: pointGroup, operations: operations, centringTranslations: centring,
                           pointGroupNumber: PointGroupType.number(symbol: pointGroup) ?? 0, operationsByRotation: byRotation)
    }

    static func text<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: " ")
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
