import CrystalOptimade
import Foundation

/// The members every OPTIMADE JSON response carries: `jsonapi`, `meta` (api_version, query, more_data_available,
/// provider, implementation, time_stamp, schema, warnings), then `data` and `links`, or `errors`.
struct ResponseEnvelope: Sendable {
    static let apiVersion = OptimadeResource.apiVersion
    static let implementationVersion = "0.1.0"
    static let schema = "https://schemas.optimade.org/openapi/v1.2/optimade.json"

    let configuration: ServerConfiguration

    var provider: JSONValue {
        .object([
            .init("name", .string(configuration.providerName)),
            .init("description", .string(configuration.providerDescription)),
            .init("prefix", .string(configuration.providerPrefix)),
            .init("homepage", .null),
        ])
    }

    static let implementation: JSONValue = .object([
        .init("name", "crystaldb"),
        .init("version", .string(implementationVersion)),
    ])

    static let jsonapi: JSONValue = .object([
        .init("version", "1.1"),
        .init("meta", .object([.init("api", "OPTIMADE"), .init("api-version", .string(apiVersion))])),
    ])

    struct Counts: Sendable {
        var returned: Int
        var available: Int
    }

    func meta(representation: String, moreDataAvailable: Bool, counts: Counts? = nil, lastID: String? = nil, warnings: [String] = []) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("query", .object([.init("representation", .string(representation))])),
            .init("api_version", .string(Self.apiVersion)),
            .init("more_data_available", .bool(moreDataAvailable)),
            .init("schema", .string(Self.schema)),
            .init("time_stamp", .string(Self.timestamp())),
        ]
        if let counts {
            members.append(.init("data_returned", .int(counts.returned)))
            members.append(.init("data_available", .int(counts.available)))
        }
        if let lastID { members.append(.init("last_id", .string(lastID))) }
        members.append(.init("provider", provider))
        members.append(.init("implementation", Self.implementation))
        if !warnings.isEmpty {
            members.append(.init("warnings", .array(warnings.enumerated().map { index, detail in
                .object([
                    .init("type", "warning"),
                    .init("id", .string("warning-\(index + 1)")),
                    .init("code", .string("_\(configuration.providerPrefix)_query_warning")),
                    .init("title", "Warning"),
                    .init("detail", .string(detail)),
                ])
            })))
        }
        return .object(members)
    }

    func document(data: JSONValue, meta: JSONValue, links: JSONValue? = nil) -> JSONValue {
        var members: [JSONValue.Member] = [.init("jsonapi", Self.jsonapi), .init("data", data), .init("meta", meta)]
        if let links { members.append(.init("links", links)) }
        return .object(members)
    }

    func errorDocument(_ error: OptimadeError, representation: String) -> JSONValue {
        .object([
            .init("jsonapi", Self.jsonapi),
            .init("errors", .array([error.json])),
            .init("meta", meta(representation: representation, moreDataAvailable: false)),
        ])
    }

    /// Now, RFC 3339 in UTC with seconds.
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
