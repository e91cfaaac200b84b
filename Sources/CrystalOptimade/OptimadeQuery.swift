import CrystalModel
import CrystalQuery
import CrystalStore

/// Runs OPTIMADE listings against a store: the filter compiled to the store's condition, the requested
/// properties read (the structure only when one of them needs it), pages in a stable order.
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
        guard property.sortable, property.storeFields.count == 1 else { return nil }
        return QueryField.byNameWithInternal[property.storeFields[0]]
    }

    /// The condition a filter selects (nil for no filter), with the warnings its evaluation raised.
    public func condition(filter: String?) throws -> (condition: (sql: String, bindings: [StoreValue])?, warnings: [String]) {
        guard let filter, !filter.allSatisfy(\.isWhitespace) else { return (nil, []) }
        let parsed = try FilterParser.parse(filter)
        if parsed == .all { return (nil, []) }
        let compiled = try FilterCompiler().compile(try rename(parsed))
        return ((compiled.sql, compiled.bindings), [])
    }

    /// OPTIMADE and provider-prefixed names -> the store's field names.
    func rename(_ filter: Filter) throws(FilterError) -> Filter {
        func name(_ field: String, _ column: Int) throws(FilterError) -> String {
            if let stored = properties.storeName(ofProviderField: field) {
                guard StructureProperties.providerFields.contains(where: { $0.name == stored }) else {
                    throw FilterError(column: column, reason: "unknown field '\(field)' (/info/structures lists the fields)")
                }
                return stored
            }
            switch field {
            case "space_group_it_number": return "spacegroup_number"
            default: return field
            }
        }
        func property(_ p: Filter.Property) throws(FilterError) -> Filter.Property { Filter.Property(try name(p.name, p.column), column: p.column) }
        func operand(_ o: Filter.Operand) throws(FilterError) -> Filter.Operand {
            if case .property(let p) = o { return .property(try property(p)) }
            return o
        }
        func item(_ i: Filter.ListItem) throws(FilterError) -> Filter.ListItem {
            Filter.ListItem(i.comparison, try operand(i.operand), explicitOperator: i.explicitOperator)
        }
        switch filter {
        case .all: return .all
        case .and(let l, let r): return .and(try rename(l), try rename(r))
        case .or(let l, let r): return .or(try rename(l), try rename(r))
        case .not(let inner): return .not(try rename(inner))
        case let .compare(l, op, r): return .compare(try operand(l), op, try operand(r))
        case let .known(p, known): return .known(try property(p), known)
        case let .match(p, kind, o): return .match(try property(p), kind, try operand(o))
        case let .has(p, mode, items):
            var renamed = [Filter.ListItem]()
            for i in items { renamed.append(try item(i)) }
            return .has(try property(p), mode, renamed)
        case let .length(p, op, n, column): return .length(try property(p), op, n, valueColumn: column)
        case .zipped: return filter
        }
    }

    /// The stored fields the properties need, the id and row key first.
    func fields(for requested: [StructureProperty]) -> [QueryField] {
        var names = ["id"]
        for property in requested {
            for name in property.storeFields where !names.contains(name) { names.append(name) }
        }
        return [QueryField.entryKey] + names.compactMap { QueryField.byNameWithInternal[$0] }
    }

    func entries(_ db: Database, fields: [QueryField], needsStructure: Bool, run: (([StoreValue]) throws -> Void) throws -> Void) throws -> [OptimadeEntry] {
        let reader = needsStructure ? try StructureReader(db: db) : nil
        var out = [OptimadeEntry]()
        try run { values in out.append(try entry(values, fields: fields, reader: reader)) }
        return out
    }

    /// One page: up to `limit` entries (one more is read to tell whether more follow).
    public func page(_ db: Database, condition: (sql: String, bindings: [StoreValue])?, sort: [SortKey], limit: Int, offset: Int,
                     afterID: String?, properties requested: [StructureProperty]) throws -> (entries: [OptimadeEntry], more: Bool) {
        let fields = fields(for: requested)
        var query = EntryQuery(fields: fields)
        query.condition = condition
        query.sort = sort.compactMap { key in sortField(key.property).map { ($0, key.descending) } }
        var page = EntryPageQuery(query: query, limit: limit + 1)
        page.offset = offset
        page.afterID = afterID
        var entries = try entries(db, fields: fields, needsStructure: requested.contains(where: \.needsStructure)) { try page.run(db, row: $0) }
        let more = entries.count > limit
        if more { entries.removeLast() }
        return (entries, more)
    }

    /// The number of entries a condition selects.
    public func count(_ db: Database, condition: (sql: String, bindings: [StoreValue])?) throws -> Int {
        var query = EntryQuery(fields: [QueryField.entryKey])
        query.condition = condition
        return try query.count(db)
    }

    /// Every entry the condition selects, in id order, one at a time (exports: never all in memory).
    public func forEach(_ db: Database, condition: (sql: String, bindings: [StoreValue])?, properties requested: [StructureProperty],
                        _ body: (OptimadeEntry) throws -> Void) throws {
        let fields = fields(for: requested)
        var query = EntryQuery(fields: fields)
        query.condition = condition
        let reader = requested.contains(where: \.needsStructure) ? try StructureReader(db: db) : nil
        try query.run(db) { values in
            try body(try entry(values, fields: fields, reader: reader))
        }
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

    /// One entry by id.
    public func entry(_ db: Database, id: String, properties requested: [StructureProperty]) throws -> OptimadeEntry? {
        let fields = fields(for: requested)
        let query = EntryQuery(fields: fields)
        return try entries(db, fields: fields, needsStructure: requested.contains(where: \.needsStructure)) { row in
            try query.runOne(db, id: id, row: row)
        }.first
    }
}
