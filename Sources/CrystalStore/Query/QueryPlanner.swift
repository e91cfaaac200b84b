import CrystalModel

/// The one planner every filtered read goes through (`query`, `export`, `symmetry`, `dedupe`, the server):
/// it decides which tables a predicate, a sort and a field list need, and writes one SQL statement with every
/// value bound. Field expressions come from `QueryField` (a whitelist); engine-specific words from the dialect.
struct QueryPlanner {
    let dialect: any SQLDialect

    /// A condition's SQL, its bound values and the tables it reads.
    struct Condition {
        var sql: String
        var bindings: [StoreValue]
        var tables: StoreTables
    }

    func condition(_ predicate: EntryPredicate) -> Condition {
        var builder = SQLBuilder()
        var tables = StoreTables()
        let sql = node(predicate, &builder, &tables)
        return Condition(sql: sql, bindings: builder.bindings, tables: tables)
    }

    private func node(_ predicate: EntryPredicate, _ b: inout SQLBuilder, _ tables: inout StoreTables) -> String {
        func field(_ field: QueryField) -> String {
            tables.formUnion(field.tables)
            return field.expression(dialect)
        }
        switch predicate {
        case .all:
            return "1"
        case .constant(let value):
            return value ? "1" : "0"
        case .and:
            // The number of elements is a property of the chemical system: a count test beside an element test
            // narrows the systems, so that entries are read only from systems that pass both.
            var terms = Self.conjuncts(of: predicate)
            if let index = terms.firstIndex(where: { if case .elements = $0 { true } else { false } }),
               case let .elements(match, elements) = terms[index] {
                let counts = terms.compactMap(Self.elementCountTest)
                if !counts.isEmpty {
                    terms.removeAll { Self.elementCountTest($0) != nil }
                    tables.insert(.entries)
                    let sql = elementCondition(match, ElementMask(elements), &b, counts: counts)
                    let rest = terms.enumerated().filter { $0.offset != terms.firstIndex(of: .elements(match, elements)) }.map { node($0.element, &b, &tables) }
                    return "(" + ([sql] + rest).joined(separator: " AND ") + ")"
                }
            }
            guard case .and(let l, let r) = predicate else { return "1" }
            return "(\(node(l, &b, &tables)) AND \(node(r, &b, &tables)))"
        case .or(let l, let r):
            return "(\(node(l, &b, &tables)) OR \(node(r, &b, &tables)))"
        case .not(let inner):
            return "(NOT \(node(inner, &b, &tables)))"
        case .unknown:
            return "NULL"
        case let .compareFields(l, op, r):
            return "(\(field(l)) \(op.rawValue) \(field(r)))"
        case let .textFields(l, match, r):
            let text = field(l), part = field(r)
            switch match {
            case .contains: return "(instr(\(text), \(part)) > 0)"
            case .startsWith: return "(substr(\(text), 1, length(\(part))) = \(part))"
            case .endsWith: return "(length(\(part)) = 0 OR (length(\(text)) >= length(\(part)) AND substr(\(text), -length(\(part))) = \(part)))"
            }
        case let .composition(match, tuples):
            tables.insert(.entries)
            let rows = "SELECT 1 FROM compositions c WHERE c.entry_pk = e.entry_pk AND "
            let conditions = tuples.map { tuple in
                tuple.map { term in
                    let column = term.column == .element ? "c.element" : "(c.amount / e.natoms)"
                    return "\(column) \(term.comparison.rawValue) \(b.parameter(term.value))"
                }.joined(separator: " AND ")
            }
            switch match {
            case .all: return "(" + conditions.map { "EXISTS (\(rows)\($0))" }.joined(separator: " AND ") + ")"
            case .any: return "(" + conditions.map { "EXISTS (\(rows)\($0))" }.joined(separator: " OR ") + ")"
            case .only: return "(NOT EXISTS (\(rows)NOT (" + conditions.map { "(\($0))" }.joined(separator: " OR ") + ")))"
            }
        case let .decomposition(match, ids):
            tables.insert(.energies)
            // `id:fraction;id:fraction`: an id is present when `;id:` occurs in `;` + the text.
            let present = ids.map { "(instr(';' || g.decomposition, ';' || \(b.parameter(.text($0))) || ':') > 0)" }
            switch match {
            case .all: return "(" + present.joined(separator: " AND ") + ")"
            case .any: return "(" + present.joined(separator: " OR ") + ")"
            case .only: return "((" + present.joined(separator: " + ") + ") = \(Self.decompositionCount))"
            }
        case let .decompositionLength(op, count):
            tables.insert(.energies)
            return "(\(Self.decompositionCount) \(op.rawValue) \(b.parameter(.real(count))))"
        case .disordered(let disordered):
            tables.insert(.entries)
            return "(\(disordered ? "" : "NOT ")EXISTS (\(Self.disorderedSites)))"
        case let .orderedSiteElements(match, elements):
            tables.insert(.entries)
            let symbols = elements.map { b.parameter(.text($0.symbol)) }
            let has = symbols.map { "EXISTS (\(Self.orderedSites) AND s.element = \($0))" }
            let test: String
            switch match {
            case .all: test = has.joined(separator: " AND ")
            case .any: test = has.joined(separator: " OR ")
            case .only: test = "NOT EXISTS (SELECT 1 FROM sites s WHERE s.entry_pk = e.entry_pk AND NOT (s.element IN (\(symbols.joined(separator: ", "))) "
                + "AND s.occupancy >= \(Self.fullOccupancy) AND \(Self.singleOccupant)))"
            }
            return "(CASE WHEN e.nsites IS NULL THEN NULL ELSE (\(test)) END)"
        case let .compare(f, op, value):
            let sql = field(f)
            return "(\(sql) \(op.rawValue) \(b.parameter(value)))"
        case let .known(f, known):
            return "(\(field(f)) IS \(known ? "NOT NULL" : "NULL"))"
        case let .text(f, match, text):
            let sql = field(f)
            switch match {
            case .contains: return dialect.contains(sql, text, into: &b)
            case .startsWith: return dialect.startsWith(sql, text, into: &b)
            case .endsWith: return dialect.endsWith(sql, text, into: &b)
            }
        case let .elements(match, elements):
            tables.insert(.entries)
            return elementCondition(match, ElementMask(elements), &b)
        case let .elementCount(op, count):
            tables.insert(.entries)
            return "(e.nelements \(op.rawValue) \(b.parameter(.real(count))))"
        case let .elementRatios(match, ratios):
            tables.insert(.entries)
            var parts = [String]()
            for ratio in ratios {
                let element = b.parameter(.text(ratio.element.symbol)), fraction = b.parameter(.real(ratio.fraction))
                parts.append("e.entry_pk IN (SELECT c.entry_pk FROM compositions c JOIN entries x ON x.entry_pk = c.entry_pk "
                             + "WHERE c.element = \(element) AND c.amount / x.natoms \(ratio.comparison.rawValue) \(fraction))")
            }
            switch match {
            case .any: return "(" + parts.joined(separator: " OR ") + ")"
            case .only: return "(" + parts.joined(separator: " AND ") + " AND e.nelements = \(b.parameter(.integer(Int64(ratios.count)))))"
            case .all: return "(" + parts.joined(separator: " AND ") + ")"
            }
        case .novel(let rule):
            switch rule {
            case .structure:
                tables.insert(.duplicates)
                return "(coalesce(d.novel_by_structure, 1) = 1)"
            case .composition:
                tables.insert(.entries)
                return "(NOT EXISTS (SELECT 1 FROM entries r WHERE r.is_reference = 1 AND r.reduced_formula = e.reduced_formula))"
            case .stored:
                return "(\(field(QueryField.byName["is_novel"] ?? QueryField.entryKey)) = 1)"
            }
        case .representsDuplicateGroup:
            tables.formUnion([.entries, .duplicates])
            return "(d.representative_pk IS NULL OR d.representative_pk = e.entry_pk)"
        }
    }

