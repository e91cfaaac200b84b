import CrystalOptimade
import CrystalQuery
import CrystalStore

/// `/structures` and `/structures/{id}`: filters, paging, sorting and response fields over the store.
struct StructuresEndpoint: Sendable {
    let configuration: ServerConfiguration
    let properties: StructureProperties
    let query: OptimadeQuery
    let envelope: ResponseEnvelope
    let pool: ConnectionPool
    let address: BaseAddress

    /// The properties a response carries: the requested ones, or the default set.
    func selected(_ parameters: ListingParameters) -> [StructureProperty] {
        parameters.responseFields ?? properties.all.filter(\.isDefault)
    }

    func resource(_ entry: OptimadeEntry, properties selected: [StructureProperty], unknown: [String]) -> JSONValue {
        OptimadeResource.json(entry, properties: selected, unknown: unknown,
                              selfLink: address.url + "/v1/structures/" + Self.percentEncoded(entry.id))
    }

    func listing(_ queryString: QueryString, path: String, representation: String) async throws -> JSONValue {
        let parameters = try ListingParameters(queryString, properties: properties, configuration: configuration, singleEntry: false)
        let compiled: (predicate: EntryPredicate, warnings: [String])
        do { compiled = try query.predicate(filter: parameters.filter) } catch {
            throw FilterProblem(error: error, filter: parameters.filter ?? "")
        }
        let selected = selected(parameters)
        let query = self.query
        let predicate = compiled.predicate
        let (page, counts) = try await pool.withConnection { store in
            try store.reading {
                let page = try query.page(store, predicate: predicate, sort: parameters.sort, limit: parameters.limit,
                                          offset: parameters.offset, afterID: parameters.afterID, properties: selected)
                let returned = try query.count(store, predicate: predicate)
                let available = predicate == .all ? returned : try query.count(store, predicate: .all)
                return (page, ResponseEnvelope.Counts(returned: returned, available: available))
            }
        }
        let data = JSONValue.array(page.entries.map { resource($0, properties: selected, unknown: parameters.unknownResponseFields) })
        var next = JSONValue.null
        if page.more, let last = page.entries.last {
            next = .string(address.url + path + "?" + nextQuery(queryString, parameters: parameters, lastID: last.id))
        }
        let meta = envelope.meta(representation: representation, moreDataAvailable: page.more, counts: counts,
                                 lastID: page.entries.last?.id, warnings: parameters.warnings + compiled.warnings)
        return envelope.document(data: data, meta: meta, links: .object([.init("next", next)]))
    }

    /// The query of the next page: the same parameters with the paging advanced (page_above in id order, else
    /// page_offset).
    func nextQuery(_ queryString: QueryString, parameters: ListingParameters, lastID: String) -> String {
        var pairs = queryString.parameters.filter { !["page_offset", "page_number", "page_cursor", "page_above"].contains($0.name) }
        if parameters.sort.isEmpty {
            pairs.append(("page_above", lastID))
        } else {
            pairs.append(("page_offset", String(parameters.offset + parameters.limit)))
        }
        if queryString["page_limit"] == nil { pairs.append(("page_limit", String(parameters.limit))) }
        return pairs.map { Self.formEncoded($0.name) + "=" + Self.formEncoded($0.value) }.joined(separator: "&")
    }

    func single(id: String, _ queryString: QueryString, representation: String) async throws -> JSONValue {
        let parameters = try ListingParameters(queryString, properties: properties, configuration: configuration, singleEntry: true)
        let selected = selected(parameters)
        let query = self.query
        let found = try await pool.withConnection { store in try query.entry(store, id: id, properties: selected) }
        guard let entry = found else {
            throw OptimadeError.notFound("no structures entry has the id '\(id)'")
        }
        let meta = envelope.meta(representation: representation, moreDataAvailable: false,
                                 counts: .init(returned: 1, available: 1), warnings: parameters.warnings)
        return envelope.document(data: resource(entry, properties: selected, unknown: parameters.unknownResponseFields), meta: meta)
    }

    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// RFC 3986 percent-encoding of everything but unreserved characters (a path segment or a query value).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded }
        }
        return out
    }

    static func formEncoded(_ text: String) -> String { percentEncoded(text) }
}

/// A filter that cannot be run, with the text it came from (for the caret under the column).
struct FilterProblem: Error {
    let error: FilterError
    let filter: String
}

extension String {
    var leftPadded: String { count == 1 ? "0" + self : self }
}
