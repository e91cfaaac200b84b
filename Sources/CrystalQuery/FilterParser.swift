/// Parses OPTIMADE filter text into a `Filter` (recursive descent over the specification's grammar:
/// OR binds loosest, then AND, then NOT; comparisons with the property first or the constant first,
/// `IS KNOWN`, `CONTAINS`/`STARTS [WITH]`/`ENDS [WITH]`, `HAS [ALL|ANY|ONLY]`, `LENGTH`, and the
/// correlated `elements:elements_ratios HAS ...`).
public struct FilterParser {
    private var tokens: [FilterLexer.Token]
    private var position = 0
    private var depth = 0

    /// Deepest nesting of parentheses and NOT accepted: deeper filters are refused rather than recursed
    /// into (a fuzzer found that 4,000 '(' overflowed the stack).
    public static let maximumDepth = 100
    /// Most comparisons in one filter: AND/OR chains become trees as deep as they are long.
    public static let maximumTerms = 1000
    private var terms = 0

    public static func parse(_ text: String) throws(FilterError) -> Filter {
        var parser = FilterParser(tokens: try FilterLexer.tokens(text))
        if case .end = parser.peek.kind { return .all }
        let filter = try parser.expression()
        guard case .end = parser.peek.kind else { throw FilterError(column: parser.peek.column, reason: "unexpected \(parser.describe(parser.peek))") }
        return filter
    }

    private init(tokens: [FilterLexer.Token]) { self.tokens = tokens }

    private var peek: FilterLexer.Token { tokens[position] }

    private mutating func next() -> FilterLexer.Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func describe(_ token: FilterLexer.Token) -> String {
        switch token.kind {
        case .identifier(let name): return "'\(name)'"
        case .string(let s): return "\"\(s)\""
        case .number(let n): return "\(n)"
        case .comparison(let op): return "'\(op.rawValue)'"
        case .colon: return "':'"
        case .comma: return "','"
        case .open: return "'('"
        case .close: return "')'"
        case .end: return "end of filter"
        }
    }

    private func isKeyword(_ token: FilterLexer.Token, _ word: String) -> Bool {
        if case .identifier(let name) = token.kind { return name == word }
        return false
    }

    private mutating func accept(_ word: String) -> Bool {
        if isKeyword(peek, word) {
            _ = next()
            return true
        }
        return false
    }

    private mutating func expression() throws(FilterError) -> Filter {
        var left = try clause()
        while accept("OR") { left = .or(left, try clause()) }
        return left
    }

    private mutating func clause() throws(FilterError) -> Filter {
        var left = try phrase()
        while accept("AND") { left = .and(left, try phrase()) }
        return left
    }

