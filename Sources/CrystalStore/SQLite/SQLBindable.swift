import CSQLite
import CrystalModel
import Foundation

/// SQLite's "transient" destructor: SQLite copies the bytes before the bind call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A value that binds to a statement parameter; `bind` returns SQLite's result code, which `Statement` checks.
protocol SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32
}

extension Int64: SQLBindable {
    @inline(__always)
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int64(statement, index, self) }
}

extension Int: SQLBindable {
    @inline(__always)
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int64(statement, index, Int64(self)) }
}

extension Double: SQLBindable {
    @inline(__always)
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_double(statement, index, self) }
}

extension Bool: SQLBindable {
    @inline(__always)
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int64(statement, index, self ? 1 : 0) }
}

extension String: SQLBindable {
    /// The string's own UTF-8 bytes with their length: no C-string copy on the Swift side.
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, let count = Int32(exactly: bytes.count) else {
                return bytes.isEmpty ? sqlite3_bind_text(statement, index, "", 0, transient) : SQLITE_TOOBIG
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, index, $0, count, transient)
            }
        }
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    @inline(__always)
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch self {
        case .some(let value): return value.bind(to: statement, at: index)
        case .none: return sqlite3_bind_null(statement, index)
        }
    }
}

extension StoreValue: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch self {
        case .null: return sqlite3_bind_null(statement, index)
        case .integer(let value): return value.bind(to: statement, at: index)
        case .real(let value): return value.bind(to: statement, at: index)
        case .text(let value): return value.bind(to: statement, at: index)
        }
    }
}

/// Bytes bound as a BLOB (copied by SQLite).
struct SQLBlob: SQLBindable {
    var bytes: [UInt8]

    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        bytes.withUnsafeBytes { raw in
            guard let count = Int32(exactly: raw.count) else { return SQLITE_TOOBIG }
            return sqlite3_bind_blob(statement, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), count, transient)
        }
    }
}

/// An element's symbol bound from a C string allocated once for the process (no copy per row).
struct ElementSymbol: SQLBindable {
    var element: Element

    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        sqlite3_bind_text(statement, index, Self.pointers[element.atomicNumber - 1], -1, nil)
    }

    /// Written once, when first used, and only read afterwards; the strings are never freed.
    nonisolated(unsafe) static let pointers: [UnsafePointer<CChar>] = (1...118).map { z in
        UnsafePointer(strdup(Element(atomicNumber: z)?.symbol ?? "") ?? strdup(""))
    }
}
