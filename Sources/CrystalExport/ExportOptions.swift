import CrystalModel
import CrystalQuery
import CrystalStore

/// What to export and how.
public struct ExportOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// A folder with GNoME's summary.csv layout and by_id.zip of `<id>.CIF`.
        case gnome
        case cifZip = "cif-zip"
        case cifDir = "cif-dir"
        case poscarDir = "poscar-dir"
        case csv
        case jsonl
        /// ASE's extended XYZ, one frame per ordered structure, energy and stability values as info keys.
        case extxyz
        /// A JSON list of pymatgen ComputedStructureEntry (ComputedEntry for entries without a structure).
        case pymatgenJSON = "pymatgen-json"
        /// One OPTIMADE structures resource per line, as `crystaldb serve` returns it.
        case optimadeJSONL = "optimade-jsonl"
    }

    public var format: Format
    public var filter: EntryFilterOptions
    /// GNoME's stable-candidate subset: non-reference entries on the combined hull (within the hull run's
    /// tolerance, or within `filter.maximumEnergyAboveHull` when given) whose reduced composition no
    /// reference entry has.
    public var candidates: Bool
    /// Replace an existing output.
    public var force: Bool
    /// Composition (GNoME's), structure (after `crystaldb dedupe`), or `is_novel` as the last dedupe set it.
    public typealias NovelRule = EntryPredicate.NovelRule

    /// Novelty rule for candidates.
    public var novelRule = NovelRule.stored

    /// How each structure is re-expressed before it is written (e.g. its standardized primitive or conventional cell,
    /// from the symmetry engine); nil: as stored.
    public var cell: (@Sendable (Structure) -> Structure)?

    /// Provider prefix of the store's own fields in optimade-jsonl (`_crystaldb_e_above_hull`).
    public var providerPrefix = "crystaldb"

    public init(format: Format, filter: EntryFilterOptions = EntryFilterOptions(), candidates: Bool = false, force: Bool = false) {
        self.format = format
        self.filter = filter
        self.candidates = candidates
        self.force = force
    }
}

/// Why an export could not be made; nothing half-written is left at the output path.
public struct ExportError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