    private mutating func phrase() throws(FilterError) -> Filter {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw FilterError(column: peek.column, reason: "filter nested more than \(Self.maximumDepth) levels deep")
        }
        if accept("NOT") { return .not(try phrase()) }
        if case .open = peek.kind {
            let open = next()
            let inner = try expression()
            guard case .close = peek.kind else { throw FilterError(column: peek.column, reason: "expected ')' to close the '(' at column \(open.column)") }
            _ = next()
            return inner
        }
        terms += 1
        guard terms <= Self.maximumTerms else {
            throw FilterError(column: peek.column, reason: "filter has more than \(Self.maximumTerms) comparisons")
        }
        return try comparison()
    }

    static let keywords: Set<String> = ["AND", "OR", "NOT", "IS", "KNOWN", "UNKNOWN", "CONTAINS", "STARTS", "ENDS", "WITH", "HAS", "ALL", "ANY", "ONLY", "LENGTH"]

    private mutating func property() throws(FilterError) -> (String, Int) {
        let token = next()
        guard case .identifier(let name) = token.kind, !Self.keywords.contains(name) else {
            throw FilterError(column: token.column, reason: "expected a property name, found \(describe(token))")
        }
        return (name, token.column)
    }

    private mutating func value() throws(FilterError) -> (Filter.Value, Int) {
        let token = next()
        switch token.kind {
        case .string(let s): return (.string(s), token.column)
        case .number(let n): return (.number(n), token.column)
        default: throw FilterError(column: token.column, reason: "expected a string or a number, found \(describe(token))")
        }
    }

    private mutating func comparison() throws(FilterError) -> Filter {
        if accept("LENGTH") {
            let (field, column) = try property()
            let opToken = next()
            guard case .comparison(let op) = opToken.kind else { throw FilterError(column: opToken.column, reason: "expected a comparison after LENGTH \(field)") }
            let (v, valueColumn) = try value()
            guard case .number(let n) = v else { throw FilterError(column: valueColumn, reason: "LENGTH compares with a number") }
            return .length(field: field, column: column, op, n)
        }
        // Constant first: `3 < nsites`.
        if case .string = peek.kind {} else if case .number = peek.kind {} else { return try propertyFirst() }
        let (constant, constantColumn) = try value()
        let opToken = next()
        guard case .comparison(let op) = opToken.kind else { throw FilterError(column: opToken.column, reason: "expected a comparison after the value") }
        let (field, column) = try property()
        let mirrored: Filter.Comparison
        switch op {
        case .less: mirrored = .greater
        case .lessOrEqual: mirrored = .greaterOrEqual
        case .greater: mirrored = .less
        case .greaterOrEqual: mirrored = .lessOrEqual
        default: mirrored = op
        }
        return .compare(field: field, column: column, mirrored, constant, valueColumn: constantColumn)
    }

    private mutating func propertyFirst() throws(FilterError) -> Filter {
        let (field, column) = try property()
        if case .colon = peek.kind { return try zipped(field: field, column: column) }
        let token = next()
        switch token.kind {
        case .comparison(let op):
            let (v, valueColumn) = try value()
            return .compare(field: field, column: column, op, v, valueColumn: valueColumn)
        case .identifier("IS"):
            if accept("KNOWN") { return .known(field: field, column: column, true) }
            if accept("UNKNOWN") { return .known(field: field, column: column, false) }
            throw FilterError(column: peek.column, reason: "expected KNOWN or UNKNOWN after IS")
        case .identifier("CONTAINS"):
            return .match(field: field, column: column, .contains, try stringValue())
        case .identifier("STARTS"):
            _ = accept("WITH")
            return .match(field: field, column: column, .startsWith, try stringValue())
        case .identifier("ENDS"):
            _ = accept("WITH")
            return .match(field: field, column: column, .endsWith, try stringValue())
        case .identifier("HAS"):
            var mode = Filter.ListMatch.has
            if accept("ALL") { mode = .hasAll } else if accept("ANY") { mode = .hasAny } else if accept("ONLY") { mode = .hasOnly }
            let valueColumn = peek.column
            var values = [try stringValue()]
            if mode != .has { while case .comma = peek.kind { _ = next(); values.append(try stringValue()) } }
            return .list(field: field, column: column, mode, values, valueColumn: valueColumn)
        default:
            throw FilterError(column: token.column, reason: "expected an operator after \(field), found \(describe(token))")
        }
    }

    private mutating func stringValue() throws(FilterError) -> String {
        let (v, column) = try value()
        guard case .string(let s) = v else { throw FilterError(column: column, reason: "expected a string in double quotes") }
        return s
    }

    /// `elements:elements_ratios HAS [ALL|ANY|ONLY] "Li":>0.1, "O":0.5`
    private mutating func zipped(field: String, column: Int) throws(FilterError) -> Filter {
        _ = next()
        let (second, secondColumn) = try property()
        guard field == "elements", second == "elements_ratios" else {
            throw FilterError(column: secondColumn, reason: "only elements:elements_ratios can be correlated")
        }
        guard accept("HAS") else { throw FilterError(column: peek.column, reason: "expected HAS after elements:elements_ratios") }
        var mode = Filter.ListMatch.has
        if accept("ALL") { mode = .hasAll } else if accept("ANY") { mode = .hasAny } else if accept("ONLY") { mode = .hasOnly }
        var items = [(element: String, Filter.Comparison, Double)]()
        repeat {
            if !items.isEmpty { _ = next() }
            let element = try stringValue()
            guard case .colon = peek.kind else { throw FilterError(column: peek.column, reason: "expected ':' between an element and its ratio") }
            _ = next()
            var op = Filter.Comparison.equal
            if case .comparison(let given) = peek.kind { op = given; _ = next() }
            let (v, valueColumn) = try value()
            guard case .number(let ratio) = v else { throw FilterError(column: valueColumn, reason: "a ratio is a number") }
            items.append((element, op, ratio))
        } while mode != .has && { if case .comma = peek.kind { return true } else { return false } }()
        return .ratios(mode, items, column: column)
    }
}