    /// Phases in a hull decomposition (`id:fraction;...`): one more than its separators; NULL without one.
    static let decompositionCount = "(length(g.decomposition) - length(replace(g.decomposition, ';', '')) + 1)"
    /// An occupancy this close to 1 is a full site (OPTIMADE species of ordered sites carry no vacancy).
    static let fullOccupancy = "0.999999"
    static let singleOccupant = "NOT EXISTS (SELECT 1 FROM sites t WHERE t.entry_pk = s.entry_pk AND t.site_index = s.site_index AND t.element != s.element)"
    /// Ordered sites of the entry: one element at full occupancy.
    static let orderedSites = "SELECT 1 FROM sites s WHERE s.entry_pk = e.entry_pk AND s.occupancy >= \(fullOccupancy) AND \(singleOccupant)"
    /// Disordered sites of the entry: shared by several elements, or partly empty.
    static let disorderedSites = "SELECT 1 FROM sites s WHERE s.entry_pk = e.entry_pk GROUP BY s.site_index HAVING count(*) > 1 OR sum(s.occupancy) < \(fullOccupancy)"

    /// Element tests run on the chemical systems table (bit masks, ~20k rows for Materials Project), and the
    /// matching systems select entries through the chemical_system index: no composition or site rows are read.
    /// The terms of a conjunction, nested ANDs flattened.
    static func conjuncts(of predicate: EntryPredicate) -> [EntryPredicate] {
        if case .and(let l, let r) = predicate { return conjuncts(of: l) + conjuncts(of: r) }
        return [predicate]
    }

