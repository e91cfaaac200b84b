/// A field of `crystaldb query`: its name (fixed for every later command), the tables it reads, its SQL
/// expression over their aliases (`StoreTables`) and how to print it. Adding a field is one entry of `all`.
public struct QueryField: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case text, integer, real, boolean
        /// `element:amount,...` text shown as a JSON object.
        case composition
        /// Comma-separated text shown as a JSON array of strings.
        case list
        /// `id:fraction;...` text shown as a JSON array of {id, fraction}.
        case decomposition
    }

    public let name: String
    public let kind: Kind
    public let summary: String
    /// The tables the value reads; the planner joins exactly these.
    public let tables: StoreTables
    /// The SQL expression over the aliases of `StoreTables`, in a dialect.
    let expression: @Sendable (any SQLDialect) -> String
    /// The index of `entries` in id order (its UNIQUE constraint's).
    static let orderIndexes = ["id": "sqlite_autoindex_entries_1"]

    init(name: String, tables: StoreTables, kind: Kind, summary: String, expression: @escaping @Sendable (any SQLDialect) -> String) {
        self.name = name
        self.tables = tables
        self.kind = kind
        self.summary = summary
        self.expression = expression
    }

    /// A field that is one column (or a dialect-neutral expression) of `tables`.
    init(name: String, tables: StoreTables, sql: String, kind: Kind, summary: String) {
        self.init(name: name, tables: tables, kind: kind, summary: summary, expression: { _ in sql })
    }

    public static func == (l: QueryField, r: QueryField) -> Bool { l.name == r.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public static let all: [QueryField] = [
        QueryField(name: "id", tables: .entries, sql: "e.id", kind: .text, summary: "entry id"),
        QueryField(name: "source", tables: .entries, sql: "e.source", kind: .text, summary: "import source name"),
        QueryField(name: "is_reference", tables: .entries, sql: "e.is_reference", kind: .boolean, summary: "part of the reference set"),
        QueryField(name: "composition", tables: .entries, kind: .composition, summary: "element -> amount, occupancy-weighted, whole cell") { d in
            "(SELECT \(d.joined("element || ':' || amount", separator: ",")) FROM (SELECT element, amount FROM compositions c WHERE c.entry_pk = e.entry_pk ORDER BY element))"
        },
        QueryField(name: "chemical_formula_reduced", tables: .entries, sql: "e.reduced_formula", kind: .text, summary: "reduced formula, elements alphabetical (FeLiO2)"),
        QueryField(name: "reduced_formula", tables: .entries, kind: .text, summary: "reduced formula as pymatgen writes it (LiFePO4, Ca4ZnS)") { _ in
            "crystaldb_formula('pymatgen', \(compositionText))"
        },
        QueryField(name: "chemical_formula_anonymous", tables: .entries, sql: "e.anonymous_formula", kind: .text, summary: "anonymous formula (A2B)"),
        QueryField(name: "chemical_system", tables: .entries, sql: "e.chemical_system", kind: .text, summary: "elements joined by '-' (Fe-Li-O)"),
        QueryField(name: "elements", tables: .entries, sql: "replace(e.chemical_system, '-', ',')", kind: .list, summary: "element symbols, alphabetical"),
        QueryField(name: "nelements", tables: .entries, sql: "e.nelements", kind: .integer, summary: "number of elements"),
        QueryField(name: "nsites", tables: .entries, sql: "e.nsites", kind: .integer, summary: "positions in the cell (null without a structure)"),
        QueryField(name: "natoms", tables: .entries, sql: "e.natoms", kind: .real, summary: "atoms in the cell, occupancy-weighted"),
        QueryField(name: "a", tables: .structures, sql: "s.a", kind: .real, summary: "cell length a (Å)"),
        QueryField(name: "b", tables: .structures, sql: "s.b", kind: .real, summary: "cell length b (Å)"),
        QueryField(name: "c", tables: .structures, sql: "s.c", kind: .real, summary: "cell length c (Å)"),
        QueryField(name: "alpha", tables: .structures, sql: "s.alpha", kind: .real, summary: "cell angle alpha (°)"),
        QueryField(name: "beta", tables: .structures, sql: "s.beta", kind: .real, summary: "cell angle beta (°)"),
        QueryField(name: "gamma", tables: .structures, sql: "s.gamma", kind: .real, summary: "cell angle gamma (°)"),
        QueryField(name: "volume", tables: .structures, sql: "s.volume", kind: .real, summary: "cell volume (Å^3)"),
        QueryField(name: "density", tables: .structures, sql: "s.density", kind: .real, summary: "density (g/cm^3)"),
        QueryField(name: "energy", tables: .energies, sql: "g.total_energy", kind: .real, summary: "total energy (eV) as imported"),
        QueryField(name: "energy_per_atom", tables: .energies, sql: "g.energy_per_atom", kind: .real, summary: "energy per atom (eV/atom)"),
        QueryField(name: "formation_energy_per_atom", tables: .entries, sql: "e.formation_energy_per_atom", kind: .real, summary: "formation energy (eV/atom) against the lowest elemental entries"),
        QueryField(name: "e_above_hull", tables: .entries, sql: "e.e_above_hull", kind: .real, summary: "energy above the hull of all entries (eV/atom, >= 0)"),
        QueryField(name: "e_above_reference_hull", tables: .entries, sql: "e.e_above_reference_hull", kind: .real, summary: "energy above the reference-only hull (eV/atom, negative below it)"),
        QueryField(name: "is_stable", tables: .entries, sql: "e.is_stable", kind: .boolean, summary: "hull vertex, or within the hull run's tolerance of the hull"),
        QueryField(name: "is_hull_vertex", tables: .energies, sql: "g.is_hull_vertex", kind: .boolean, summary: "a vertex of the hull of all entries (pymatgen's stable)"),
        QueryField(name: "decomposition", tables: .energies, sql: "g.decomposition", kind: .decomposition, summary: "hull phases and atom fractions (id:fraction;...)"),
        QueryField(name: "e_below_hull", tables: .energies, sql: "g.e_below_hull", kind: .real,
                   summary: "hull vertices: distance below the hull of every other composition (eV/atom; pymatgen's phase separation energy, negated)"),
        QueryField(name: "decomposition_reaction", tables: .energies, sql: "g.decomposition_reaction", kind: .text,
                   summary: "the decomposition as a reaction per atom with its energy (a stable entry's: without it)"),
        QueryField(name: "spacegroup_number", tables: .symmetry, sql: "y.spacegroup_number", kind: .integer, summary: "space group number (spglib at the import's symprec; declared for disordered structures)"),
        QueryField(name: "spacegroup_symbol", tables: .symmetry, sql: "y.spacegroup_symbol", kind: .text, summary: "Hermann-Mauguin symbol (Fm-3m)"),
        QueryField(name: "point_group", tables: .symmetry, sql: "y.point_group", kind: .text, summary: "point group (m-3m)"),
        QueryField(name: "crystal_system", tables: .symmetry, sql: "y.crystal_system", kind: .text, summary: "triclinic ... cubic"),
        QueryField(name: "wyckoff_sequence", tables: .symmetry, sql: "y.wyckoff_sequence", kind: .text, summary: "Wyckoff letters per element (Cl:b_Na:a)"),
        QueryField(name: "symmetry_origin", tables: .symmetry, sql: "y.origin", kind: .text, summary: "detected (spglib) or declared (the file's, for disordered structures)"),
        QueryField(name: "duplicate_of", tables: [.entries, .duplicates], sql: "(SELECT r.id FROM entries r WHERE r.entry_pk = d.representative_pk AND d.representative_pk != e.entry_pk)",
                   kind: .text, summary: "the representative of this entry's duplicate group (the last dedupe run), if not itself"),
        QueryField(name: "is_novel", tables: [.entries, .duplicates], sql: """
            (CASE WHEN (SELECT value FROM settings WHERE key = 'novel_by') = 'structure' THEN coalesce(d.novel_by_structure, 1)
             ELSE NOT EXISTS (SELECT 1 FROM entries r WHERE r.is_reference = 1 AND r.reduced_formula = e.reduced_formula) END)
            """,
                   kind: .boolean, summary: "no reference entry has this reduced composition (GNoME's rule), or, after dedupe --novel-by structure, none matches its structure"),
        QueryField(name: "is_novel_by_structure", tables: .duplicates, sql: "d.novel_by_structure", kind: .boolean, summary: "no reference entry matches this entry's structure (StructureMatcher, the last dedupe run)"),
        QueryField(name: "declared_spacegroup_number", tables: .entries, sql: "e.declared_spacegroup_number", kind: .integer, summary: "space group number the file declares"),
        QueryField(name: "declared_spacegroup_symbol", tables: .entries, sql: "e.declared_spacegroup_symbol", kind: .text, summary: "H-M symbol the file declares"),
        QueryField(name: "file", tables: .entries, sql: "(SELECT p.file FROM provenance p WHERE p.entry_pk = e.entry_pk ORDER BY p.role DESC LIMIT 1)", kind: .text, summary: "file the structure (else the energy) came from"),
    ]

    /// The row key, for exporters that load each entry's structure; not a user field.
    public static let entryKey = QueryField(name: "entry_pk", tables: .entries, sql: "e.entry_pk", kind: .integer, summary: "row key")

    /// The symmetry fingerprint that buckets candidate duplicates; not a user field.
    static let symmetryFingerprint = QueryField(name: "symmetry_fingerprint", tables: .symmetry, sql: "y.fingerprint", kind: .text,
                                                summary: "reduced formula, space group and Wyckoff orbit sizes")

    public static let byName: [String: QueryField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static let defaultNames = ["id", "chemical_formula_reduced", "nsites", "volume", "energy_per_atom"]
}
