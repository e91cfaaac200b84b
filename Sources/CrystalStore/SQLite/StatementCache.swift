/// Prepared statements of one connection kept for reuse, by SQL text: preparing the planner's statements (with
/// their subqueries) costs more than running them for a page of 20 entries. Bounded; the oldest goes first. A
/// statement being stepped is lent out once at a time: a nested request for the same SQL gets a fresh one.
struct StatementCache {
    static let capacity = 64
    private var statements: [String: Statement] = [:]
    private var order: [String] = []
    private var lent: Set<String> = []

    mutating func borrow(_ sql: String, prepare: () throws(StoreError) -> Statement) throws(StoreError) -> (Statement, cached: Bool) {
        if lent.contains(sql) { return (try prepare(), false) }
        if let statement = statements[sql] {
            lent.insert(sql)
            return (statement, true)
        }
        let statement = try prepare()
        if statements.count >= Self.capacity, let oldest = order.first {
            order.removeFirst()
            statements[oldest] = nil
        }
        statements[sql] = statement
        order.append(sql)
        lent.insert(sql)
        return (statement, true)
    }

    mutating func giveBack(_ sql: String) {
        lent.remove(sql)
    }
}

extension Database {
    /// Runs `body` with a prepared statement for `sql`, kept for the next call; reset (bindings cleared) afterwards.
    func withCachedStatement<T>(_ sql: String, _ body: (Statement) throws -> T) throws -> T {
        let (statement, cached) = try statementCache.borrow(sql) { () throws(StoreError) -> Statement in try prepare(sql) }
        defer {
            statement.reset()
            if cached { statementCache.giveBack(sql) }
        }
        return try body(statement)
    }
}
