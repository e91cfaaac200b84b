import CrystalModel
import CrystalStore
import Foundation

/// List properties in filters: `HAS`, `HAS ALL/ANY/ONLY`, correlated lists (`elements:elements_ratios`),
/// `structure_features`, constant lists and `LENGTH` (the list half of `FilterCompiler`).
extension FilterCompiler {
    /// `list HAS ...`: each item is a value with an operator (`=` when none was written).
    mutating func has(_ property: Filter.Property, _ mode: Filter.ListMatch, _ items: [Filter.ListItem]) throws(FilterError) -> EntryPredicate {
        let resolved = try resolve(property)
        guard case .list(let list) = resolved else {
            if case .unknown = resolved { return .unknown }
            throw FilterError(column: property.column, reason: "\(property.name) is not a list; HAS works on lists (elements, elements_ratios, ...)", notImplemented: true)
        }
        switch list {
        case .elements, .elementsRatios:
            return try composition([list], mode, items.map { [$0] })
        case .structureFeatures:
            return try features(mode, items)
        case .dimensionTypes:
            return try constantList([1, 1, 1].map { Filter.Value.number($0) }, mode, items)
        case .speciesAtSites:
            var elements = [Element]()
            for item in items {
                guard item.comparison == .equal, case .value(.string(let name), _) = item.operand else {
                    throw FilterError(column: item.operand.column, reason: "species_at_sites HAS takes species names without operators", notImplemented: true)
                }
                guard let element = Element(symbol: name) else {
                    // Species of ordered sites are named by their element; other names are disordered sites'.
                    throw FilterError(column: item.operand.column, reason: "species_at_sites can be searched by element names (ordered sites) only", notImplemented: true)
                }
                elements.append(element)
            }
            return .orderedSiteElements(Self.elementMatch(mode), elements)
        case .decomposition:
            var ids = [String]()
            for item in items {
                guard item.comparison == .equal, case .value(.string(let id), _) = item.operand else {
                    throw FilterError(column: item.operand.column, reason: "decomposition HAS takes entry ids without operators", notImplemented: true)
                }
                ids.append(id)
            }
            return .decomposition(mode == .has ? .all : Self.elementMatch(mode), ids)
        case .sitePositions, .latticeVectors, .species, .symmetryOperations:
            throw FilterError(column: property.column, reason: "HAS on \(property.name) (a list of lists or objects) is not supported; LENGTH and IS KNOWN are", notImplemented: true)
        }
    }

    static func elementMatch(_ mode: Filter.ListMatch) -> EntryPredicate.ElementMatch {
        switch mode {
        case .has, .hasAll: return .all
        case .hasAny: return .any
        case .hasOnly: return .only
        }
    }

    /// HAS on elements and elements_ratios, and their correlated form, as conditions on the entry's composition
    /// rows (element symbol, atom fraction). Plain equality on elements takes the chemical-system masks.
    mutating func composition(_ lists: [ListProperty], _ mode: Filter.ListMatch, _ tuples: [[Filter.ListItem]]) throws(FilterError) -> EntryPredicate {
        if lists == [.elements], tuples.allSatisfy({ $0[0].comparison == .equal }) {
            var elements = [Element]()
            var impossible = false
            for tuple in tuples {
                guard case .value(.string(let symbol), let column) = tuple[0].operand else {
                    throw FilterError(column: tuple[0].operand.column, reason: "elements holds strings (element symbols)", notImplemented: true)
                }
                _ = column
                if let element = Element(symbol: symbol) {
                    if !elements.contains(element) { elements.append(element) }
                } else {
                    warn("'\(symbol)' is not an element symbol, so no entry's elements hold it")
                    impossible = true
                }
            }
            switch mode {
            case .has, .hasAll: return impossible ? .constant(false) : .elements(.all, elements.sorted())
            case .hasAny: return elements.isEmpty ? .constant(false) : .elements(.any, elements.sorted())
            case .hasOnly: return .elements(.only, elements.sorted())
            }
        }
        var terms = [[EntryPredicate.CompositionTerm]]()
        for tuple in tuples {
            var row = [EntryPredicate.CompositionTerm]()
            for (list, item) in zip(lists, tuple) {
                guard case .value(let value, let column) = item.operand else {
                    throw FilterError(column: item.operand.column, reason: "properties inside HAS lists are not supported", notImplemented: true)
                }
                try Self.checkFinite(value, column: column)
                switch (list, value) {
                case (.elements, .string(let symbol)):
                    row.append(.init(.element, Self.comparison(item.comparison), .text(symbol)))
                case (.elementsRatios, .number(let fraction)):
                    row.append(.init(.fraction, Self.comparison(item.comparison), .real(fraction)))
                case (.elements, _):
                    throw FilterError(column: column, reason: "elements holds strings (element symbols)", notImplemented: true)
                default:
                    throw FilterError(column: column, reason: "elements_ratios holds numbers", notImplemented: true)
                }
            }
            terms.append(row)
        }
        return .composition(Self.elementMatch(mode), terms)
    }

