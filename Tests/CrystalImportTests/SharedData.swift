import Foundation

/// Paths into ../shared/data, the real public files CI places beside the clone.
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static var structures: URL { root.appendingPathComponent("structures") }
    static var available: Bool { FileManager.default.fileExists(atPath: structures.path) }

    static func bytes(_ url: URL) -> [UInt8] { (try? [UInt8](Data(contentsOf: url))) ?? [] }

    /// One line of structures.pymatgen.jsonl.
    struct Record {
        let path: String
        let kind: String
        let pymatgen: [[String: Any]]?
        let gemmi: [[String: Any]]?
    }

    static func records() throws -> [Record] {
        let text = try String(contentsOf: structures.appendingPathComponent("structures.pymatgen.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Record(path: object["path"] as! String, kind: object["kind"] as! String,
                          pymatgen: object["pymatgen"] as? [[String: Any]], gemmi: object["gemmi"] as? [[String: Any]])
        }
    }
}
