/// A filter that cannot be run: what is wrong, the 1-based column of the filter text it points at, and whether
/// the filter is malformed (HTTP 400) or uses a construct this implementation does not support (HTTP 501, as
/// OPTIMADE prescribes for unsupported optional features and for comparisons of mismatched types).
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case badRequest
        case notImplemented
    }

    public let column: Int
    public let reason: String
    public let kind: Kind

    public init(column: Int, reason: String, notImplemented: Bool = false) {
        self.column = column
        self.reason = reason
        self.kind = notImplemented ? .notImplemented : .badRequest
    }

    public var description: String { "filter column \(column): \(reason)" }

    /// The filter text with a caret under the column.
    public func pointing(into filter: String) -> String {
        filter + "\n" + String(repeating: " ", count: max(0, column - 1)) + "^ " + reason
    }
}
