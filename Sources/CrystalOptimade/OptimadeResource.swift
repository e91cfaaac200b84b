/// A stored entry as an OPTIMADE `structures` resource object (`type`, `id`, `attributes`, and `links.self` when
/// the server knows its URL): what /structures returns and what `export --format optimade-jsonl` writes.
public enum OptimadeResource {
    /// The OPTIMADE API version served and written.
    public static let apiVersion = "1.2.0"

    /// First line of an OPTIMADE JSONL file (the format optimade-python-tools' `insert_from_jsonl` reads): the header,
    /// then the `info/structures` resource, then one entry per line.
    public static var jsonLinesHeader: JSONValue {
        .object([.init("x-optimade", .object([.init("meta", .object([.init("api_version", .string(apiVersion))]))]))])
    }

    /// `unknown` names (other providers' fields asked for in response_fields) are given as null.
    public static func json(_ entry: OptimadeEntry, properties: [StructureProperty], unknown: [String] = [], selfLink: String? = nil) -> JSONValue {
        var attributes = properties.map { JSONValue.Member($0.name, $0.value(of: entry)) }
        attributes += unknown.map { JSONValue.Member($0, .null) }
        var members: [JSONValue.Member] = [.init("type", "structures"), .init("id", .string(entry.id)), .init("attributes", .object(attributes))]
        if let selfLink { members.append(.init("links", .object([.init("self", .string(selfLink))]))) }
        return .object(members)
    }
}
