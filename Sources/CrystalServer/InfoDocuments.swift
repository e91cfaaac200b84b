import CrystalOptimade

/// The introspection documents: /info, /info/structures, /links and /versions.
struct InfoDocuments: Sendable {
    let configuration: ServerConfiguration
    let properties: StructureProperties
    let address: BaseAddress

    var versionedBaseURL: String { address.url + "/v1" }

    /// Optional filter-language features this server supports (OPTIMADE 1.2, "Optional filter features"), and those
    /// it answers with 501.
    static let optionalFilterFeatures: [String] = [
        "constant first (3 < nsites)", "property on the right-hand side (nsites < nelements)", "number constant against number constant (5 < 7)",
        "operators inside HAS lists (elements HAS < \"C\", HAS ALL > \"A\", < \"F\")", "HAS ONLY",
        "correlated lists of elements and elements_ratios, in any order, with operators", "LENGTH with an operator (elements LENGTH >= 3)",
        "a property on the right of CONTAINS, STARTS WITH, ENDS WITH", "TRUE / FALSE",
    ]
    static let unsupportedFilterFeatures: [String] = [
        "nested property names and relationships (references.id): 501", "properties inside HAS lists: 501",
        "string constant against string constant: 501 (as the specification requires)",
        "comparisons of values of different types: 501 (as the specification requires)",
    ]

    var baseInfo: JSONValue {
        .object([
            .init("type", "info"),
            .init("id", "/"),
            .init("attributes", .object([
                .init("api_version", .string(ResponseEnvelope.apiVersion)),
                .init("available_api_versions", .array([
                    .object([.init("url", .string(versionedBaseURL)), .init("version", .string(ResponseEnvelope.apiVersion))]),
                ])),
                .init("formats", .array(["json"])),
                .init("entry_types_by_format", .object([.init("json", .array(["structures"]))])),
                .init("available_endpoints", .array(["info", "links", "structures"])),
                .init("is_index", false),
                .init("_\(configuration.providerPrefix)_optional_filter_features", .array(Self.optionalFilterFeatures.map(JSONValue.string))),
                .init("_\(configuration.providerPrefix)_unsupported_filter_features", .array(Self.unsupportedFilterFeatures.map(JSONValue.string))),
            ])),
        ])
    }

    var structuresInfo: JSONValue { properties.infoDocument }

    var links: JSONValue {
        .array([
            .object([
                .init("type", "links"),
                .init("id", .string(configuration.providerPrefix)),
                .init("attributes", .object([
                    .init("name", .string(configuration.providerName)),
                    .init("description", .string(configuration.providerDescription)),
                    .init("base_url", .string(address.url)),
                    .init("homepage", .null),
                    .init("link_type", "root"),
                ])),
            ]),
        ])
    }

    /// `/versions`: RFC 4180 CSV with a header line.
    static let versions = "version\n1\n"
}
