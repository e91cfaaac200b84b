/// Why a formula string could not be read; `column` is 1-based.
public struct FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    public let formula: String
    public let column: Int
    public let reason: String
    public var description: String { "formula '\(formula)' column \(column): \(reason)" }
}

extension Composition {
    /// Parses a chemical formula: `Ac2Ag1Ir1`, `LiFePO4`, `Fe2(SO4)3`, `Li0.5CoO2`, `Fe2 O3`.
    /// Element symbols are case-sensitive here, as chemists write them.
    public init(formula: String) throws(FormulaError) {
        var parser = FormulaParser(bytes: Array(formula.utf8), text: formula)
        self = try parser.parseAll()
    }
}

struct FormulaParser {
    let bytes: [UInt8]
    let text: String
    var index = 0

    mutating func parseAll() throws(FormulaError) -> Composition {
        let result = try parseGroup(depth: 0)
        skipSpaces()
        if index < bytes.count { throw fail("unexpected '\(Character(UnicodeScalar(bytes[index])))'") }
        if result.isEmpty { throw fail("no elements") }
        return result
    }

    func fail(_ reason: String) -> FormulaError {
        FormulaError(formula: text, column: index + 1, reason: reason)
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x5F { index += 1 }
    }

    mutating func parseGroup(depth: Int) throws(FormulaError) -> Composition {
        var composition = Composition()
        while true {
            skipSpaces()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == 0x28 || byte == 0x5B { // ( [
                guard depth < 16 else { throw fail("parentheses nested too deeply") }
                index += 1
                let inner = try parseGroup(depth: depth + 1)
                skipSpaces()
                guard index < bytes.count, bytes[index] == 0x29 || bytes[index] == 0x5D else { throw fail("missing ')'") }
                index += 1
                let multiplier = try parseNumber() ?? 1
                for (element, amount) in inner.amounts {
                    let total = composition.amount(of: element) + amount * multiplier
                    guard total <= PhysicalBounds.maximumAmount else { throw fail("amount \(total) is more atoms than any cell holds") }
                    composition.add(element, amount * multiplier)
                }
            } else if byte == 0x29 || byte == 0x5D {
                break
            } else if byte >= 0x41 && byte <= 0x5A {
                let start = index
                index += 1
                if index < bytes.count, bytes[index] >= 0x61, bytes[index] <= 0x7A { index += 1 }
                let symbol = String(decoding: bytes[start..<index], as: UTF8.self)
                guard let element = Element(symbol: symbol) else {
                    index = start
                    throw fail("unknown element '\(symbol)'")
                }
                let amount = try parseNumber() ?? 1
                guard composition.amount(of: element) + amount <= PhysicalBounds.maximumAmount else {
                    throw fail("amount \(composition.amount(of: element) + amount) of \(symbol) is more atoms than any cell holds")
                }
                composition.add(element, amount)
            } else {
                throw fail("unexpected '\(Character(UnicodeScalar(byte)))'")
            }
        }
        return composition
    }

    mutating func parseNumber() throws(FormulaError) -> Double? {
        let start = index
        while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == 0x2E { index += 1 }
        guard index > start else { return nil }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite, value >= 0 else {
            index = start
            throw fail("bad amount")
        }
        guard value <= PhysicalBounds.maximumAmount else {
            index = start
            throw fail("amount \(value) is more atoms than any cell holds")
        }
        return value
    }
}
