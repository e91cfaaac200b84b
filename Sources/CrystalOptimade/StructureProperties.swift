import CrystalModel
import CrystalSpaceGroup
import CrystalSymmetry

/// Every property of OPTIMADE 1.2's `structures` entry type, with this store's value for it, and the store's
/// own fields under the provider prefix (`_crystaldb_e_above_hull`). Standard properties the store cannot give
/// (`assemblies`, never needed: no correlated site groups are stored) are known names with a null value.
public struct StructureProperties: Sendable {
    public let prefix: String
    public let all: [StructureProperty]
    public let byName: [String: StructureProperty]
    /// The properties a response carries when it names no response_fields.
    public let defaults: [StructureProperty]

    /// OPTIMADE 1.2's standard `structures` property names, including those always null here.
    public static let standardNames: Set<String> = [
        "id", "type", "immutable_id", "last_modified", "elements", "nelements", "elements_ratios",
        "chemical_formula_descriptive", "chemical_formula_reduced", "chemical_formula_hill", "chemical_formula_anonymous",
        "dimension_types", "nperiodic_dimensions", "lattice_vectors", "space_group_symmetry_operations_xyz",
        "space_group_symbol_hall", "space_group_symbol_hermann_mauguin", "space_group_symbol_hermann_mauguin_extended",
        "space_group_it_number", "cartesian_site_positions", "nsites", "species", "species_at_sites", "assemblies",
        "structure_features",
    ]

    /// The store's fields served under the provider prefix, by their `crystaldb query` names.
    public static let providerFields: [(name: String, type: StructureProperty.DataType, unit: String?)] = [
        ("source", .string, nil), ("is_reference", .boolean, nil), ("reduced_formula", .string, nil),
        ("energy", .float, "eV"), ("energy_per_atom", .float, "eV"), ("formation_energy_per_atom", .float, "eV"),
        ("e_above_hull", .float, "eV"), ("e_above_reference_hull", .float, "eV"), ("is_stable", .boolean, nil),
        ("is_hull_vertex", .boolean, nil), ("decomposition", .list, nil), ("is_novel", .boolean, nil),
        ("is_novel_by_structure", .boolean, nil), ("duplicate_of", .string, nil), ("chemical_system", .string, nil),
        ("natoms", .float, nil), ("volume", .float, "Å^3"), ("density", .float, "g/cm^3"), ("crystal_system", .string, nil),
        ("point_group", .string, nil), ("wyckoff_sequence", .string, nil), ("symmetry_origin", .string, nil),
    ]

    public init(prefix: String) {
        self.prefix = prefix
        var all = Self.standard
        for field in Self.providerFields {
            all.append(Self.provider(prefix: prefix, field.name, field.type, unit: field.unit))
        }
        self.all = all
        byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        defaults = all.filter(\.isDefault)
    }

    /// The `/info/structures` resource (also the second line of an OPTIMADE JSONL file): every property with its
    /// description, type, unit, sortability and query support.
    public var infoDocument: JSONValue {
        let visible = all.filter { $0.name != "assemblies" }
        let names: [JSONValue] = [.string("id"), .string("type")] + visible.map { .string($0.name) }
        var described: [JSONValue.Member] = [
            .init("id", .object([.init("description", "The entry's id, as imported (file stem, or stem/block)."), .init("sortable", true),
                                 .init("type", "string")])),
            .init("type", .object([.init("description", "Always \"structures\"."), .init("sortable", false), .init("type", "string")])),
        ]
        described += visible.map { .init($0.name, $0.infoJSON) }
        return .object([
            .init("type", "info"),
            .init("id", "structures"),
            .init("description", "Crystal structures and the energies and stability computed for them."),
            .init("properties", .object(described)),
            .init("formats", .array(["json"])),
            .init("output_fields_by_format", .object([.init("json", .array(names))])),
        ])
    }

    /// The entry id as a sort key (it is a top-level member, not an attribute).
    public static let idProperty = StructureProperty("id", .string, "The entry's id.", sortable: true, storeFields: ["id"]) { .string($0.id) }

    /// `_prefix_name` -> `name` for this provider's fields.
    public func storeName(ofProviderField name: String) -> String? {
        let head = "_\(prefix)_"
        guard name.hasPrefix(head) else { return nil }
        return String(name.dropFirst(head.count))
    }

