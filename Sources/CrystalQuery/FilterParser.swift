/// Parses OPTIMADE filter text into a `Filter`: recursive descent over the grammar of OPTIMADE 1.2 (appendix
/// "The Filter Language EBNF Grammar"). OR binds loosest, then AND, then NOT (one NOT per phrase: `NOT NOT x` is
/// not in the grammar, `NOT (NOT x)` is); comparisons with the property or a constant first and a property,
/// string, number or TRUE/FALSE on the right; `IS KNOWN`/`IS UNKNOWN`; `CONTAINS`, `STARTS [WITH]`,
/// `ENDS [WITH]`; `HAS [ALL|ANY|ONLY]` lists whose values may carry operators; correlated lists
/// (`elements:elements_ratios HAS "Li":>0.1`); `list LENGTH [op] n` (and the older `LENGTH list op n`).
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
    private var peekNext: FilterLexer.Token { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func next() -> FilterLexer.Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func describe(_ token: FilterLexer.Token) -> String {
        switch token.kind {
        case .identifier(let name): return "'\(name)'"
        case .keyword(let word): return "'\(word)'"
        case .string(let s): return "\"\(s)\""
        case .number(let n, _): return "\(n)"
        case .comparison(let op): return "'\(op.rawValue)'"
        case .colon: return "':'"
        case .comma: return "','"
        case .open: return "'('"
        case .close: return "')'"
        case .end: return "end of filter"
        }
    }

    private func isKeyword(_ token: FilterLexer.Token, _ word: String) -> Bool {
        if case .keyword(let name) = token.kind { return name == word }
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
        if accept("NOT") {
            if isKeyword(peek, "NOT") {
                throw FilterError(column: peek.column, reason: "NOT NOT is not in the filter grammar; write NOT (NOT ...)")
            }
            return .not(try operand())
        }
        return try operand()
    }

    /// A comparison or a parenthesized expression.
    private mutating func operand() throws(FilterError) -> Filter {
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

    static let keywords: Set<String> = ["AND", "OR", "NOT", "IS", "KNOWN", "UNKNOWN", "CONTAINS", "STARTS", "ENDS", "WITH", "HAS", "ALL",
                                        "ANY", "ONLY", "LENGTH", "TRUE", "FALSE"]

    private mutating func property() throws(FilterError) -> Filter.Property {
        let token = next()
        guard case .identifier(let name) = token.kind else {
            if case .keyword(let word) = token.kind, !Self.keywords.contains(word) {
                throw FilterError(column: token.column, reason: "expected a property name, found '\(word)' (property names are lower-case)")
            }
            throw FilterError(column: token.column, reason: "expected a property name, found \(describe(token))")
        }
        return Filter.Property(name, column: token.column)
    }

    /// A value: a string, a number, TRUE/FALSE, or (optional feature) a property.
    private mutating func value() throws(FilterError) -> Filter.Operand {
        let token = peek
        switch token.kind {
        case .string(let s): _ = next(); return .value(.string(s), column: token.column)
        case .number(let n, _): _ = next(); return .value(.number(n), column: token.column)
        case .keyword("TRUE"): _ = next(); return .value(.bool(true), column: token.column)
        case .keyword("FALSE"): _ = next(); return .value(.bool(false), column: token.column)
        case .identifier: return .property(try property())
        default: throw FilterError(column: token.column, reason: "expected a string, a number, TRUE, FALSE or a property, found \(describe(token))")
        }
    }

    private mutating func comparisonOperator() -> Filter.Comparison? {
        if case .comparison(let op) = peek.kind {
            _ = next()
            return op
        }
        return nil
    }

    private mutating func comparison() throws(FilterError) -> Filter {
        if accept("LENGTH") {
            // crystaldb's older form, kept: LENGTH elements >= 3.
            let field = try property()
            let opToken = next()
            guard case .comparison(let op) = opToken.kind else { throw FilterError(column: opToken.column, reason: "expected a comparison after LENGTH \(field.name)") }
            let (n, column) = try integer()
            return .length(field, op, n, valueColumn: column)
        }
        switch peek.kind {
        case .string, .number:
            // Constant first: `3 < nsites`, `"x" = id`, or (optional) `3 < 5`.
            let lhs = try value()
            let opToken = next()
            guard case .comparison(let op) = opToken.kind else { throw FilterError(column: opToken.column, reason: "expected a comparison after the value") }
            let rhs = try value()
            if case .value(.bool, let column) = rhs {
                throw FilterError(column: column, reason: "TRUE and FALSE compare with a property only (property = TRUE)")
            }
            return .compare(lhs, op, rhs)
        case .keyword("TRUE"), .keyword("FALSE"):
            throw FilterError(column: peek.column, reason: "TRUE and FALSE go on the right of a comparison (property = TRUE)")
        default:
            return try propertyFirst()
        }
    }

    private mutating func integer() throws(FilterError) -> (Double, Int) {
        let token = next()
        guard case .number(let n, let isInteger) = token.kind, isInteger else {
            throw FilterError(column: token.column, reason: "LENGTH compares with a whole number, found \(describe(token))")
        }
        return (n, token.column)
    }

    private mutating func propertyFirst() throws(FilterError) -> Filter {
        let field = try property()
        if case .colon = peek.kind { return try zipped(first: field) }
        let token = next()
        switch token.kind {
        case .comparison(let op):
            return .compare(.property(field), op, try value())
        case .keyword("IS"):
            if accept("KNOWN") { return .known(field, true) }
            if accept("UNKNOWN") { return .known(field, false) }
            throw FilterError(column: peek.column, reason: "expected KNOWN or UNKNOWN after IS")
        case .keyword("CONTAINS"):
            return .match(field, .contains, try value())
        case .keyword("STARTS"):
            _ = accept("WITH")
            return .match(field, .startsWith, try value())
        case .keyword("ENDS"):
            _ = accept("WITH")
            return .match(field, .endsWith, try value())
        case .keyword("LENGTH"):
            let op = comparisonOperator() ?? .equal
            let (n, column) = try integer()
            return .length(field, op, n, valueColumn: column)
        case .keyword("HAS"):
            if accept("ALL") { return .has(field, .hasAll, try items()) }
            if accept("ANY") { return .has(field, .hasAny, try items()) }
            if accept("ONLY") { return .has(field, .hasOnly, try items()) }
            return .has(field, .has, [try item()])
        default:
            throw FilterError(column: token.column, reason: "expected an operator after \(field.name), found \(describe(token))")
        }
    }

    /// `[op] value`
    private mutating func item() throws(FilterError) -> Filter.ListItem {
        if let op = comparisonOperator() { return Filter.ListItem(op, try value(), explicitOperator: true) }
        return Filter.ListItem(.equal, try value())
    }

    /// `item (',' item)*`
    private mutating func items() throws(FilterError) -> [Filter.ListItem] {
        var out = [try item()]
        while case .comma = peek.kind {
            _ = next()
            out.append(try item())
        }
        return out
    }

    /// `p1:p2:... HAS [ALL|ANY|ONLY] v1:v2:..., ...`
    private mutating func zipped(first: Filter.Property) throws(FilterError) -> Filter {
        var properties = [first]
        while case .colon = peek.kind {
            _ = next()
            properties.append(try property())
        }
        guard accept("HAS") else { throw FilterError(column: peek.column, reason: "expected HAS after \(properties.map(\.name).joined(separator: ":"))") }
        var mode = Filter.ListMatch.has
        if accept("ALL") { mode = .hasAll } else if accept("ANY") { mode = .hasAny } else if accept("ONLY") { mode = .hasOnly }
        var tuples = [[Filter.ListItem]]()
        repeat {
            if !tuples.isEmpty { _ = next() }
            var tuple = [try item()]
            while case .colon = peek.kind {
                _ = next()
                tuple.append(try item())
            }
            guard tuple.count == properties.count else {
                throw FilterError(column: peek.column, reason: "\(properties.count) correlated properties need \(properties.count) values separated by ':'")
            }
            tuples.append(tuple)
        } while mode != .has && { if case .comma = peek.kind { return true } else { return false } }()
        return .zipped(properties, mode, tuples)
    }
}
