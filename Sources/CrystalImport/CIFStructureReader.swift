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
        diagnostics.append(ImportDiagnostic(.error, kind, at: location.at(line: line ?? location.line), message))
        return nil
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
        let expander = SymmetryExpander(operations: symmetry.operations)
        let expansion = expander.expand(rows)
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
        var structure = ReadStructure(structure: Structure(lattice: lattice, sites: sites), block: block.name, line: block.line)
        structure.declaredSpaceGroupNumber = symmetry.declaredNumber
        structure.declaredSpaceGroupSymbol = symmetry.declaredSymbol
        return structure
    }

    mutating func readLattice() -> Lattice? {
        var values = [Double]()
        for tag in ["_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"] {
            guard let value = tags.value(tag) else {
                if tag.hasPrefix("_cell_angle"), tags.value("_cell_length_a") != nil {
                    // Angles are often omitted for orthogonal cells; the core dictionary defaults them to 90.
                    values.append(90)
                    continue
                }
                return fail(.missingCell, line: block.line, "missing \(tag)")
            }
            guard let number = document.number(value) else {
                return fail(.missingCell, line: Int(value.line), "\(tag) is not a number: '\(document.string(value).prefix(30))'")
            }
            values.append(number)
        }
        let lengths = Vector3(values[0], values[1], values[2])
        let angles = Vector3(values[3], values[4], values[5])
        guard lengths.min() > 0 else { return fail(.badCell, line: tags.value("_cell_length_a").map { Int($0.line) }, "cell lengths must be positive: \(values[0]), \(values[1]), \(values[2])") }
        guard angles.min() > 0, angles.max() < 180 else { return fail(.badCell, line: tags.value("_cell_angle_alpha").map { Int($0.line) }, "cell angles must lie strictly between 0 and 180 degrees") }
        let lattice = Lattice(lengths: lengths, anglesInDegrees: angles)
        guard lattice.volume.isFinite, lattice.volume > Tolerances.minimumCellVolume,
              lattice.volume / (lengths.x * lengths.y * lengths.z) > Tolerances.minimumVolumeFraction else {
            return fail(.badCell, line: tags.value("_cell_angle_alpha").map { Int($0.line) }, "the cell angles give no volume (\(angles.x), \(angles.y), \(angles.z))")
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
        let cLabel = tags.column("_atom_site_label", inLoop: loop)
        let cType = tags.column("_atom_site_type_symbol", inLoop: loop)
        let cOccupancy = tags.column("_atom_site_occupancy", inLoop: loop)
        var rows = [SymmetryExpander.SiteRow]()
        rows.reserveCapacity(l.rowCount)
        for row in 0..<l.rowCount {
            let line = Int(l.value(row: row, column: 0).line)
            let label = cLabel.map { document.string(l.value(row: row, column: $0)) }
            let typeValue = cType.map { l.value(row: row, column: $0) }.flatMap { $0.isNull ? nil : $0 }
            let xv = l.value(row: row, column: cx), yv = l.value(row: row, column: cy), zv = l.value(row: row, column: cz)
            if xv.isNull || yv.isNull || zv.isNull {
                warn(.badCoordinate, line: line, "site \(label ?? "?") has no coordinates ('?' or '.'); skipped")
                continue
            }
            guard let x = coordinate(xv), let y = coordinate(yv), let z = coordinate(zv) else {
                return fail(.badCoordinate, line: line, "site \(label ?? "?"): coordinates are not numbers")
            }
            // The type symbol decides when given; the label only stands in for a missing one.
            let typeElement = typeValue.map { value in
                document.slice(value).withUnsafeBufferPointer { ElementSymbolParser.element(bytes: $0) }
            }
            guard let element = typeElement ?? label.flatMap(ElementSymbolParser.element(from:)) else {
                // Dummy atoms (X, M, Q, centroids) are markers, not atoms: the real atoms are kept.
                let symbol = typeValue.map(document.string) ?? label ?? ""
                warn(.unknownElement, line: line, "site \(label ?? "?"): '\(symbol)' is not an element; site skipped")
                continue
            }
            var occupancy = 1.0
            if let c = cOccupancy {
                let value = l.value(row: row, column: c)
                if !value.isNull {
                    guard let number = coordinate(value) else {
                        return fail(.occupancy, line: line, "site \(label ?? "?"): occupancy '\(document.string(value).prefix(20))' is not a number")
                    }
                    occupancy = number
                }
            }
            guard x.isFinite, y.isFinite, z.isFinite, abs(x) < 1e6, abs(y) < 1e6, abs(z) < 1e6 else {
                return fail(.badCoordinate, line: line, "site \(label ?? "?"): coordinates out of range")
            }
            guard occupancy.isFinite, occupancy >= 0 else {
                return fail(.occupancy, line: line, "site \(label ?? "?"): occupancy \(occupancy) is negative or not finite")
            }
            if occupancy == 0 { continue }
            rows.append(.init(element: element, position: snapThirds(Vector3(x, y, z)), occupancy: occupancy,
                              label: label ?? element.symbol, line: line))
        }
        return rows
    }

    mutating func readSingleSite() -> [SymmetryExpander.SiteRow]? {
        guard let xv = tags.value("_atom_site_fract_x"), let yv = tags.value("_atom_site_fract_y"),
              let zv = tags.value("_atom_site_fract_z") else { return fail(.noSites, line: block.line, "incomplete _atom_site_fract_x/y/z") }
        let line = Int(xv.line)
        let label = tags.value("_atom_site_label").map(document.string)
        let type = tags.value("_atom_site_type_symbol").map(document.string)
        guard let element = type.flatMap(ElementSymbolParser.element(from:)) ?? label.flatMap(ElementSymbolParser.element(from:)) else {
            return fail(.unknownElement, line: line, "site \(label ?? "?"): no element")
        }
        guard let x = coordinate(xv), let y = coordinate(yv), let z = coordinate(zv) else {
            return fail(.badCoordinate, line: line, "site \(label ?? "?"): coordinates are not numbers")
        }
        let occupancy = tags.value("_atom_site_occupancy").flatMap(coordinate) ?? 1
        return [.init(element: element, position: snapThirds(Vector3(x, y, z)), occupancy: occupancy, label: label ?? element.symbol, line: line)]
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