    /// structure_features: ["disorder"] for a disordered structure, else [].
    mutating func features(_ mode: Filter.ListMatch, _ items: [Filter.ListItem]) throws(FilterError) -> EntryPredicate {
        // For each item, does "disorder" satisfy it? Other features are never present.
        var matchesDisorder = [Bool]()
        for item in items {
            guard case .value(.string(let feature), _) = item.operand else {
                throw FilterError(column: item.operand.column, reason: "structure_features holds strings", notImplemented: true)
            }
            matchesDisorder.append(Self.holds(stringCompare: "disorder", Self.comparison(item.comparison), feature))
        }
        switch mode {
        case .has, .hasAll:
            // Every item needs "disorder" to satisfy it (the only feature there can be).
            return matchesDisorder.allSatisfy { $0 } ? .disordered(true) : .constant(false)
        case .hasAny:
            return matchesDisorder.contains(true) ? .disordered(true) : .constant(false)
        case .hasOnly:
            // [] always qualifies; ["disorder"] when "disorder" satisfies some item.
            return matchesDisorder.contains(true) ? .constant(true) : .disordered(false)
        }
    }

    /// HAS on a list that is the same for every entry.
    mutating func constantList(_ list: [Filter.Value], _ mode: Filter.ListMatch, _ items: [Filter.ListItem]) throws(FilterError) -> EntryPredicate {
        var results = [Bool]()
        for item in items {
            guard case .value(let value, let column) = item.operand else {
                throw FilterError(column: item.operand.column, reason: "properties inside HAS lists are not supported", notImplemented: true)
            }
            var any = false
            for member in list {
                if try Self.evaluate(member, Self.comparison(item.comparison), value, property: Filter.Property("", column: column), valueColumn: column) { any = true }
            }
            results.append(any)
        }
        switch mode {
        case .has, .hasAll: return .constant(results.allSatisfy { $0 })
        case .hasAny: return .constant(results.contains(true))
        case .hasOnly:
            // Every member must satisfy some item.
            for member in list {
                var covered = false
                for item in items {
                    guard case .value(let value, let column) = item.operand else { continue }
                    if try Self.evaluate(member, Self.comparison(item.comparison), value, property: Filter.Property("", column: column), valueColumn: column) { covered = true }
                }
                if !covered { return .constant(false) }
            }
            return .constant(true)
        }
    }

    mutating func length(_ property: Filter.Property, _ op: Filter.Comparison, _ n: Double, _ column: Int) throws(FilterError) -> EntryPredicate {
        let comparison = Self.comparison(op)
        switch try resolve(property) {
        case .unknown:
            return .unknown
        case .constant, .field:
            warn("\(property.name) is not a list: its LENGTH is unknown and matches nothing")
            return .unknown
        case .list(let list):
            switch list {
            case .elements, .elementsRatios: return .elementCount(comparison, n)
            case .speciesAtSites, .sitePositions: return .compare(QueryField.byName["nsites"]!, comparison, .real(n))
            case .latticeVectors:
                // Three vectors whenever there is a structure; unknown without one.
                return .compare(QueryField.byName["nsites"]!, Self.holds(3, comparison, n) ? .greaterOrEqual : .less, .real(0))
            case .dimensionTypes: return .constant(Self.holds(3, comparison, n))
            case .structureFeatures:
                let one = Self.holds(1, comparison, n), zero = Self.holds(0, comparison, n)
                return one == zero ? .constant(one) : .disordered(one)
            case .decomposition: return .decompositionLength(comparison, n)
            case .species, .symmetryOperations:
                throw FilterError(column: property.column, reason: "LENGTH of \(property.name) is not supported", notImplemented: true)
            }
        }
    }

    mutating func zipped(_ properties: [Filter.Property], _ mode: Filter.ListMatch, _ tuples: [[Filter.ListItem]]) throws(FilterError) -> EntryPredicate {
        var lists = [ListProperty]()
        for property in properties {
            switch try resolve(property) {
            case .unknown: return .unknown
            case .list(let list) where list == .elements || list == .elementsRatios: lists.append(list)
            default:
                throw FilterError(column: property.column, reason: "correlated lists are supported for elements and elements_ratios", notImplemented: true)
            }
        }
        return try composition(lists, mode, tuples)
    }
}
