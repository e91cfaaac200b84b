import CSpglib
import CrystalModel

/// The 530 space-group settings (Hall numbers) of the International Tables, with their operations,
/// read from spglib's database (`spg_get_spacegroup_type`, `spg_get_symmetry_from_database`).
public enum SpaceGroupTable {
    typealias RotationBlock = ((Int32, Int32, Int32), (Int32, Int32, Int32), (Int32, Int32, Int32))

    public struct Setting: Sendable {
        public let hallNumber: Int
        public let number: Int
        public let hallSymbol: String
        public let fullSymbol: String
        public let shortSymbol: String
        /// spglib's setting choice: "", "1", "2" (origin), "H", "R" (axes), "b", "-cba", ...
        public let choice: String
        /// Hermann-Mauguin point group (`m-3m`).
        public let pointGroup: String
    }

    /// The standard setting of a space group number (1...230): the first of its Hall numbers, as spglib orders them.
    public static func standardSetting(number: Int) -> Setting? { settings.first { $0.number == number } }

    public static let settings: [Setting] = (1...530).map { hall in
        let type = spg_get_spacegroup_type(Int32(hall))
        func text<T>(_ tuple: T) -> String {
            withUnsafeBytes(of: tuple) { raw in
                let bytes = raw.prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self).trimmingSpaces()
            }
        }
        return Setting(hallNumber: hall, number: Int(type.number), hallSymbol: text(type.hall_symbol),
                       fullSymbol: text(type.international_full), shortSymbol: text(type.international_short),
                       choice: text(type.choice), pointGroup: text(type.pointgroup_international))
    }

    /// Symmetry operations of a Hall number (1...530).
    public static func operations(hallNumber: Int) -> [SymmetryOperation] {
        guard hallNumber >= 1, hallNumber <= 530 else { return [] }
        var rotations = [Int32](repeating: 0, count: 192 * 9)
        var translations = [Double](repeating: 0, count: 192 * 3)
        let count = rotations.withUnsafeMutableBytes { r in
            translations.withUnsafeMutableBytes { t in
                spg_get_symmetry_from_database(r.baseAddress!.assumingMemoryBound(to: RotationBlock.self),
                                               t.baseAddress!.assumingMemoryBound(to: (Double, Double, Double).self),
                                               Int32(hallNumber))
            }
        }
        return (0..<Int(count)).map { i in
            func row(_ r: Int) -> Vector3 {
                Vector3(Double(rotations[i * 9 + r * 3]), Double(rotations[i * 9 + r * 3 + 1]), Double(rotations[i * 9 + r * 3 + 2]))
            }
            return SymmetryOperation(rotation: (row(0), row(1), row(2)),
                                     translation: Vector3(translations[i * 3], translations[i * 3 + 1], translations[i * 3 + 2]))
        }
    }

    /// Hall number for a Hall symbol (`-P 2ybc`), compared without case and spacing.
    public static func hallNumber(hallSymbol: String) -> Int? {
        let key = hallSymbol.normalizedSymbol(keepSpaces: false)
        return settings.first { $0.hallSymbol.normalizedSymbol(keepSpaces: false) == key }?.hallNumber
    }

    /// Hall number for a Hermann-Mauguin name: full (`P 1 21/c 1`) or short (`P21/c`, `P 21/n`), with an
    /// optional setting suffix (`F d -3 m :2`, `R -3 m :H`), old spellings (`P2(1)/c`, `P m 3 m`) and
    /// non-standard centrings of a standard group (`A -1`). Without a suffix the first (ITA default)
    /// setting wins, except that rhombohedral groups default to hexagonal axes, as in ITA and pymatgen.
    public static func hallNumber(hermannMauguin name: String) -> Int? {
        hallNumberAndCentring(hermannMauguin: name).flatMap { $0.centring == nil ? $0.hall : nil }
    }

    /// Operations for a Hermann-Mauguin name, including non-standard centrings built on the primitive group.
    public static func operations(hermannMauguin name: String) -> [SymmetryOperation]? {
        guard let found = hallNumberAndCentring(hermannMauguin: name) else { return nil }
        let base = operations(hallNumber: found.hall)
        guard let centring = found.centring else { return base }
        return base.flatMap { op in
            centring.map { t in
                var translation = op.translation + t
                translation -= translation.rounded(.down)
                return SymmetryOperation(rotation: op.rotation, translation: translation)
            }
        }
    }

    static func hallNumberAndCentring(hermannMauguin name: String) -> (hall: Int, centring: [Vector3]?)? {
        var symbol = name
        // Curly-brace or parenthesised remarks such as "{origin @ centre}" are not part of the symbol.
        if let brace = symbol.firstIndex(of: "{") { symbol = String(symbol[..<brace]) }
        var choice: String?
        if let colon = symbol.firstIndex(of: ":") {
            choice = String(symbol[symbol.index(after: colon)...]).trimmingSpaces()
            symbol = String(symbol[..<colon])
        }
        var key = symbol.hmKey.replacingSubscripts()
        if choice == nil, key.hasPrefix("r"), key.count > 2, key.hasSuffix("h") || key.hasSuffix("r") {
            choice = String(key.removeLast()).uppercased()
        }
        for candidate in [key, key.withCubicBar()] {
            if let hall = pick(key: candidate, choice: choice) { return (hall, nil) }
        }
        // A standard point-group part under another lattice letter: P-group operations plus centring.
        if let lattice = key.first, let centring = centrings[lattice], key.count > 1 {
            let primitive = "p" + key.dropFirst()
            if let hall = pick(key: String(primitive), choice: choice) ?? pick(key: String(primitive).withCubicBar(), choice: choice) {
                return (hall, centring)
            }
        }
        return nil
    }

    static let centrings: [Character: [Vector3]] = [
        "a": [.zero, Vector3(0, 0.5, 0.5)], "b": [.zero, Vector3(0.5, 0, 0.5)], "c": [.zero, Vector3(0.5, 0.5, 0)],
        "i": [.zero, Vector3(0.5, 0.5, 0.5)],
        "f": [.zero, Vector3(0, 0.5, 0.5), Vector3(0.5, 0, 0.5), Vector3(0.5, 0.5, 0)],
    ]

    /// Keys of every setting: full and short symbols, and monoclinic full symbols without their "1" axes.
    static let keyIndex: [String: [Int]] = {
        var index = [String: [Int]]()
        for setting in settings {
            var keys = [setting.fullSymbol.hmKey.replacingSubscripts(), setting.shortSymbol.hmKey.replacingSubscripts()]
            let parts = setting.fullSymbol.split(separator: " ")
            if parts.count == 4, parts[1...].filter({ $0 == "1" }).count == 2 {
                keys.append((String(parts[0]) + parts[1...].filter { $0 != "1" }.joined()).hmKey.replacingSubscripts())
            }
            for key in Set(keys) { index[key, default: []].append(setting.hallNumber) }
        }
        return index
    }()

    static func pick(key: String, choice: String?) -> Int? {
        guard let halls = keyIndex[key], !halls.isEmpty else { return nil }
        let matches = halls.map { settings[$0 - 1] }
        if let choice, !choice.isEmpty {
            let wanted = choice.lowercased()
            if let hit = matches.first(where: { $0.choice.lowercased() == wanted }) { return hit.hallNumber }
            if let digit = wanted.last(where: \.isNumber), let hit = matches.first(where: { $0.choice == String(digit) }) {
                return hit.hallNumber
            }
        }
        if let hexagonal = matches.first(where: { $0.choice == "H" }) { return hexagonal.hallNumber }
        if let exact = matches.first(where: { $0.fullSymbol.hmKey.replacingSubscripts() == key }) { return exact.hallNumber }
        return matches[0].hallNumber
    }

    /// Default Hall number of an International Tables number (1...230).
    public static func hallNumber(spaceGroupNumber number: Int) -> Int? {
        let candidates = settings.filter { $0.number == number }
        if let hexagonal = candidates.first(where: { $0.choice == "H" }) { return hexagonal.hallNumber }
        return candidates.first?.hallNumber
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    func normalizedSymbol(keepSpaces: Bool) -> String {
        let lowered = lowercased()
        return keepSpaces ? lowered : String(lowered.filter { $0 != " " && $0 != "\t" })
    }

    /// H-M key: no spaces or underscores; case kept apart from the lattice letter (glide planes are
    /// lower-case and must stay distinct from lattice symbols).
    /// `2_1` and `2(1)` -> `21`.
    func replacingSubscripts() -> String {
        var out = ""
        var chars = Array(self)
        var i = 0
        while i < chars.count {
            if chars[i] == "(", i + 2 < chars.count, chars[i + 1].isNumber, chars[i + 2] == ")" {
                out.append(chars[i + 1])
                i += 3
                continue
            }
            out.append(chars[i])
            i += 1
        }
        chars = []
        return out
    }

    /// Old cubic spellings without the bar: `pm3m` -> `pm-3m`, `fd3m` -> `fd-3m`, `ia3` -> `ia-3`.
    func withCubicBar() -> String {
        let chars = Array(self)
        guard chars.count >= 3, chars[2] == "3", chars[1] != "-" else { return self }
        return String(chars[0..<2]) + "-" + String(chars[2...])
    }

    var hmKey: String { String(lowercased().filter { $0 != " " && $0 != "_" && $0 != "\t" }) }
}
