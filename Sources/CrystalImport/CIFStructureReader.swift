import CIFSyntax
import CrystalModel

/// Maps CIF data blocks to crystal structures: cell, atom sites, symmetry expansion to the full cell and
/// merging of coinciding sites, following the CIF 1.1 core dictionary (and its DDLm spellings).
/// Layered as gemmi's smcif: it sees only the document model, never the bytes' syntax.
public enum CIFStructureReader {
    public static func read(bytes: [UInt8], location: SourceLocation) -> StructureReadResult {
        let parsed = CIFParser.parse(bytes)
        var result = StructureReadResult()
        for error in parsed.errors {
            result.diagnostics.append(ImportDiagnostic(.error, .syntax, at: location.at(line: error.line, block: error.block),
                                                      "CIF syntax: \(error.reason)"))
        }
        for warning in parsed.warnings {
            result.diagnostics.append(ImportDiagnostic(.warning, .syntax, at: location.at(line: warning.line, block: warning.block),
                                                      "CIF syntax: \(warning.reason)"))
        }
        for block in parsed.document.blocks {
            let blockLocation = location.at(line: block.line, block: block.name)
            var mapper = CIFBlockMapper(document: parsed.document, block: block, location: blockLocation)
            if let structure = mapper.map() { result.structures.append(structure) }
            result.diagnostics += mapper.diagnostics
        }
        if result.structures.isEmpty && result.diagnostics.allSatisfy({ $0.severity != .error }) {
            let reason = parsed.document.blocks.isEmpty ? "no data block" : "no block has a crystal structure (cell and _atom_site_fract_x/y/z)"
            result.diagnostics.append(ImportDiagnostic(.error, .noStructure, at: location.at(line: parsed.document.blocks.first?.line ?? 1), reason))
        }
        return result
    }
}

/// Turns one block into a structure, collecting located diagnostics.
struct CIFBlockMapper {
    let document: CIFDocument
    let block: CIFBlock
    let location: SourceLocation
    let tags: CIFTagIndex
    var diagnostics: [ImportDiagnostic] = []

    init(document: CIFDocument, block: CIFBlock, location: SourceLocation) {
        self.document = document
        self.block = block
        self.location = location
        self.tags = CIFTagIndex(block: block)
    }

    mutating func fail<T>(_ kind: ImportDiagnostic.Kind, line: Int?, _ message: String) -> T? {
        report(kind, line: line, message)
        return nil
    }

    /// Records an error diagnostic (the block gives no structure).
    mutating func report(_ kind: ImportDiagnostic.Kind, line: Int?, _ message: String) {
        diagnostics.append(ImportDiagnostic(.error, kind, at: location.at(line: line ?? location.line), message))
    }

    mutating func warn(_ kind: ImportDiagnostic.Kind, line: Int?, _ message: String) {
        diagnostics.append(ImportDiagnostic(.warning, kind, at: location.at(line: line ?? location.line), message))
    }