    static func provider(prefix: String, _ name: String, _ type: StructureProperty.DataType, unit: String?) -> StructureProperty {
        let summary = crystaldbSummaries[name] ?? name
        if name == "reduced_formula" {
            // Made here from the composition (the same function the filter's SQL calls): no SQL function per row.
            return StructureProperty("_\(prefix)_\(name)", type, summary, sortable: true, storeFields: ["composition"], isProviderSpecific: true,
                                     sortField: name) { entry in
                entry.composition.isEmpty ? .null : .string(entry.composition.pymatgenReducedFormula)
            }
        }
        return StructureProperty("_\(prefix)_\(name)", type, summary, unit: unit, sortable: type != .list,
                                 query: type == .list ? .partial(["HAS", "HAS ALL", "HAS ANY", "HAS ONLY", "IS KNOWN", "IS UNKNOWN"]) : .allMandatory,
                                 storeFields: [name], isProviderSpecific: true) { entry in
            switch type {
            case .float: return .optional(entry.double(name))
            case .integer: return .optional(entry.integer(name))
            case .boolean: return entry.bool(name).map(JSONValue.bool) ?? .null
            case .list: return decompositionJSON(entry.text(name))
            default: return .optional(entry.text(name))
            }
        }
    }

    static let crystaldbSummaries: [String: String] = [
        "source": "Import source name (crystaldb import --source).",
        "is_reference": "Part of the reference set (crystaldb import --reference), e.g. Materials Project.",
        "reduced_formula": "Reduced formula as pymatgen writes it (electronegativity order, polyanion groups, peroxides kept: LiFePO4, Fe2(SO4)3, Li2O2); the unreduced cell formula for partial occupancy.",
        "energy": "Total energy of the entry's composition as imported (eV).",
        "energy_per_atom": "Energy per atom (eV/atom).",
        "formation_energy_per_atom": "Formation energy (eV/atom) against the lowest-energy elemental entries of the store.",
        "e_above_hull": "Energy above the convex hull of all entries (eV/atom, >= 0).",
        "e_above_reference_hull": "Energy above the hull of the reference entries only (eV/atom; negative below it: a new stable material).",
        "is_stable": "On the hull, or within the last hull run's tolerance of it.",
        "is_hull_vertex": "A vertex of the hull of all entries (pymatgen's stable).",
        "decomposition": "Hull phases this entry decomposes into, with atom fractions: a list of {id, fraction}; the entry itself for a vertex. Filter with HAS \"<id>\".",
        "is_novel": "No reference entry has this reduced composition (GNoME's rule), or, after dedupe --novel-by structure, none is in its duplicate group.",
        "is_novel_by_structure": "No reference entry is in this entry's duplicate group (the last dedupe run).",
        "duplicate_of": "The representative of this entry's duplicate group (the last dedupe run), if not itself.",
        "chemical_system": "Elements joined by '-', alphabetical (Fe-Li-O).",
        "natoms": "Atoms in the cell, occupancy-weighted.",
        "volume": "Cell volume (Å^3).",
        "density": "Density (g/cm^3).",
        "crystal_system": "triclinic ... cubic.",
        "point_group": "Point group (m-3m).",
        "wyckoff_sequence": "Wyckoff letters per element (Cl:b_Na:a).",
        "symmetry_origin": "detected (spglib at the import's symprec) or declared (the file's, for disordered structures).",
    ]

    /// `id:fraction;...` -> [{"id": ..., "fraction": ...}].
    static func decompositionJSON(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        return .array(text.split(separator: ";").compactMap { part -> JSONValue? in
            guard let colon = part.lastIndex(of: ":"), let fraction = Double(part[part.index(after: colon)...]) else { return nil }
            return .object([.init("id", .string(String(part[..<colon]))), .init("fraction", .number(fraction))])
        })
    }

    static func alphabetical(_ composition: Composition) -> [(element: Element, amount: Double)] {
        composition.amounts.sorted { $0.element.symbol < $1.element.symbol }
    }

    /// A formula usable as OPTIMADE's reduced or anonymous formula: whole proportions only.
    static func integralFormula(_ text: String?) -> JSONValue {
        guard let text, !text.contains(".") else { return .null }
        return .string(text)
    }

