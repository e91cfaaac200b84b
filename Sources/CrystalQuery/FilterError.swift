/// A filter that cannot be read or does not fit the fields: what is wrong and the 1-based column of the
/// filter text it points at.
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    public let column: Int
    public let reason: String

    public init(column: Int, reason: String) {
        self.column = column
        self.reason = reason
    }

    public var description: String { "filter column \(column): \(reason)" }

    /// The filter text with a caret under the column.
    public func pointing(into filter: String) -> String {
        filter + "\n" + String(repeating: " ", count: max(0, column - 1)) + "^ " + reason
    }
}