    /// A test on the number of elements (`elements LENGTH n`, `nelements op n`), if the predicate is one.
    static func elementCountTest(_ predicate: EntryPredicate) -> (EntryPredicate.Comparison, Double)? {
        switch predicate {
        case let .elementCount(op, n): return (op, n)
        case let .compare(field, op, .real(n)) where field.name == "nelements": return (op, n)
        case let .compare(field, op, .integer(n)) where field.name == "nelements": return (op, Double(n))
        default: return nil
        }
    }

    /// Elements in a chemical system's name (`Fe-Li-O`: 3).
    static let systemElementCount = "(length(chemical_system) - length(replace(chemical_system, '-', '')) + 1)"

    private func elementCondition(_ match: EntryPredicate.ElementMatch, _ mask: ElementMask, _ b: inout SQLBuilder,
                                  counts: [(EntryPredicate.Comparison, Double)] = []) -> String {
        let test: String
        switch match {
        case .all:
            let low = b.parameter(.integer(mask.low)), lowAgain = b.parameter(.integer(mask.low))
            let high = b.parameter(.integer(mask.high)), highAgain = b.parameter(.integer(mask.high))
            test = "(mask_low & \(low)) = \(lowAgain) AND (mask_high & \(high)) = \(highAgain)"
        case .any:
            test = "((mask_low & \(b.parameter(.integer(mask.low)))) != 0 OR (mask_high & \(b.parameter(.integer(mask.high)))) != 0)"
        case .only:
            test = "(mask_low & \(b.parameter(.integer(~mask.low)))) = 0 AND (mask_high & \(b.parameter(.integer(~mask.high)))) = 0"
        }
        let countTests = counts.map { " AND \(Self.systemElementCount) \($0.0.rawValue) \(b.parameter(.real($0.1)))" }.joined()
        return "(e.chemical_system IN (SELECT chemical_system FROM chemical_systems WHERE \(test)\(countTests)))"
    }

