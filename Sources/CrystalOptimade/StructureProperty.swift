/// One property of OPTIMADE's `structures` entries as this server serves it: how /info/structures describes it
/// and how its value is made from a stored entry. A class: listings pass the same few dozen around for every entry.
public final class StructureProperty: Sendable {
    /// OPTIMADE's data types (specification, "Data types").
    public enum DataType: String, Sendable {
        case string, integer, float, boolean, timestamp, list, dictionary
    }

    /// Which filter features work on the property (`x-optimade-implementation.query-support`).
    public enum QuerySupport: Sendable, Equatable {
        case allMandatory
        /// Only these operators (e.g. `=`, `!=` for an id-like string).
        case partial([String])
        case none
    }

    public let name: String
    public let type: DataType
    public let description: String
    /// UCUM-style unit, or nil for dimensionless and inapplicable.
    public let unit: String?
    public let sortable: Bool
    public let querySupport: QuerySupport
    /// Served when the request names no `response_fields`.
    public let isDefault: Bool
    /// Needs the stored lattice and sites (read only when a requested property needs them).
    public let needsStructure: Bool
    /// Stored fields (`QueryField` names) the value is made from.
    public let storeFields: [String]
    /// A database-provider-specific property (`_<prefix>_...`).
    public let isProviderSpecific: Bool
    /// The stored field a listing sorted on this property orders by (nil: not sortable).
    public let sortField: String?
    let value: @Sendable (OptimadeEntry) -> JSONValue

    init(_ name: String, _ type: DataType, _ description: String, unit: String? = nil, sortable: Bool = false,
         query: QuerySupport = .allMandatory, isDefault: Bool = true, needsStructure: Bool = false, storeFields: [String] = [],
         isProviderSpecific: Bool = false, sortField: String? = nil, value: @escaping @Sendable (OptimadeEntry) -> JSONValue) {
        self.name = name
        self.type = type
        self.description = description
        self.unit = unit
        self.sortable = sortable
        self.querySupport = query
        self.isDefault = isDefault
        self.needsStructure = needsStructure
        self.storeFields = storeFields
        self.isProviderSpecific = isProviderSpecific
        self.sortField = sortable ? (sortField ?? (storeFields.count == 1 ? storeFields[0] : nil)) : nil
        self.value = value
    }

    public func value(of entry: OptimadeEntry) -> JSONValue { value(entry) }

    /// The /info/structures description: the members optimade-python-tools' `EntryInfoProperty` reads
    /// (description, unit, sortable, type) plus OPTIMADE 1.2's `x-optimade-*` implementation keys.
    public var infoJSON: JSONValue {
        var members: [JSONValue.Member] = [.init("description", .string(description))]
        if let unit { members.append(.init("unit", .string(unit))) }
        members.append(.init("sortable", .bool(sortable)))
        members.append(.init("type", .string(type.rawValue)))
        members.append(.init("x-optimade-type", .string(type.rawValue)))
        members.append(.init("x-optimade-unit", .string(unit ?? (type == .float || type == .integer ? "dimensionless" : "inapplicable"))))
        var implementation: [JSONValue.Member] = [.init("sortable", .bool(sortable))]
        switch querySupport {
        case .allMandatory: implementation.append(.init("query-support", "all mandatory"))
        case .partial(let operators):
            implementation.append(.init("query-support", "partial"))
            implementation.append(.init("query-support-operators", .array(operators.map(JSONValue.string))))
        case .none: implementation.append(.init("query-support", "none"))
        }
        implementation.append(.init("response-default", .bool(isDefault)))
        members.append(.init("x-optimade-implementation", .object(implementation)))
        return .object(members)
    }
}
