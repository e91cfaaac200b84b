/// StructureMatcher's options, with its defaults.
public struct MatchOptions: Hashable, Sendable {
    /// ltol: fractional tolerance on cell lengths.
    public var lengthTolerance = 0.2
    /// stol: site tolerance, as a fraction of the average free length per atom (V / n)^(1/3).
    public var siteTolerance = 0.3
    /// angle_tol: tolerance on cell angles (degrees).
    public var angleTolerance = 5.0
    /// primitive_cell: reduce both structures to primitive cells first.
    public var primitiveCell = true
    /// scale: scale both cells to the same volume first.
    public var scale = true
    /// attempt_supercell: when the (primitive) site counts differ by an integer factor, try supercells of
    /// the smaller one.
    public var attemptSupercell = false

    public init() {}

    /// Why a set of options cannot be used.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let option: String
        public let value: Double
        public var description: String { "\(option) must be a finite positive number (got \(value))" }
    }

    /// Checks that the three tolerances are finite and positive.
    public func validate() throws(Invalid) {
        for (name, value) in [("ltol", lengthTolerance), ("stol", siteTolerance), ("angle-tol", angleTolerance)] {
            guard value.isFinite, value > 0 else { throw Invalid(option: name, value: value) }
        }
    }
}
