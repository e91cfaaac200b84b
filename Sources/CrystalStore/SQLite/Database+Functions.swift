import CSQLite
import CrystalModel

/// SQL functions the store's fields use, registered on every connection: deterministic, so SQLite may use them
/// in indexes and reorder them freely.
extension Database {
    func registerFunctions() throws(StoreError) {
        let rc = sqlite3_create_function_v2(handle, "crystaldb_formula", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
                                            { context, count, arguments in Database.formula(context, count, arguments) }, nil, nil, nil)
        try check(rc, "registering crystaldb_formula")
    }

    func check(_ rc: Int32, _ what: String) throws(StoreError) {
        guard rc == SQLITE_OK else { throw StoreError(code: rc, message: "\(what): \(String(cString: sqlite3_errmsg(handle)))") }
    }

    /// `crystaldb_formula(kind, composition)`: the formula of an `element:amount,...` composition in pymatgen's form
    /// (`'pymatgen'`, `Composition.pymatgenReducedFormula`) or Hill's (`'hill'`, `Composition.hillFormula`; NULL for
    /// amounts that are not whole). NULL for a NULL or unreadable composition.
    static func formula(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
        guard count == 2, let arguments, let kindText = sqlite3_value_text(arguments[0]), let compositionText = sqlite3_value_text(arguments[1]) else {
            sqlite3_result_null(context)
            return
        }
        let kind = String(cString: kindText)
        var composition = Composition()
        for pair in String(cString: compositionText).split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let element = Element(symbol: String(parts[0])), let amount = Double(parts[1]), amount > 0 else {
                sqlite3_result_null(context)
                return
            }
            composition.add(element, amount)
        }
        let text: String?
        switch kind {
        case "pymatgen": text = composition.isEmpty ? nil : composition.pymatgenReducedFormula
        case "hill": text = composition.hillFormula
        default: text = nil
        }
        guard var text else {
            sqlite3_result_null(context)
            return
        }
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_result_text(context, chars.baseAddress, Int32(chars.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }
    }
}
