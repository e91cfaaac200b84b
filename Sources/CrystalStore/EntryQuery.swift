/// Streams entries as rows of chosen fields, in id order; never holds the result set in memory.
public struct EntryQuery {
    public let fields: [QueryField]
    /// Only entries the last hull run called stable.
    public var onlyStable = false

    public init(fieldNames: [String]) throws(StoreError) {
        var fields = [QueryField]()
        for name in fieldNames {
            guard let field = QueryField.byName[name] else {
                throw StoreError(code: 0, message: "unknown field '\(name)'; known: \(QueryField.all.map(\.name).joined(separator: ", "))")
            }
            fields.append(field)
        }
        self.fields = fields
    }

    public var sql: String {
        "SELECT " + fields.map(\.sql).joined(separator: ", ") + " " + QueryField.fromClause
            + (onlyStable ? " WHERE g.is_stable = 1" : "") + " ORDER BY e.id"
    }

    /// The values of one entry, if it exists.
    public func runOne(_ db: Database, id: String, row: ([StoreValue]) throws -> Void) throws {
        let statement = try db.prepare("SELECT " + fields.map(\.sql).joined(separator: ", ") + " " + QueryField.fromClause + " WHERE e.id = ?")
        statement.bind(1, id)
        if try statement.step() { try row((0..<fields.count).map { statement.value(Int32($0)) }) }
    }

    /// Calls `row` with each entry's values, in field order.
    public func run(_ db: Database, row: ([StoreValue]) throws -> Void) throws {
        let statement = try db.prepare(sql)
        var values = [StoreValue](repeating: .null, count: fields.count)
        while try statement.step() {
            for index in fields.indices { values[index] = statement.value(Int32(index)) }
            try row(values)
        }
    }
}