    /// True when `predicate` is false or unknown for every entry that has no row in `table` (all its columns
    /// NULL): then the entries the predicate selects can be found from `table` alone.
    func rejectsMissing(_ predicate: EntryPredicate, _ table: StoreTables) -> Bool {
        switch predicate {
        case let .compare(field, _, _), let .text(field, _, _): return field.tables == table
        case let .known(field, known): return known && field.tables == table
        case let .and(l, r): return rejectsMissing(l, table) || rejectsMissing(r, table)
        case let .or(l, r): return rejectsMissing(l, table) && rejectsMissing(r, table)
        case .constant(false): return true
        default: return false
        }
    }

    // MARK: statements

    func order(_ query: EntryQuery, _ tables: inout StoreTables) -> String {
        var terms = [String]()
        for key in query.sort {
            tables.formUnion(key.field.tables)
            terms.append("\(key.field.expression(dialect)) \(key.descending ? "DESC" : "ASC") NULLS LAST")
        }
        return (terms + ["e.id"]).joined(separator: ", ")
    }

    /// The rows of `query`: its fields in order, for each matching entry, in the query's order. With a limit or
    /// an offset the matching keys are found and sorted first, joining only the tables the condition and the
    /// sort read, and only those rows are then read whole.
    func rows(_ query: EntryQuery) -> QueryPlan {
        let condition = self.condition(query.predicate)
        var keyTables = condition.tables
        let order = self.order(query, &keyTables)
        var fieldTables = StoreTables.entries
        for field in query.fields { fieldTables.formUnion(field.tables) }
        let select = "SELECT " + (query.fields.isEmpty ? "e.entry_pk" : query.fields.map { $0.expression(dialect) }.joined(separator: ", "))
        let whereClause = query.predicate == .all ? "" : " WHERE " + condition.sql
        guard query.limit != nil || query.offset > 0 else {
            let tables = fieldTables.union(keyTables)
            return QueryPlan(conditionTables: keyTables, fieldTables: fieldTables,
                             sql: select + " " + tables.fromClause + whereClause + " ORDER BY " + order, bindings: condition.bindings)
        }
        var keys: String
        var bindings: [StoreValue]
        if let first = query.sort.first, let limit = query.limit {
            (keys, bindings) = splitByUnknown(query, first: first, limit: limit, condition: condition, tables: keyTables)
        } else {
            let scan = scansInOrder(query) ? QueryField.orderIndexes["id"].flatMap(dialect.scanning(index:)) : nil
            keys = "SELECT e.entry_pk " + keyTables.fromClause(scanning: scan) + whereClause + " ORDER BY " + order + " LIMIT ?"
            bindings = condition.bindings + [.integer(query.limit.map(Int64.init) ?? Int64.max)]
            if query.offset > 0 {
                keys += " OFFSET ?"
                bindings.append(.integer(Int64(query.offset)))
            }
        }
        let rowTables = fieldTables.union(keyTables)
        return QueryPlan(conditionTables: keyTables, fieldTables: fieldTables,
                         sql: select + " " + rowTables.fromClause + " WHERE e.entry_pk IN (" + keys + ") ORDER BY " + order,
                         bindings: bindings)
    }

    /// The keys of one sorted page, found in two parts: the entries whose first sort key is known, in the sort's
    /// order (an index on the key and the id serves it without sorting everything), then those whose key is
    /// unknown, in id order ("NULLS LAST"). Each part stops at offset + limit rows; the page is cut from both.
    /// A single `ORDER BY key NULLS LAST, id` could use no index and sorted every match (1.2 s on a million entries).
    /// True when a page in id order is cheaper read in id order, stopping after the window, than found from the
    /// predicate and sorted: when a fraction f of N entries match, the first costs about window / f rows and the
    /// second f N, so the order wins when matches² > window · N (with a factor 4 for a row checked in a scan costing
    /// more than one read from an index). Ids are arbitrary names, so matches are spread along them; a sort on an
    /// energy is left to SQLite, since the filters that go with it are correlated with it (stable entries have low
    /// formation energies) and a scan in that order can pass a long run of non-matches. Needs the caller's estimate.
    func scansInOrder(_ query: EntryQuery) -> Bool {
        guard query.sort.isEmpty, let estimate = query.matchEstimate, let limit = query.limit, estimate.matches > 0, estimate.total > 0 else { return false }
        let window = Double(limit) + Double(query.offset)
        return Double(estimate.matches) * Double(estimate.matches) > 4 * window * Double(estimate.total)
    }