    mutating func map() -> ReadStructure? {
        let hasSites = tags.has("_atom_site_fract_x")
        let hasCell = tags.has("_cell_length_a")
        // Blocks without sites or cell (publication blocks, dictionaries, mmCIF) are not structures.
        guard hasSites || hasCell else { return nil }
        guard hasSites else {
            let what = tags.has("_atom_site_cartn_x") ? "only Cartesian _atom_site_Cartn_x/y/z, which crystaldb does not map"
                                                       : "no _atom_site_fract_x/y/z"
            return fail(.noSites, line: block.line, "cell given but \(what)")
        }
        guard let lattice = readLattice() else { return nil }
        guard let symmetry = readSymmetry() else { return nil }
        guard let rows = readSiteRows() else { return nil }
        guard !rows.isEmpty else { return fail(.noSites, line: block.line, "the atom site loop has no usable sites") }
        guard rows.count.multipliedReportingOverflow(by: symmetry.operations.count).partialValue <= SymmetryExpander.maximumImages,
              !rows.count.multipliedReportingOverflow(by: symmetry.operations.count).overflow else {
            return fail(.symmetry, line: block.line, "\(rows.count) sites under \(symmetry.operations.count) symmetry operations is more than \(SymmetryExpander.maximumImages) images")
        }
        let expander = SymmetryExpander(operations: symmetry.operations, lattice: lattice)
        let expansion = expandAgainstDeclaredFormula(expander, rows)
        guard expansion.sites.count <= PhysicalBounds.maximumSites else {
            return fail(.noSites, line: block.line, "symmetry expands the sites to \(expansion.sites.count) positions, more than \(PhysicalBounds.maximumSites)")
        }
        for merge in expansion.merges {
            warn(.sitesMerged, line: merge.line, "site \(merge.label) shares its position with \(merge.into); merged into one disordered site")
        }
        var sites = expansion.sites
        for index in sites.indices {
            let total = sites[index].totalOccupancy
            guard total > 1 + Tolerances.occupancyRounding else { continue }
            let line = expansion.lines[index]
            if total > 1 + Tolerances.occupancyRescale {
                return fail(.occupancy, line: line, "occupancies at site \(sites[index].label ?? "?") sum to \(total), more than 1")
            }
            for k in sites[index].occupants.indices { sites[index].occupants[k].occupancy /= total }
            warn(.occupancy, line: line, "occupancies at site \(sites[index].label ?? "?") sum to \(total); rescaled to 1")
        }
        let built = Structure(lattice: lattice, sites: sites)
        var structure = ReadStructure(structure: built, block: block.name, line: block.line)
        structure.declaredSpaceGroupNumber = symmetry.declaredNumber
        structure.declaredSpaceGroupSymbol = symmetry.declaredSymbol
        return structure
    }

    /// The expansion, with the declared `_chemical_formula_sum` as arbiter where the rules can disagree: copies of
    /// partly occupied sites closer than `Tolerances.symmetryCopyDistance` stay apart (split positions, as
    /// pymatgen) unless merging them makes the composition agree with the formula and keeping them apart does
    /// not. When merging fully occupied copies by distance leaves the composition away from the formula, and the
    /// fractional rule would have agreed, that is a warning naming both formulas.
    mutating func expandAgainstDeclaredFormula(_ expander: SymmetryExpander, _ rows: [SymmetryExpander.SiteRow]) -> SymmetryExpander.Expansion {
        var expansion = expander.expand(rows)
        guard expansion.partialSitesWithCloseCopies > 0 || !expansion.distantCopyMerges.isEmpty,
              let value = tags.value("_chemical_formula_sum"), !value.isNull,
              let declared = try? Composition(formula: document.string(value)) else { return expansion }
        func agrees(_ e: SymmetryExpander.Expansion) -> Bool { Self.composition(e).agrees(withDeclared: declared) }
        if expansion.partialSitesWithCloseCopies > 0, !agrees(expansion) {
            let merged = expander.expand(rows, rule: .allByDistance)
            if agrees(merged) { expansion = merged }
        }
        if let first = expansion.distantCopyMerges.first, !agrees(expansion), agrees(expander.expand(rows, rule: .fractional)) {
            let count = expansion.distantCopyMerges.count
            warn(.sitesMerged, line: first.line,
                 "merging symmetry copies of site \(first.label)\(count > 1 ? " and \(count - 1) more" : "") closer than \(Tolerances.symmetryCopyDistance) Å gives \(Self.composition(expansion).reducedFormula), but _chemical_formula_sum is '\(document.string(value).trimmingSpaces())' (\(declared.reducedFormula))")
        }
        return expansion
    }

    static func composition(_ expansion: SymmetryExpander.Expansion) -> Composition {
        var composition = Composition()
        for site in expansion.sites { for occupant in site.occupants { composition.add(occupant.element, occupant.occupancy) } }
        return composition
    }

