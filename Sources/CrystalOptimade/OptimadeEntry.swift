import CrystalModel
import CrystalStore

/// One stored entry as the OPTIMADE structures resource needs it: the stored fields by query-field name, the
/// composition, and the structure when the entry has one (an energy row alone has none).
public struct OptimadeEntry: Sendable {
    public var id: String
    /// Stored values by `QueryField` name (only the fields the response needs were read).
    public var values: [String: StoreValue]
    public var composition: Composition
    public var structure: Structure?

    public init(id: String, values: [String: StoreValue], composition: Composition, structure: Structure?) {
        self.id = id
        self.values = values
        self.composition = composition
        self.structure = structure
    }

    public func text(_ name: String) -> String? {
        if case .text(let value)? = values[name] { return value }
        return nil
    }

    public func double(_ name: String) -> Double? {
        switch values[name] {
        case .real(let value)?: return value
        case .integer(let value)?: return Double(value)
        default: return nil
        }
    }

    public func integer(_ name: String) -> Int? {
        switch values[name] {
        case .integer(let value)?: return Int(value)
        case .real(let value)? where value == value.rounded() && abs(value) < 1e15: return Int(value)
        default: return nil
        }
    }

    public func bool(_ name: String) -> Bool? {
        if case .integer(let value)? = values[name] { return value != 0 }
        return nil
    }

    /// `element:amount,...` as the composition field stores it.
    public static func composition(fromStored text: String) -> Composition {
        var composition = Composition()
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let element = Element(symbol: String(parts[0])), let amount = Double(parts[1]), amount > 0 else { continue }
            composition.add(element, amount)
        }
        return composition
    }
}
