/// Amounts of elements (atoms, possibly fractional for partial occupancy), kept sorted by atomic number.
public struct Composition: Hashable, Sendable {
    /// (element, amount) pairs, sorted by atomic number, amounts > 0.
    public private(set) var amounts: [(element: Element, amount: Double)] = []

    /// Two amounts closer than this (atoms) are taken as equal when formulas are reduced or compared.
    public static let amountTolerance = 1e-8

    /// Largest amount of one element (atoms): `PhysicalBounds.maximumAmount`.
    public static var maximumAmount: Double { PhysicalBounds.maximumAmount }

    public init() {}

    public init(_ pairs: [(Element, Double)]) {
        amounts.reserveCapacity(pairs.count)
        for (element, amount) in pairs { add(element, amount) }
    }

    public mutating func add(_ element: Element, _ amount: Double) {
        guard amount != 0 else { return }
        var low = 0, high = amounts.count
        while low < high {
            let mid = (low + high) / 2
            if amounts[mid].element < element { low = mid + 1 } else { high = mid }
        }
        if low < amounts.count, amounts[low].element == element {
            amounts[low].amount += amount
        } else {
            amounts.insert((element, amount), at: low)
        }
    }

    public var isEmpty: Bool { amounts.isEmpty }
    public var elements: [Element] { amounts.map(\.element) }
    public var elementCount: Int { amounts.count }
    /// Sum of all amounts: the number of atoms (occupancy-weighted).
    public var totalAmount: Double { amounts.reduce(0) { $0 + $1.amount } }

    public func amount(of element: Element) -> Double {
        amounts.first(where: { $0.element == element })?.amount ?? 0
    }

    /// Amounts divided by the total: atom fractions, summing to 1.
    public var fractions: [(element: Element, fraction: Double)] {
        let total = totalAmount
        return amounts.map { ($0.element, $0.amount / total) }
    }

    /// Sum of atomic masses in g/mol.
    public var mass: Double { amounts.reduce(0) { $0 + $1.element.atomicMass * $1.amount } }

    public static func == (lhs: Composition, rhs: Composition) -> Bool {
        guard lhs.amounts.count == rhs.amounts.count else { return false }
        for (l, r) in zip(lhs.amounts, rhs.amounts) where l.element != r.element || l.amount != r.amount {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        for (element, amount) in amounts {
            hasher.combine(element)
            hasher.combine(amount)
        }
    }

    /// True when both have the same elements in the same proportions (within `amountTolerance`, relative).
    public func hasSameReducedComposition(as other: Composition) -> Bool {
        guard amounts.count == other.amounts.count else { return false }
        let a = fractions, b = other.fractions
        for (l, r) in zip(a, b) {
            if l.element != r.element || abs(l.fraction - r.fraction) > 1e-6 { return false }
        }
        return true
    }
}
