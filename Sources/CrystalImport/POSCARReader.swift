import Foundation
import CrystalModel

/// Reads VASP POSCAR/CONTCAR files: VASP 5 (species line) and VASP 4 (species from the comment line or
/// given by the caller), negative scale (= cell volume in Å^3), Direct/Cartesian, selective dynamics.
/// Lines after the positions (velocities, predictor-corrector blocks) are ignored.
public enum POSCARReader {
    /// What to do when a VASP 4 file names no species anywhere.
    public enum MissingSpeciesPolicy: Sendable {
        /// Reject the file with a diagnostic (the default: a guess would store false chemistry).
        case reject
        /// Assign H, He, Li, ... in order, as pymatgen does, with a warning. For symmetry-only work.
        case placeholder
    }

    public struct Options: Sendable {
        /// Species for VASP 4 files, in the order of the counts line (`--species Mg,P,O,H`).
        public var species: [Element]?
        public var missingSpecies: MissingSpeciesPolicy = .reject
        public init(species: [Element]? = nil, missingSpecies: MissingSpeciesPolicy = .reject) {
            self.species = species
            self.missingSpecies = missingSpecies
        }
    }

    public static func read(bytes: [UInt8], location: SourceLocation, options: Options = Options()) -> StructureReadResult {
        var result = StructureReadResult()
        do {
            var parser = POSCARParser(lines: POSCARParser.splitLines(bytes), location: location, options: options)
            let structure = try parser.parse()
            result.structures.append(structure)
            result.diagnostics = parser.warnings
        } catch {
            result.diagnostics.append(error)
        }
        return result
    }
}

/// The line-by-line parser behind `POSCARReader`; every failure names its 1-based line.
struct POSCARParser {
    let lines: [ArraySlice<UInt8>]
    let location: SourceLocation
    let options: POSCARReader.Options
    var warnings: [ImportDiagnostic] = []

    init(lines: [ArraySlice<UInt8>], location: SourceLocation, options: POSCARReader.Options) {
        self.lines = lines
        self.location = location
        self.options = options
    }