    mutating func readLattice() -> Lattice? {
        let tagNames = ["_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"]
        var values = [Double]()
        var lines = [Int?]()
        for tag in tagNames {
            guard let value = tags.value(tag) else {
                if tag.hasPrefix("_cell_angle"), tags.value("_cell_length_a") != nil {
                    // Angles are often omitted for orthogonal cells; the core dictionary defaults them to 90.
                    values.append(90)
                    lines.append(nil)
                    continue
                }
                return fail(.missingCell, line: block.line, "missing \(tag)")
            }
            guard let number = document.number(value) else {
                return fail(.missingCell, line: Int(value.line), "\(tag) is not a number: '\(document.string(value).prefix(30))'")
            }
            values.append(number)
            lines.append(Int(value.line))
        }
        for axis in 0..<3 {
            let length = values[axis]
            guard length > 0 else { return fail(.badCell, line: lines[axis], "cell lengths must be positive: \(values[0]), \(values[1]), \(values[2])") }
            guard length >= PhysicalBounds.minimumCellLength, length <= PhysicalBounds.maximumCellLength else {
                return fail(.badCell, line: lines[axis],
                            "\(tagNames[axis]) \(length) Å is outside \(PhysicalBounds.minimumCellLength)-\(PhysicalBounds.maximumCellLength) Å")
            }
        }
        let lengths = Vector3(values[0], values[1], values[2])
        let angles = Vector3(values[3], values[4], values[5])
        let angleLine = lines[3] ?? lines[0]
        guard angles.min() > 0, angles.max() < PhysicalBounds.maximumCellAngle else {
            return fail(.badCell, line: angleLine, "cell angles must lie strictly between 0 and 180 degrees")
        }
        let lattice = Lattice(lengths: lengths, anglesInDegrees: angles)
        guard lattice.volume.isFinite, lattice.volume > PhysicalBounds.minimumCellVolume,
              lattice.volume / (lengths.x * lengths.y * lengths.z) > PhysicalBounds.minimumVolumeFraction else {
            return fail(.badCell, line: angleLine, "the cell angles give no volume (\(angles.x), \(angles.y), \(angles.z))")
        }
        return lattice
    }

    /// Numeric value of a coordinate or occupancy: a CIF number or a fraction such as `1/4`.
    func coordinate(_ value: CIFValue) -> Double? {
        if let number = document.number(value) { return number }
        let text = document.string(value)
        let parts = text.split(separator: "/")
        guard parts.count == 2, let top = Double(parts[0]), let bottom = Double(parts[1]), bottom != 0 else { return nil }
        return top / bottom
    }

    mutating func readSiteRows() -> [SymmetryExpander.SiteRow]? {
        guard let loop = tags.loopIndex("_atom_site_fract_x") else {
            // A single site given as pairs.
            return readSingleSite()
        }
        let l = block.loops[loop]
        guard let cx = tags.column("_atom_site_fract_x", inLoop: loop),
              let cy = tags.column("_atom_site_fract_y", inLoop: loop),
              let cz = tags.column("_atom_site_fract_z", inLoop: loop) else {
            return fail(.noSites, line: l.line, "_atom_site_fract_x, _y and _z are not in one loop")
        }
        guard l.rowCount <= PhysicalBounds.maximumSites else {
            return fail(.noSites, line: l.line, "\(l.rowCount) atom sites, more than \(PhysicalBounds.maximumSites)")
        }
        let cLabel = tags.column("_atom_site_label", inLoop: loop)
        let cType = tags.column("_atom_site_type_symbol", inLoop: loop)
        let cOccupancy = tags.column("_atom_site_occupancy", inLoop: loop)
        var rows = [SymmetryExpander.SiteRow]()
        rows.reserveCapacity(l.rowCount)
        for row in 0..<l.rowCount {
            let values = SiteValues(line: Int(l.value(row: row, column: 0).line),
                                    label: cLabel.map { l.value(row: row, column: $0) },
                                    type: cType.map { l.value(row: row, column: $0) },
                                    x: l.value(row: row, column: cx), y: l.value(row: row, column: cy), z: l.value(row: row, column: cz),
                                    occupancy: cOccupancy.map { l.value(row: row, column: $0) })
            switch siteRow(values) {
            case .row(let site): rows.append(site)
            case .skipped: continue
            case .failed: return nil
            }
        }
        return rows
    }

