/// Streams entries as rows of chosen fields: an optional condition (SQL over the entry row with bound
/// values, built by CrystalQuery from a whitelisted filter), an order, a limit. Rows are never all in memory.
public struct EntryQuery {
    public let fields: [QueryField]
    /// A condition over aliases e, l, g, and its bound values.
    public var condition: (sql: String, bindings: [StoreValue])?
    /// Sort fields (whitelisted) with descending flags; `e.id` always breaks ties, so the order is stable.
    public var sort: [(field: QueryField, descending: Bool)] = []
    public var limit: Int?

    public init(fields: [QueryField]) {
        self.fields = fields
    }

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

    var whereClause: String { condition.map { " WHERE " + $0.sql } ?? "" }

    public var sql: String {
        let order = (sort.map { "\($0.field.sql) \($0.descending ? "DESC" : "ASC") NULLS LAST" } + ["e.id"]).joined(separator: ", ")
        return "SELECT " + fields.map(\.sql).joined(separator: ", ") + " " + QueryField.fromClause + whereClause
            + " ORDER BY " + order + (limit != nil ? " LIMIT ?" : "")
    }

    func bindAll(_ statement: Statement, extra: [StoreValue] = []) {
        statement.bind((condition?.bindings ?? []) + extra)
    }

    /// Calls `row` with each entry's values, in field order.
    public func run(_ db: Database, row: ([StoreValue]) throws -> Void) throws {
        let statement = try db.prepare(sql)
        bindAll(statement, extra: limit.map { [.integer(Int64($0))] } ?? [])
        var values = [StoreValue](repeating: .null, count: fields.count)
        while try statement.step() {
            for index in fields.indices { values[index] = statement.value(Int32(index)) }
            try row(values)
        }
    }

    /// The number of entries the condition selects (limit ignored).
    public func count(_ db: Database) throws -> Int {
        let statement = try db.prepare("SELECT count(*) " + QueryField.fromClause + whereClause)
        bindAll(statement)
        guard try statement.step() else { return 0 }
        return Int(statement.int(0))
    }

    /// The values of one entry, if it exists.
    public func runOne(_ db: Database, id: String, row: ([StoreValue]) throws -> Void) throws {
        let statement = try db.prepare("SELECT " + fields.map(\.sql).joined(separator: ", ") + " " + QueryField.fromClause + " WHERE e.id = ?")
        statement.bind(1, id)
        if try statement.step() { try row((0..<fields.count).map { statement.value(Int32($0)) }) }
    }
}