    static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out = [ArraySlice<UInt8>]()
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                out.append(bytes[start..<i])
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { out.append(bytes[start..<bytes.count]) }
        return out
    }

    static func words(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x2C })
    }

    static func number(_ word: ArraySlice<UInt8>) -> Double? {
        guard !word.isEmpty, word.count < 64 else { return nil }
        // Fortran writes 1.0D+00.
        let text = String(decoding: word.map { $0 == 0x44 || $0 == 0x64 ? 0x45 : $0 }, as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    func error(_ kind: ImportDiagnostic.Kind, line: Int, _ message: String) -> ImportDiagnostic {
        ImportDiagnostic(.error, kind, at: location.at(line: line), message)
    }

    func line(_ index: Int) throws(ImportDiagnostic) -> ArraySlice<UInt8> {
        guard index < lines.count else { throw error(.syntax, line: index + 1, "file ends early (expected more of the POSCAR header or positions)") }
        return lines[index]
    }

    func numbers(_ index: Int, count: Int, what: String) throws(ImportDiagnostic) -> [Double] {
        let words = Self.words(try line(index))
        guard words.count >= count else { throw error(.syntax, line: index + 1, "expected \(count) numbers for \(what)") }
        var out = [Double]()
        for word in words.prefix(count) {
            guard let value = Self.number(word) else {
                throw error(.syntax, line: index + 1, "'\(String(decoding: word.prefix(20), as: UTF8.self))' in \(what) is not a number")
            }
            out.append(value)
        }
        return out
    }

    /// `Fe`, `Fe_pv`, `Fe/1234abcd` -> Fe.
    static func species(_ word: ArraySlice<UInt8>) -> Element? {
        let symbol = word.prefix { $0 != 0x5F && $0 != 0x2F && $0 != 0x3A }
        return Element(symbol: String(decoding: symbol, as: UTF8.self))
    }

    mutating func parse() throws(ImportDiagnostic) -> ReadStructure {
        guard lines.contains(where: { !Self.words($0).isEmpty }) else { throw error(.noStructure, line: 1, "empty file") }
        let comment = String(decoding: try line(0), as: UTF8.self).trimmingSpaces()
        let scaleWords = try numbers(1, count: 1, what: "the scale factor")
        let scale = scaleWords[0]
        var rows = [Vector3]()
        for index in 2...4 {
            let v = try numbers(index, count: 3, what: "lattice vector \(index - 1)")
            rows.append(Vector3(v[0], v[1], v[2]))
        }
        var lattice = Lattice(a: rows[0], b: rows[1], c: rows[2])
        guard scale != 0 else { throw error(.badCell, line: 2, "scale factor is zero") }
        if scale < 0 {
            let volume = lattice.volume
            guard volume > Tolerances.minimumCellVolume else { throw error(.badCell, line: 3, "lattice vectors give no volume") }
            lattice = lattice.scaled(by: cbrt(-scale / volume))
        } else {
            lattice = lattice.scaled(by: scale)
        }
        guard lattice.volume.isFinite, lattice.volume > Tolerances.minimumCellVolume else {
            throw error(.badCell, line: 3, "lattice vectors give no volume")
        }
        if let why = PhysicalBounds.violation(in: lattice) { throw error(.badCell, line: 3, why) }

        // VASP 5 has species lines before the counts; VASP 4 goes straight to the counts. Either may
        // continue over several lines.
        var cursor = 5
        var names: [Element]?
        guard let first = Self.words(try line(cursor)).first else { throw error(.syntax, line: cursor + 1, "expected species or atom counts") }
        if Self.number(first) == nil {
            var elements = [Element]()
            while let word = Self.words(try line(cursor)).first, Self.number(word) == nil {
                for word in Self.words(try line(cursor)) {
                    if word.first == 0x23 || word.first == 0x21 { break }
                    guard let element = Self.species(word) else {
                        throw error(.unknownElement, line: cursor + 1, "'\(String(decoding: word.prefix(20), as: UTF8.self))' is not an element")
                    }
                    elements.append(element)
                }
                cursor += 1
            }
            names = elements
        }
        var counts = [Int]()
        let countsLine = cursor + 1
        repeat {
            for word in Self.words(try line(cursor)) {
                if word.first == 0x23 || word.first == 0x21 { break }
                guard let value = Self.number(word), value >= 0, value == value.rounded(), value < 10_000_000 else {
                    throw error(.syntax, line: cursor + 1, "atom counts must be non-negative integers")
                }
                counts.append(Int(value))
            }
            cursor += 1
        } while names.map({ counts.count < $0.count }) == true
        guard !counts.isEmpty, counts.reduce(0, +) > 0 else { throw error(.noSites, line: countsLine, "no atoms counted") }
        let total = counts.reduce(0, +)
        // Each atom needs a position line: a count beyond the whole file (or beyond any cell) is refused before
        // a list of that size is made.
        guard total <= PhysicalBounds.maximumSites, total <= lines.count else {
            throw error(.syntax, line: countsLine, "\(total) atoms counted, but the file has only \(lines.count) lines")
        }
        var modeWord = try line(cursor).first(where: { $0 != 0x20 && $0 != 0x09 }) ?? 0
        if modeWord | 0x20 == 0x73 { // Selective dynamics
            cursor += 1
            modeWord = try line(cursor).first(where: { $0 != 0x20 && $0 != 0x09 }) ?? 0
        }
        let cartesian: Bool
        switch modeWord | 0x20 {
        case 0x63, 0x6B: cartesian = true // C, K
        case 0x64: cartesian = false // D
        default: throw error(.syntax, line: cursor + 1, "expected 'Direct' or 'Cartesian'")
        }
        cursor += 1
        let species = try resolveSpecies(names: names, counts: counts, comment: comment, countsLine: countsLine,
                                         lineSymbols: names == nil ? symbolsAfterPositions(from: cursor, count: total) : nil)
        let factor = scale < 0 ? cbrt(-scale / Lattice(a: rows[0], b: rows[1], c: rows[2]).volume) : scale
        var sites = [Site]()
        sites.reserveCapacity(species.count)
        for element in species {
            let v = try numbers(cursor, count: 3, what: "a position")
            var position = Vector3(v[0], v[1], v[2])
            if cartesian {
                guard let frac = lattice.fractional(position * factor) else { throw error(.badCell, line: cursor + 1, "singular cell") }
                position = frac
            }
            guard position.x.isFinite, position.y.isFinite, position.z.isFinite,
                  max(abs(position.x), abs(position.y), abs(position.z)) <= PhysicalBounds.maximumFractionalCoordinate else {
                throw error(.badCoordinate, line: cursor + 1, "position out of range (fractional coordinates beyond ±\(PhysicalBounds.maximumFractionalCoordinate))")
            }
            sites.append(Site(element: element, position: position))
            cursor += 1
        }
        return ReadStructure(structure: Structure(lattice: lattice, sites: sites), block: nil, line: 1, title: comment.isEmpty ? nil : comment)
    }

    /// Species written after each position (`0.1 0.2 0.3 Fe`), if every position line has one.
    func symbolsAfterPositions(from start: Int, count: Int) -> [Element]? {
        guard start + count <= lines.count else { return nil }
        var out = [Element]()
        for index in start..<start + count {
            let words = Self.words(lines[index])
            let flagged = words.count > 3 ? words.dropFirst(3).first(where: { $0 != [0x54] && $0 != [0x46] }) : nil
            guard let word = flagged, let element = Self.species(word) else { return nil }
            out.append(element)
        }
        return out
    }

    mutating func resolveSpecies(names: [Element]?, counts: [Int], comment: String, countsLine: Int,
                                 lineSymbols: [Element]?) throws(ImportDiagnostic) -> [Element] {
        if names == nil, options.species == nil, let lineSymbols { return lineSymbols }
        var symbols: [Element]
        if let names {
            guard names.count == counts.count else {
                throw error(.syntax, line: countsLine, "\(names.count) species but \(counts.count) counts")
            }
            symbols = names
        } else if let given = options.species {
            guard given.count == counts.count else {
                throw error(.syntax, line: countsLine, "--species names \(given.count) species but the file counts \(counts.count)")
            }
            symbols = given
        } else if let fromComment = Self.speciesFromComment(comment), fromComment.count == counts.count {
            symbols = fromComment
        } else {
            switch options.missingSpecies {
            case .reject:
                throw error(.unknownElement, line: countsLine, "VASP 4 POSCAR names no species (none on the comment line); pass --species")
            case .placeholder:
                symbols = (1...counts.count).compactMap { Element(atomicNumber: $0) }
                warnings.append(ImportDiagnostic(.warning, .unknownElement, at: location.at(line: countsLine),
                                                 "no species named; placeholders \(symbols.map(\.symbol).joined(separator: " ")) assigned"))
            }
        }
        var out = [Element]()
        for (element, count) in zip(symbols, counts) { out += Array(repeating: element, count: count) }
        return out
    }

    /// VASP 4 convention: the comment line lists the species (`Mg P O H`, `Fe2 O3` is not a list).
    static func speciesFromComment(_ comment: String) -> [Element]? {
        let words = Self.words(ArraySlice(Array(comment.utf8)))
        guard !words.isEmpty else { return nil }
        var out = [Element]()
        for word in words {
            guard let element = species(word) else { return nil }
            out.append(element)
        }
        return out
    }
}

extension ImportDiagnostic: Error {}