    private func splitByUnknown(_ query: EntryQuery, first: EntryQuery.SortKey, limit: Int, condition: Condition,
                                tables: StoreTables) -> (String, [StoreValue]) {
        let key = first.field.expression(dialect)
        let rest = query.sort.dropFirst()
        let restColumns = rest.enumerated().map { index, sortKey in "\(sortKey.field.expression(dialect)) AS k\(index + 2)" }
        let restOrder = rest.enumerated().map { index, sortKey in "k\(index + 2) \(sortKey.descending ? "DESC" : "ASC") NULLS LAST" }
        let direction = first.descending ? "DESC" : "ASC"
        let (window, overflow) = limit.addingReportingOverflow(query.offset)
        let each = StoreValue.integer(overflow ? Int64.max : Int64(window))
        func arm(known: Bool) -> String {
            let columns = ["e.entry_pk AS pk", "\(known ? 0 : 1) AS part", known ? "\(key) AS k1" : "NULL AS k1"] + restColumns + ["e.id AS i"]
            let order = (known ? ["k1 \(direction)"] : []) + restOrder + ["i"]
            return "SELECT * FROM (SELECT " + columns.joined(separator: ", ") + " " + tables.fromClause + " WHERE (" + condition.sql + ") AND "
                + key + (known ? " IS NOT NULL" : " IS NULL") + " ORDER BY " + order.joined(separator: ", ") + " LIMIT ?)"
        }
        let outerOrder = (["part", "k1 \(direction)"] + restOrder + ["i"]).joined(separator: ", ")
        let sql = "SELECT pk FROM (" + arm(known: true) + " UNION ALL " + arm(known: false) + ") ORDER BY " + outerOrder + " LIMIT ? OFFSET ?"
        let bindings = condition.bindings + [each] + condition.bindings + [each] + [.integer(Int64(limit)), .integer(Int64(query.offset))]
        return (sql, bindings)
    }

    /// The number of entries the query's predicate selects (limit and offset ignored). Joins only the tables
    /// the predicate reads, and counts energies rows alone when the predicate reads nothing else and is false
    /// for entries without energies.
    func count(_ query: EntryQuery) -> QueryPlan {
        let condition = self.condition(query.predicate)
        let whereClause = query.predicate == .all ? "" : " WHERE " + condition.sql
        let from: String
        if condition.tables == .energies && rejectsMissing(query.predicate, .energies) {
            from = "FROM energies g"
        } else {
            from = condition.tables.fromClause
        }
        return QueryPlan(conditionTables: condition.tables, fieldTables: [], sql: "SELECT count(*) " + from + whereClause,
                         bindings: condition.bindings)
    }

    /// One entry's fields by id.
    func entry(id: String, fields: [QueryField]) -> QueryPlan {
        var tables = StoreTables.entries
        for field in fields { tables.formUnion(field.tables) }
        return QueryPlan(conditionTables: .entries, fieldTables: tables,
                         sql: "SELECT " + fields.map { $0.expression(dialect) }.joined(separator: ", ") + " " + tables.fromClause + " WHERE e.id = ?",
                         bindings: [.text(id)])
    }
}

/// What the planner decided for one query: the tables it joins and the statement with its bound values.
public struct QueryPlan: Sendable, Equatable {
    /// The tables the condition and the sort read (joined to find the matching entries).
    public let conditionTables: StoreTables
    /// The tables the selected fields read.
    public let fieldTables: StoreTables
    public let sql: String
    public let bindings: [StoreValue]

    /// Every table the statement joins to `entries`.
    public var joinedTables: StoreTables { conditionTables.union(fieldTables).subtracting(.entries) }
}
