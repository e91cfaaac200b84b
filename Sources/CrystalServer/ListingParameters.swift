import CrystalOptimade
import Foundation

/// The query parameters of an entry listing (or single entry) request, checked: OPTIMADE's standard names, the
/// paging forms, `sort` in JSON:API's form, `response_fields`. Unknown parameters are errors unless another
/// provider's prefix marks them (then they are ignored with a warning, as the specification asks).
struct ListingParameters: Sendable {
    var filter: String?
    var limit: Int
    var offset = 0
    var afterID: String?
    var sort: [OptimadeQuery.SortKey] = []
    /// Properties to return; nil means the default set.
    var responseFields: [StructureProperty]?
    /// Requested names this server does not have (other providers' fields): returned as null.
    var unknownResponseFields: [String] = []
    var warnings: [String] = []

    static let standardParameters: Set<String> = [
        "filter", "page_limit", "page_offset", "page_number", "page_cursor", "page_above", "page_below", "sort", "include",
        "response_format", "email_address", "response_fields", "api_hint",
    ]
    static let singleEntryParameters: Set<String> = ["response_format", "email_address", "response_fields", "api_hint", "include"]

    init(_ query: QueryString, properties: StructureProperties, configuration: ServerConfiguration, singleEntry: Bool) throws(OptimadeError) {
        limit = configuration.defaultPageLimit
        let ownPrefix = "_\(configuration.providerPrefix)_"
        for (name, _) in query.parameters {
            let known = singleEntry ? Self.singleEntryParameters : Self.standardParameters
            if known.contains(name) { continue }
            if singleEntry {
                // Single entry endpoints ignore what they do not recognise (specification, "Single Entry URL Query Parameters").
                warnings.append("the query parameter '\(name)' is not used by single entry requests and was ignored")
                continue
            }
            if name.hasPrefix(ownPrefix) || !name.hasPrefix("_") {
                throw .badRequest("unknown query parameter '\(name)'; known: \(Self.standardParameters.sorted().joined(separator: ", "))", parameter: name)
            }
            warnings.append("the query parameter '\(name)' belongs to another provider and was ignored")
        }
        if let format = query["response_format"], format != "json" {
            throw .badRequest("response_format '\(format)' is not available; the only format is json", parameter: "response_format")
        }
        if let include = query["include"], !include.isEmpty, include != "references" {
            throw .badRequest("include: structures have no relationships here; '\(include)' is not a relationship path", parameter: "include")
        }
        if let hint = query["api_hint"] {
            guard hint.range(of: #"^v[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else {
                throw .badRequest("api_hint must look like v1 or v1.2, not '\(hint)'", parameter: "api_hint")
            }
        }
        if let fields = query["response_fields"] {
            var selected = [StructureProperty]()
            for raw in fields.split(separator: ",", omittingEmptySubsequences: true) {
                let name = raw.trimmingCharacters(in: .whitespaces)
                if name.isEmpty || name == "id" || name == "type" { continue }
                if let property = properties.byName[name] {
                    if !selected.contains(where: { $0.name == name }) { selected.append(property) }
                } else if name.hasPrefix(ownPrefix) {
                    throw .badRequest("response_fields: unknown field '\(name)' (/info/structures lists the fields)", parameter: "response_fields")
                } else if name.hasPrefix("_") {
                    if !unknownResponseFields.contains(name) { unknownResponseFields.append(name) }
                } else {
                    throw .badRequest("response_fields: '\(name)' is not an OPTIMADE structures property", parameter: "response_fields")
                }
            }
            responseFields = selected
        }
        if singleEntry { return }
        filter = query["filter"]
        if let text = query["page_limit"] {
            let value = try Self.integer(text, name: "page_limit", minimum: 0)
            guard value <= configuration.maximumPageLimit else {
                throw OptimadeError(status: .forbidden, detail: "page_limit may be at most \(configuration.maximumPageLimit), not \(value)", parameter: "page_limit")
            }
            limit = value
        }
        let paging = ["page_offset", "page_number", "page_cursor", "page_above", "page_below"].filter { query[$0] != nil }
        guard paging.count <= 1 else {
            throw .badRequest("use one of \(paging.joined(separator: ", ")), not several", parameter: paging[1])
        }
        if let text = query["page_offset"] { offset = try Self.integer(text, name: "page_offset", minimum: 0) }
        if let text = query["page_cursor"] { offset = try Self.integer(text, name: "page_cursor", minimum: 0) }
        if let text = query["page_number"] {
            let number = try Self.integer(text, name: "page_number", minimum: 1)
            let (product, overflow) = (number - 1).multipliedReportingOverflow(by: limit)
            guard !overflow else { throw .badRequest("page_number \(number) is beyond any page", parameter: "page_number") }
            offset = product
        }
        if query["page_below"] != nil {
            throw .notImplemented("page_below is not supported; page forward with page_above, or use page_offset", parameter: "page_below")
        }
        if let sortText = query["sort"] {
            for raw in sortText.split(separator: ",", omittingEmptySubsequences: false) {
                var name = raw.trimmingCharacters(in: .whitespaces)
                let descending = name.hasPrefix("-")
                if descending { name.removeFirst() }
                if name == "id" {
                    // Ascending id is the default order (and the tie-breaker of every other).
                    if descending { sort.append(OptimadeQuery.SortKey(property: StructureProperties.idProperty, descending: true)) }
                    continue
                }
                guard let property = properties.byName[name] else {
                    throw .badRequest("sort: unknown field '\(name)'", parameter: "sort")
                }
                guard property.sortable else { throw .badRequest("sort: '\(name)' cannot be sorted on", parameter: "sort") }
                sort.append(OptimadeQuery.SortKey(property: property, descending: descending))
            }
        }
        if let above = query["page_above"] {
            guard sort.isEmpty else {
                throw .notImplemented("page_above pages in id order only; with sort, use page_offset", parameter: "page_above")
            }
            afterID = above
        }
    }

    static func integer(_ text: String, name: String, minimum: Int) throws(OptimadeError) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= minimum else {
            throw .badRequest("\(name) must be a whole number of at least \(minimum), not '\(text.prefix(40))'", parameter: name)
        }
        return value
    }
}
