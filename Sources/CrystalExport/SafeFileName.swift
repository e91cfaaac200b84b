/// File names for ids inside an export: no directory separators, no `.`/`..`, no control characters;
/// unique within one export (a clash gets `-2`, `-3`, ...). Ids can hold `/` (`--id-from path`), never a path.
struct SafeFileNames {
    private var used = Set<String>()

    mutating func name(for id: String, extension ext: String) -> String {
        var base = String(id.map { c -> Character in
            if c == "/" || c == "\\" || c == ":" || c.asciiValue.map({ $0 < 0x20 }) == true { return "_" }
            return c
        })
        while base.hasPrefix(".") { base.removeFirst() }
        if base.isEmpty { base = "entry" }
        if base.utf8.count > 200 { base = String(base.prefix(200)) }
        var candidate = base + ext
        var n = 2
        while used.contains(candidate.lowercased()) {
            candidate = "\(base)-\(n)\(ext)"
            n += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}
