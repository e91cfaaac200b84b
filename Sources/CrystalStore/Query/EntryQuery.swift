/// What to read about entries: fields, a predicate, an order, a window. `Store.entries(_:row:)` streams the
/// rows (never all in memory); `Store.count(_:)` counts them; `Store.plan(_:)` shows the planner's decision.
public struct EntryQuery: Sendable {
    public struct SortKey: Sendable, Equatable {
        public var field: QueryField
        public var descending: Bool
        public init(_ field: QueryField, descending: Bool = false) {
            self.field = field
            self.descending = descending
        }
    }

    public var fields: [QueryField]
    public var predicate: EntryPredicate = .all
    /// Sort keys; the id always breaks ties, so the order is stable.
    public var sort: [SortKey] = []
    public var limit: Int?
    /// Rows skipped before the first one returned (paging).
    public var offset = 0
    /// How many entries the predicate selects out of how many (a count the caller already has): lets the planner
    /// read a page in its order and stop, instead of finding and sorting every match, when matches are common.
    public var matchEstimate: (matches: Int, total: Int)?

    public init(fields: [QueryField], predicate: EntryPredicate = .all) {
        self.fields = fields
        self.predicate = predicate
    }

    public init(fieldNames: [String], predicate: EntryPredicate = .all) throws(StoreError) {
        var fields = [QueryField]()
        for name in fieldNames {
            guard let field = QueryField.byName[name] else {
                throw StoreError(code: 0, message: "unknown field '\(name)'; known: \(QueryField.all.map(\.name).joined(separator: ", "))")
            }
            fields.append(field)
        }
        self.init(fields: fields, predicate: predicate)
    }
}

extension Store {
    var planner: QueryPlanner { QueryPlanner(dialect: dialect) }

    /// The statement and joins that `entries(_:row:)` runs for `query`.
    public func plan(_ query: EntryQuery) -> QueryPlan { planner.rows(query) }

    /// The statement and joins that `count(_:)` runs for `query`.
    public func countPlan(_ query: EntryQuery) -> QueryPlan { planner.count(query) }

    /// Calls `row` with each matching entry's values, in field order.
    public func entries(_ query: EntryQuery, row: ([StoreValue]) throws -> Void) throws {
        let plan = planner.rows(query)
        try database.withCachedStatement(plan.sql) { statement in
            try statement.bind(plan.bindings)
            var values = [StoreValue](repeating: .null, count: query.fields.count)
            while try statement.step() {
                for index in query.fields.indices { values[index] = statement.value(Int32(index)) }
                try row(values)
            }
        }
    }

    /// The number of entries the query's predicate selects (limit and offset ignored).
    public func count(_ query: EntryQuery) throws -> Int {
        let plan = planner.count(query)
        return try database.withCachedStatement(plan.sql) { statement in
            try statement.bind(plan.bindings)
            guard try statement.step() else { return 0 }
            return Int(statement.int(0))
        }
    }

    /// One entry's values of `fields`, or nil when no entry has the id.
    public func entry(id: String, fields: [QueryField]) throws -> [StoreValue]? {
        let plan = planner.entry(id: id, fields: fields)
        return try database.withCachedStatement(plan.sql) { statement in
            try statement.bind(plan.bindings)
            guard try statement.step() else { return nil }
            return (0..<fields.count).map { statement.value(Int32($0)) }
        }
    }
}
