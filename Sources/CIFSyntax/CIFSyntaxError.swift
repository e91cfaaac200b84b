/// A CIF syntax error: what is wrong and on which 1-based line, in which block if one was open.
public struct CIFSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let block: String?
    public let reason: String

    public init(line: Int, block: String?, reason: String) {
        self.line = line
        self.block = block
        self.reason = reason
    }

    public var description: String {
        "line \(line)" + (block.map { " in data_\($0)" } ?? "") + ": \(reason)"
    }
}
