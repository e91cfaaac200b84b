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

    var order: String {
        (sort.map { "\($0.field.sql) \($0.descending ? "DESC" : "ASC") NULLS LAST" } + ["e.id"]).joined(separator: ", ")
    }

    /// With a limit, the matching row keys are found and sorted first, joining only the tables the
    /// condition and the sort name, and only those rows are then read whole.
    public var sql: String {
        let select = "SELECT " + fields.map(\.sql).joined(separator: ", ") + " " + QueryField.fromClause
        guard limit != nil else { return select + whereClause + " ORDER BY " + order }
        let keys = "SELECT e.entry_pk " + fromClause(for: (condition?.sql ?? "") + " " + order) + whereClause + " ORDER BY " + order + " LIMIT ?"
        return select + " WHERE e.entry_pk IN (" + keys + ") ORDER BY " + order
    }

    /// `FROM entries e` plus only the joins whose alias (l, g) the SQL uses.
    func fromClause(for sql: String) -> String {
        var from = "FROM entries e"
        if Self.uses("l", in: sql) { from += " LEFT JOIN lattices l ON l.entry_pk = e.entry_pk" }
        if Self.uses("g", in: sql) { from += " LEFT JOIN energies g ON g.entry_pk = e.entry_pk" }
        if Self.uses("y", in: sql) { from += " LEFT JOIN symmetry y ON y.entry_pk = e.entry_pk" }
        if Self.uses("d", in: sql) { from += " LEFT JOIN duplicates d ON d.entry_pk = e.entry_pk" }
        return from
    }

    /// True when `alias.` appears in `sql` as a table alias (not inside a longer name).
    static func uses(_ alias: Character, in sql: String) -> Bool {
        var previous: Character = " "
        var iterator = sql.makeIterator()
        while let c = iterator.next() {
            if c == alias, !(previous.isLetter || previous.isNumber || previous == "_") {
                guard let next = iterator.next() else { return false }
                if next == "." { return true }
                previous = next
                continue
            }
            previous = c
        }
        return false
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

    /// The number of entries the condition selects (limit ignored); joins only the tables it names, and
    /// counts energies rows alone when the condition reads nothing else (every energy row has its entry).
    public func count(_ db: Database) throws -> Int {
        let sql = condition?.sql ?? ""
        var from = fromClause(for: sql)
        if Self.uses("g", in: sql) && !Self.uses("e", in: sql) && !Self.uses("l", in: sql) && !Self.uses("y", in: sql) && !Self.uses("d", in: sql) { from = "FROM energies g" }
        let statement = try db.prepare("SELECT count(*) " + from + whereClause)
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
