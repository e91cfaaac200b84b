import CrystalModel

/// The `sites` view: one row per occupant of every site (entry_pk, site_index, element, occupancy, x, y, z,
/// label), decoded from `structures.packed_sites` in plain SQL, so that any SQLite client (the sqlite3 shell,
/// Python's sqlite3) reads per-site rows without crystaldb. It needs SQLite's math functions (`pow`, in
/// Debian's and Python's builds). crystaldb itself decodes the blob in Swift (`PackedSites`).
///
/// How it decodes: a byte is the position of its 2-digit hex in a list of the 256 hex pairs; a float64 is sign,
/// exponent and mantissa taken from its 8 bytes, (2^52 + mantissa) * 2^(exponent - 1075) (exact: both factors
/// are exact doubles); the occupants of a structure are counted by `json_each` over an array of m zeros.
enum SitesView {
    /// The `CREATE VIEW` statement (part of the packed-sites migration: fixed once written).
    static let sql: String = {
        let blob = "s.packed_sites"
        func hex(_ offset: String, _ count: Int) -> String { "hex(substr(\(blob), \(offset) + 1, \(count)))" }
        func byte(_ hexText: String, _ k: Int) -> String {
            "((instr((SELECT pairs FROM hex_pairs), substr(\(hexText), \(2 * k + 1), 2)) - 1) / 3)"
        }
        func uint32(_ hexText: String) -> String {
            "(\(byte(hexText, 0)) + \(byte(hexText, 1)) * 256 + \(byte(hexText, 2)) * 65536 + \(byte(hexText, 3)) * 16777216)"
        }
        func float64(_ h: String) -> String {
            let exponent = "((\(byte(h, 7)) % 128) * 16 + \(byte(h, 6)) / 16)"
            let mantissa = "((\(byte(h, 6)) % 16) * 281474976710656 + \(byte(h, 5)) * 1099511627776 + \(byte(h, 4)) * 4294967296"
                + " + \(byte(h, 3)) * 16777216 + \(byte(h, 2)) * 65536 + \(byte(h, 1)) * 256 + \(byte(h, 0)))"
            return "((CASE WHEN \(byte(h, 7)) >= 128 THEN -1.0 ELSE 1.0 END) * (CASE WHEN \(exponent) = 0"
                + " THEN \(mantissa) * pow(2, -1074) ELSE (4503599627370496 + \(mantissa)) * pow(2, \(exponent) - 1075) END))"
        }
        return """
            CREATE VIEW sites (entry_pk, site_index, element, occupancy, x, y, z, label) AS
            WITH hex_pairs (pairs) AS (SELECT '\(pairs)')
            SELECT o.entry_pk, o.site_index,
                trim(substr('\(symbols)', 2 * o.atomic_number - 1, 2)),
                CASE WHEN o.ordered THEN 1.0 ELSE \(float64("o.occupancy_hex")) END,
                \(float64("o.x_hex")), \(float64("o.y_hex")), \(float64("o.z_hex")),
                CASE WHEN o.labels IS NULL THEN NULL ELSE json_extract(o.labels, '$[' || o.site_index || ']') END
            FROM (SELECT p.entry_pk, p.labels, p.ordered, p.site_index, p.occupancy_hex, p.atomic_number,
                    \(hex("16 + 24 * p.site_index", 8).replacingOccurrences(of: blob, with: "p.blob")) AS x_hex,
                    \(hex("24 + 24 * p.site_index", 8).replacingOccurrences(of: blob, with: "p.blob")) AS y_hex,
                    \(hex("32 + 24 * p.site_index", 8).replacingOccurrences(of: blob, with: "p.blob")) AS z_hex
                FROM (SELECT c.entry_pk, c.blob, c.labels, c.ordered,
                        CASE WHEN c.ordered THEN j.key ELSE \(uint32(hex("16 + 24 * c.n + 8 * c.m + 4 * j.key", 4).replacingOccurrences(of: blob, with: "c.blob"))) END AS site_index,
                        CASE WHEN c.ordered THEN NULL ELSE \(hex("16 + 24 * c.n + 8 * j.key", 8).replacingOccurrences(of: blob, with: "c.blob")) END AS occupancy_hex,
                        \(byte(hex("16 + 24 * c.n + (CASE WHEN c.ordered THEN 0 ELSE 12 * c.m END) + j.key", 1).replacingOccurrences(of: blob, with: "c.blob"), 0)) AS atomic_number
                    FROM (SELECT s.entry_pk, s.packed_sites AS blob, s.site_labels AS labels,
                            (\(byte(hex("1", 1), 0)) % 2) = 1 AS ordered,
                            \(uint32(hex("4", 4))) AS n, \(uint32(hex("8", 4))) AS m
                        FROM structures s) c,
                    json_each('[' || rtrim(replace(hex(zeroblob(c.m)), '00', '0,'), ',') || ']') j) p) o
            """
    }()

    /// The 256 byte values as hex pairs, each followed by a space: the byte of a pair found at (1-based)
    /// position p is (p - 1) / 3, and no pair can be found across a boundary.
    static let pairs: String = (0..<256).map { value in
        let text = String(value, radix: 16, uppercase: true)
        return (text.count == 1 ? "0" + text : text) + " "
    }.joined()

    /// Element symbols in atomic-number order, two characters each (padded with a space).
    static let symbols: String = (1...118).map { z in
        let symbol = Element(atomicNumber: z)?.symbol ?? "?"
        return symbol.count == 1 ? symbol + " " : symbol
    }.joined()
}