    /// One site's values as the file gives them, in a loop row or as pairs.
    struct SiteValues {
        var line: Int
        var label: CIFValue?
        var type: CIFValue?
        var x: CIFValue, y: CIFValue, z: CIFValue
        var occupancy: CIFValue?
    }

    enum SiteOutcome {
        case row(SymmetryExpander.SiteRow)
        /// Left out with a warning (no coordinates, not an element, zero occupancy).
        case skipped
        /// The block fails; the error diagnostic is recorded.
        case failed
    }

    /// Checks one site against the domains of `PhysicalBounds` (the same rules for loop rows and pairs).
    mutating func siteRow(_ v: SiteValues) -> SiteOutcome {
        let line = v.line
        let label = v.label.flatMap { $0.isNull ? nil : document.string($0) }
        let name = label ?? "?"
        if v.x.isNull || v.y.isNull || v.z.isNull {
            warn(.badCoordinate, line: line, "site \(name) has no coordinates ('?' or '.'); skipped")
            return .skipped
        }
        guard let x = coordinate(v.x), let y = coordinate(v.y), let z = coordinate(v.z) else {
            report(.badCoordinate, line: line, "site \(name): coordinates are not numbers")
            return .failed
        }
        guard x.isFinite, y.isFinite, z.isFinite, max(abs(x), abs(y), abs(z)) <= PhysicalBounds.maximumFractionalCoordinate else {
            report(.badCoordinate, line: line, "site \(name): coordinates out of range (beyond ±\(PhysicalBounds.maximumFractionalCoordinate))")
            return .failed
        }
        // The type symbol decides when given; the label only stands in for a missing one.
        let typeValue = v.type.flatMap { $0.isNull ? nil : $0 }
        let typeElement = typeValue.map { value in
            document.slice(value).withUnsafeBufferPointer { ElementSymbolParser.element(bytes: $0) }
        }
        guard let element = typeElement ?? label.flatMap(ElementSymbolParser.element(from:)) else {
            // Dummy atoms (X, M, Q, centroids) are markers, not atoms: the real atoms are kept.
            let symbol = typeValue.map(document.string) ?? label ?? ""
            warn(.unknownElement, line: line, "site \(name): '\(symbol.prefix(20))' is not an element; site skipped")
            return .skipped
        }
        var occupancy = 1.0
        if let value = v.occupancy, !value.isNull {
            guard let number = coordinate(value) else {
                report(.occupancy, line: line, "site \(name): occupancy '\(document.string(value).prefix(20))' is not a number")
                return .failed
            }
            occupancy = number
        }
        guard occupancy.isFinite, occupancy >= 0 else {
            report(.occupancy, line: line, "site \(name): occupancy \(occupancy) is negative or not finite")
            return .failed
        }
        if occupancy == 0 { return .skipped }
        return .row(.init(element: element, position: snapThirds(Vector3(x, y, z)), occupancy: occupancy,
                          label: label ?? element.symbol, line: line))
    }

    /// A single site given as pairs instead of a loop: the same checks as a loop row.
    mutating func readSingleSite() -> [SymmetryExpander.SiteRow]? {
        guard let xv = tags.value("_atom_site_fract_x"), let yv = tags.value("_atom_site_fract_y"),
              let zv = tags.value("_atom_site_fract_z") else { return fail(.noSites, line: block.line, "incomplete _atom_site_fract_x/y/z") }
        let values = SiteValues(line: Int(xv.line), label: tags.value("_atom_site_label"), type: tags.value("_atom_site_type_symbol"),
                                x: xv, y: yv, z: zv, occupancy: tags.value("_atom_site_occupancy"))
        switch siteRow(values) {
        case .row(let site): return [site]
        case .skipped: return []
        case .failed: return nil
        }
    }

    func snapThirds(_ p: Vector3) -> Vector3 {
        var out = p
        for axis in 0..<3 {
            for third in [1.0 / 3.0, 2.0 / 3.0] where abs(1 - p[axis] / third) < Tolerances.thirdsRelative {
                out[axis] = third
            }
        }
        return out
    }
}
