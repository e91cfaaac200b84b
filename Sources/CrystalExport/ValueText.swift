import CrystalStore

/// How stored values are written in CSV and JSON exports and listings.
public enum ValueText {
    /// Plain text: numbers in shortest round-trip form, booleans true/false, compositions `Fe:2;O:3`.
    public static func text(_ field: QueryField, _ value: StoreValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let v): return field.kind == .boolean ? (v != 0 ? "true" : "false") : String(v)
        case .real(let v): return StructureJSON.number(v)
        case .text(let v):
            if field.kind == .composition {
                return compositionPairs(v).map { "\($0.0):\(StructureJSON.number($0.1))" }.joined(separator: ";")
            }
            return v
        }
    }

    static func compositionPairs(_ text: String) -> [(String, Double)] {
        text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let amount = Double(parts[1]) else { return nil }
            return (String(parts[0]), amount)
        }
    }

    public static func json(_ field: QueryField, _ value: StoreValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let v): return field.kind == .boolean ? (v != 0 ? "true" : "false") : String(v)
        case .real(let v): return StructureJSON.number(v)
        case .text(let v):
            switch field.kind {
            case .composition:
                return "{" + compositionPairs(v).map { "\(StructureJSON.string($0.0)):\(StructureJSON.number($0.1))" }.joined(separator: ",") + "}"
            case .list:
                return "[" + v.split(separator: ",").map { StructureJSON.string(String($0)) }.joined(separator: ",") + "]"
            case .decomposition:
                return "[" + v.split(separator: ";").compactMap { part -> String? in
                    guard let colon = part.lastIndex(of: ":"), let fraction = Double(part[part.index(after: colon)...]) else { return nil }
                    return "{\"id\":\(StructureJSON.string(String(part[..<colon]))),\"fraction\":\(StructureJSON.number(fraction))}"
                }.joined(separator: ",") + "]"
            default:
                return StructureJSON.string(v)
            }
        }
    }

    public static func jsonObject(_ fields: [QueryField], _ values: [StoreValue]) -> String {
        "{" + zip(fields, values).map { "\(StructureJSON.string($0.name)):\(json($0, $1))" }.joined(separator: ",") + "}"
    }

    public static func csv(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