    static func spaceGroupType(_ entry: OptimadeEntry) -> SpaceGroupType? {
        entry.integer("hall_number").flatMap { SpaceGroupType(hallNumber: $0) }
    }

    /// The operators that work on every property with a value or none.
    static let known = ["IS KNOWN", "IS UNKNOWN"]

    static let standard: [StructureProperty] = [
        StructureProperty("immutable_id", .string, "The entry's id with the content hashes of the files its structure and energy came from (`id@structure.energy`, 12 hex digits each; no `+`, which a query string reads as a space): it names this version of the entry.",
                          sortable: true, storeFields: ["immutable_id"]) { .optional($0.text("immutable_id")) },
        StructureProperty("last_modified", .timestamp, "When the entry last changed: its import, or the last hull run for an entry with an energy (UTC).",
                          sortable: true, storeFields: ["last_modified"]) { .optional($0.text("last_modified")) },
        StructureProperty("elements", .list, "Chemical symbols of the elements present, alphabetical.",
                          sortable: false, storeFields: ["composition"]) { entry in
            .array(alphabetical(entry.composition).map { .string($0.element.symbol) })
        },
        StructureProperty("nelements", .integer, "Number of different elements.", sortable: true, storeFields: ["nelements"]) { .optional($0.integer("nelements")) },
        StructureProperty("elements_ratios", .list, "Atom fraction of each element of `elements`, in the same order (occupancy-weighted; sums to 1).",
                          storeFields: ["composition"]) { entry in
            let total = entry.composition.totalAmount
            guard total > 0 else { return .null }
            return .array(alphabetical(entry.composition).map { .number($0.amount / total) })
        },
        StructureProperty("chemical_formula_descriptive", .string, "The reduced formula, elements alphabetical (as chemical_formula_reduced; with decimals for partial occupancy that no small factor makes whole).",
                          sortable: true, storeFields: ["chemical_formula_reduced"]) { .optional($0.text("chemical_formula_reduced")) },
        StructureProperty("chemical_formula_reduced", .string, "Reduced formula, elements alphabetical, whole proportions (FeLiO2); partial occupancy scaled by the smallest factor up to 1000 that makes it whole, else unknown.",
                          sortable: true, storeFields: ["chemical_formula_reduced"]) { integralFormula($0.text("chemical_formula_reduced")) },
        StructureProperty("chemical_formula_hill", .string, "Hill formula (C, H, then alphabetical) of the formula unit: the reduced proportions, doubled for peroxides and diatomic elements as pymatgen writes them (H2O2, O2); unknown for partial occupancy.",
                          sortable: true, storeFields: ["composition"], sortField: "chemical_formula_hill") { .optional($0.composition.hillFormula) },
        StructureProperty("chemical_formula_anonymous", .string, "The reduced formula's proportions, largest first, labelled A, B, C, ...",
                          sortable: true, storeFields: ["chemical_formula_anonymous"]) { integralFormula($0.text("chemical_formula_anonymous")) },
        StructureProperty("dimension_types", .list, "Periodicity of the three lattice directions: always [1, 1, 1] (bulk crystals).") { _ in .array([1, 1, 1].map { JSONValue.int($0) }) },
        StructureProperty("nperiodic_dimensions", .integer, "Number of periodic dimensions: always 3.", sortable: true) { _ in .int(3) },
        StructureProperty("lattice_vectors", .list, "The three lattice vectors a, b, c in Cartesian coordinates (Å); unknown for an entry with only an energy. Filters: LENGTH, IS KNOWN, IS UNKNOWN.",
                          unit: "Å", query: .partial(known), needsStructure: true) { entry in
            guard let lattice = entry.structure?.lattice else { return .null }
            return .array(lattice.rows.map { .array([.number($0.x), .number($0.y), .number($0.z)]) })
        },
        StructureProperty("space_group_symmetry_operations_xyz", .list, "Space-group operations of the structure in its own cell, as x,y,z (the symmetry engine at the import's symprec); only for ordered structures, and only when requested in response_fields.",
                          query: .none, isDefault: false, needsStructure: true, storeFields: ["symprec", "symmetry_origin"]) { entry in
            guard let structure = entry.structure, entry.text("symmetry_origin") == "detected" else { return .null }
            let symprec = entry.double("symprec") ?? SymmetryAnalyzer.defaultSymprec
            guard let operations = SymmetryAnalyzer.operations(of: structure, symprec: symprec) else { return .null }
            var texts = [String]()
            for operation in operations {
                guard let text = operation.xyz else { return .null }
                if !texts.contains(text) { texts.append(text) }
            }
            return .array(texts.map(JSONValue.string))
        },
        StructureProperty("space_group_symbol_hall", .string, "Hall symbol of the setting spglib found (detected symmetry only). Filters: IS KNOWN, IS UNKNOWN.",
                          query: .partial(known), storeFields: ["hall_number"]) { .optional(spaceGroupType($0)?.hallSymbol) },
        StructureProperty("space_group_symbol_hermann_mauguin", .string, "Short Hermann-Mauguin symbol, OPTIMADE spelling (P 21/c): spglib's, or the file's declaration for a disordered structure. Filters: IS KNOWN, IS UNKNOWN.",
                          query: .partial(known), storeFields: ["hall_number", "spacegroup_symbol"]) { entry in
            guard let symbol = spaceGroupType(entry)?.internationalShort ?? entry.text("spacegroup_symbol") else { return .null }
            return .optional(HermannMauguinSymbol.optimade(symbol))
        },
        StructureProperty("space_group_symbol_hermann_mauguin_extended", .string, "Full Hermann-Mauguin symbol of spglib's setting (P 1 21/c 1; detected symmetry only). Filters: IS KNOWN, IS UNKNOWN.",
                          query: .partial(known), storeFields: ["hall_number"]) { entry in
            guard let symbol = spaceGroupType(entry)?.internationalFull else { return .null }
            return .optional(HermannMauguinSymbol.optimade(symbol))
        },
        StructureProperty("space_group_it_number", .integer, "International Tables space group number (spglib's, or the file's declaration for a disordered structure).",
                          sortable: true, storeFields: ["spacegroup_number"]) { .optional($0.integer("spacegroup_number")) },
        StructureProperty("cartesian_site_positions", .list, "Cartesian position of every site (Å). Filters: LENGTH, IS KNOWN, IS UNKNOWN.", unit: "Å", query: .partial(known), needsStructure: true) { entry in
            guard let structure = entry.structure else { return .null }
            return .array(structure.sites.map { site in
                let p = structure.lattice.cartesian(site.position)
                return .array([.number(p.x), .number(p.y), .number(p.z)])
            })
        },
        StructureProperty("nsites", .integer, "Number of sites (positions in the cell).", sortable: true, storeFields: ["nsites"]) { .optional($0.integer("nsites")) },
        StructureProperty("species", .list, "One species per distinct site occupation: its chemical symbols (with \"vacancy\" for a partly empty site), concentrations and masses (u). Filters: IS KNOWN, IS UNKNOWN.",
                          query: .partial(known), needsStructure: true) { entry in
            guard let structure = entry.structure else { return .null }
            return SpeciesList(structure).speciesJSON
        },
        StructureProperty("species_at_sites", .list, "The species name of every site: the element symbol for an ordered site, a name made of the elements and concentrations (Au0.5Cu0.5) for a disordered one. Filters: HAS, HAS ALL, HAS ANY, HAS ONLY with element names (ordered sites), LENGTH, IS KNOWN, IS UNKNOWN.",
                          query: .partial(["HAS", "HAS ALL", "HAS ANY", "HAS ONLY"] + known), needsStructure: true) { entry in
            guard let structure = entry.structure else { return .null }
            return .array(SpeciesList(structure).speciesAtSites.map(JSONValue.string))
        },
        StructureProperty("assemblies", .list, "Not used: no correlated groups of sites are stored (always unknown).", query: .partial(known), isDefault: false) { _ in .null },
        StructureProperty("structure_features", .list, "[\"disorder\"] when a site is shared by several elements or partly empty, else [].",
                          needsStructure: true) { entry in
            guard let structure = entry.structure, SpeciesList(structure).isDisordered else { return .array([]) }
            return .array(["disorder"])
        },
    ]
}
