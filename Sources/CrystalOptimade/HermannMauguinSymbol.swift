/// Hermann-Mauguin symbols in OPTIMADE's spelling (`space_group_symbol_hermann_mauguin`): the lattice letter and
/// each generator separated by one space, screw axes as plain digits (`P 21/c`, `F m -3 m`, `P 63/m m c`).
public enum HermannMauguinSymbol {
    /// From spglib's compact form (`P2_1/c`, `Fm-3m`, `P6_3/mmc`) or a spaced one (`P 1 21/n 1`, `P 2_1/c`);
    /// nil when the text is not a Hermann-Mauguin symbol.
    public static func optimade(_ symbol: String) -> String? {
        let trimmed = symbol.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = trimmed.first, !first.isEmpty else { return nil }
        var parts: [String]
        if trimmed.count > 1 {
            parts = trimmed.map { $0.replacingUnderscores() }
        } else {
            guard let compact = components(String(first)) else { return nil }
            parts = compact
        }
        guard let lattice = parts.first, ["P", "I", "F", "A", "B", "C", "R"].contains(lattice), parts.count > 1,
              parts.dropFirst().allSatisfy(isGenerator) else { return nil }
        return parts.joined(separator: " ")
    }

    /// Splits `P4_2/mnm` into `P`, `42/m`, `n`, `m`.
    static func components(_ compact: String) -> [String]? {
        let chars = Array(compact)
        guard let lattice = chars.first else { return nil }
        var parts = [String(lattice)]
        var i = 1
        while i < chars.count {
            var part = ""
            if chars[i] == "-" {
                part.append("-")
                i += 1
            }
            if i < chars.count, chars[i].isNumber {
                part.append(chars[i])
                i += 1
                if i + 1 < chars.count, chars[i] == "_", chars[i + 1].isNumber {
                    part.append(chars[i + 1])
                    i += 2
                }
                if i + 1 < chars.count, chars[i] == "/", chars[i + 1].isLetter {
                    part += "/" + String(chars[i + 1])
                    i += 2
                }
            } else if part.isEmpty, i < chars.count, chars[i].isLowercase {
                part.append(chars[i])
                i += 1
            } else {
                return nil
            }
            parts.append(part)
        }
        return parts
    }

    /// One generator as OPTIMADE's pattern allows it: `2`, `21`, `m`, `21/c`, `4/m`, `-3`.
    static func isGenerator(_ part: String) -> Bool {
        let chars = Array(part)
        guard !chars.isEmpty else { return false }
        if chars[0] == "-" { return chars.dropFirst().allSatisfy(\.isNumber) }
        if let slash = chars.firstIndex(of: "/") {
            let head = chars[..<slash], tail = chars[(slash + 1)...]
            guard !head.isEmpty, !tail.isEmpty else { return false }
            let headDigits = head.allSatisfy(\.isNumber), headLetters = head.allSatisfy(\.isLowercase)
            if headDigits { return tail.allSatisfy(\.isNumber) || tail.allSatisfy(\.isLowercase) }
            return headLetters && tail.count == 1 && tail.first == "m"
        }
        return chars.allSatisfy(\.isNumber) || chars.allSatisfy(\.isLowercase)
    }
}

extension Substring {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
