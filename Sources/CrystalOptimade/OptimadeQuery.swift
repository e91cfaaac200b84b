import CrystalModel
import CrystalQuery
import CrystalStore

/// Runs OPTIMADE listings against a store through its one planner: the filter compiled to the store's
/// predicate, the requested properties read (the structure only when one of them needs it), pages in a stable
/// order (the sort keys, then the id).
public struct OptimadeQuery: Sendable {
    public let properties: StructureProperties

    public init(properties: StructureProperties) {
        self.properties = properties
    }

    /// A sort key: a sortable property and its direction.
    public struct SortKey: Sendable {
        public var property: StructureProperty
        public var descending: Bool
        public init(property: StructureProperty, descending: Bool) {
            self.property = property
            self.descending = descending
        }
    }

    /// The stored field a sortable property orders by; nil for a property that cannot order a listing.
    public func sortField(_ property: StructureProperty) -> QueryField? {
        property.sortField.flatMap { QueryField.byNameWithInternal[$0] }
    }

    /// The predicate a filter selects (`.all` for none), with the warnings compiling it raised.
    public func predicate(filter: String?) throws(FilterError) -> (predicate: EntryPredicate, warnings: [String]) {
        guard let filter, !filter.allSatisfy(\.isWhitespace) else { return (.all, []) }
        var compiler = FilterCompiler(providerPrefix: properties.prefix, names: .optimade)
        let predicate = try compiler.compile(try FilterParser.parse(filter))
        return (predicate, compiler.warnings)
    }

    /// The stored fields the properties need, the row key and the id first.
    func fields(for requested: [StructureProperty]) -> [QueryField] {
        var names = ["id"]
        for property in requested {
            for name in property.storeFields where !names.contains(name) { names.append(name) }
        }
        return [QueryField.entryKey] + names.compactMap { QueryField.byNameWithInternal[$0] }
    }

    func entry(_ values: [StoreValue], fields: [QueryField], reader: StructureReader?) throws -> OptimadeEntry {
        var byName = [String: StoreValue](minimumCapacity: fields.count)
        for (field, value) in zip(fields, values) { byName[field.name] = value }
        var composition = Composition()
        if case .text(let stored)? = byName["composition"] { composition = OptimadeEntry.composition(fromStored: stored) }
        var structure: Structure?
        if let reader, case .integer(let pk)? = byName[QueryField.entryKey.name] { structure = try reader.structure(entryPK: pk) }
        let id: String
        if case .text(let text)? = byName["id"] { id = text } else { id = "" }
        return OptimadeEntry(id: id, values: byName, composition: composition, structure: structure)
    }

    /// One page: up to `limit` entries after skipping `offset`, or (in id order) those after `afterID`; one more is
    /// read to tell whether more follow.
    public func page(_ store: Store, predicate: EntryPredicate, sort: [SortKey], limit: Int, offset: Int, afterID: String?,
                     properties requested: [StructureProperty], estimate: (matches: Int, total: Int)? = nil) throws -> (entries: [OptimadeEntry], more: Bool) {
        let fields = fields(for: requested)
        var condition = predicate
        if let afterID, let id = QueryField.byName["id"] { condition = condition.and(.compare(id, .greater, .text(afterID))) }
        var query = EntryQuery(fields: fields, predicate: condition)
        query.sort = sort.compactMap { key in sortField(key.property).map { EntryQuery.SortKey($0, descending: key.descending) } }
        query.limit = limit + 1
        query.offset = offset
        // With page_above the window starts after an id: the count is not the number of rows the scan passes.
        if afterID == nil { query.matchEstimate = estimate }
        let reader = requested.contains(where: \.needsStructure) ? try store.structureReader() : nil
        var entries = [OptimadeEntry]()
        try store.entries(query) { values in entries.append(try entry(values, fields: fields, reader: reader)) }
        let more = entries.count > limit
        if more { entries.removeLast() }
        return (entries, more)
    }

    /// The number of entries a predicate selects.
    public func count(_ store: Store, predicate: EntryPredicate) throws -> Int {
        try store.count(EntryQuery(fields: [], predicate: predicate))
    }

    /// One entry by id.
    public func entry(_ store: Store, id: String, properties requested: [StructureProperty]) throws -> OptimadeEntry? {
        let fields = fields(for: requested)
        guard let values = try store.entry(id: id, fields: fields) else { return nil }
        let reader = requested.contains(where: \.needsStructure) ? try store.structureReader() : nil
        return try entry(values, fields: fields, reader: reader)
    }

    /// Every entry the predicate selects, in id order, one at a time (exports: never all in memory).
    public func forEach(_ store: Store, predicate: EntryPredicate, properties requested: [StructureProperty],
                        _ body: (OptimadeEntry) throws -> Void) throws {
        let fields = fields(for: requested)
        let reader = requested.contains(where: \.needsStructure) ? try store.structureReader() : nil
        try store.entries(EntryQuery(fields: fields, predicate: predicate)) { values in
            try body(try entry(values, fields: fields, reader: reader))
        }
    }
}
