/// One page of an entry listing: the entries an `EntryQuery`'s condition selects, in its order, after skipping
/// `offset` of them or, in id order, only those whose id sorts after `afterID` (value-based paging, no deep scan).
public struct EntryPageQuery {
    public var query: EntryQuery
    public var limit: Int
    public var offset = 0
    /// Only with no sort fields (id order).
    public var afterID: String?

    public init(query: EntryQuery, limit: Int) {
        self.query = query
        self.limit = limit
    }

    var sql: String {
        let select = "SELECT " + query.fields.map(\.sql).joined(separator: ", ") + " " + QueryField.fromClause
        var conditions = [String]()
        if let condition = query.condition { conditions.append(condition.sql) }
        if afterID != nil { conditions.append("e.id > ?") }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let order = query.order
        let keys = "SELECT e.entry_pk " + query.fromClause(for: conditions.joined(separator: " ") + " " + order) + condition
            + " ORDER BY " + order + " LIMIT ? OFFSET ?"
        return select + " WHERE e.entry_pk IN (" + keys + ") ORDER BY " + order
    }

    /// Calls `row` with each entry's values, in field order.
    public func run(_ db: Database, row: ([StoreValue]) throws -> Void) throws {
        let statement = try db.prepare(sql)
        var bindings = query.condition?.bindings ?? []
        if let afterID { bindings.append(.text(afterID)) }
        bindings += [.integer(Int64(limit)), .integer(Int64(offset))]
        statement.bind(bindings)
        var values = [StoreValue](repeating: .null, count: query.fields.count)
        while try statement.step() {
            for index in values.indices { values[index] = statement.value(Int32(index)) }
            try row(values)
        }
    }
}
