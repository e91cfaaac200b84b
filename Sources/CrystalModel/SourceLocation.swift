/// Where a piece of input came from: file path, archive member, 1-based line, data block.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// Member name inside an archive (`by_id.zip` -> `mp-1.cif`), nil for a plain file.
    public var member: String?
    /// 1-based line, nil when the problem concerns the whole file.
    public var line: Int?
    /// CIF data block name (without `data_`), nil outside CIF.
    public var block: String?

    public init(path: String, member: String? = nil, line: Int? = nil, block: String? = nil) {
        self.path = path
        self.member = member
        self.line = line
        self.block = block
    }

    /// `path` or `path(member)`.
    public var file: String { member.map { "\(path)(\($0))" } ?? path }

    /// gemmi's form: `path:line in data_X`.
    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        if let block { out += " in data_\(block)" }
        return out
    }

    public func at(line: Int?, block: String? = nil) -> SourceLocation {
        SourceLocation(path: path, member: member, line: line, block: block ?? self.block)
    }
}
