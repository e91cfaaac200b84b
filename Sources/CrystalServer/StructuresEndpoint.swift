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
        parameters.responseFields ?? properties.defaults
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
        let cache = pool.counts
        let (page, counts) = try await pool.withConnection { connection in
            let store = connection.store
            // The data version before the read transaction's snapshot: a count kept under it is never older than it.
            let version = try store.dataVersion()
            if connection.dataVersion != version {
                // A connection's first request too: another connection may have counted before a commit this one sees.
                cache.invalidate()
                connection.dataVersion = version
            }
            let generation = cache.generation
            return try store.reading {
                func count(_ predicate: EntryPredicate) throws -> Int {
                    let counting = EntryQuery(fields: [], predicate: predicate)
                    return try cache.count(store.countPlan(counting), generation: generation) { try store.count(counting) }
                }
                // The counts first: they tell the planner whether to read the page in order or to sort the matches.
                let returned = try count(predicate)
                let available = predicate == .all ? returned : try count(.all)
                let page = try query.page(store, predicate: predicate, sort: parameters.sort, limit: parameters.limit,
                                          offset: parameters.offset, afterID: parameters.afterID, properties: selected,
                                          estimate: (returned, available))
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
        let found = try await pool.withConnection { connection in try query.entry(connection.store, id: id, properties: selected) }
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
