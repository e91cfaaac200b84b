import Foundation
import CrystalModel

/// Reads ASE's extended XYZ (`.extxyz`, `.xyz`): frames of an atom count line, a comment line of `key=value`
/// pairs (`Lattice`, `Properties`, `pbc`, `energy`, `id`, ...) and one line per atom. Periodic frames only: a
/// frame without a `Lattice`, or not periodic in all three directions, is refused with a located error. The
/// `energy` key is the total energy of the frame (eV); `id` (or `material_id`, `entry_id`) names the entry.
public enum ExtendedXYZReader {
    public struct Frame: Sendable {
        public var id: String?
        public var structure: ReadStructure
        /// Total energy of the frame's atoms (eV), if given.
        public var energy: Double?
    }

    public struct Result: Sendable {
        public var frames: [Frame] = []
        public var diagnostics: [ImportDiagnostic] = []
    }

    /// Most atoms accepted in one frame (a guard against a corrupt count line).
    public static let maximumAtoms = 1_000_000
    static let idKeys = ["id", "material_id", "entry_id", "mp_id"]

    public static func read(bytes: [UInt8], location: SourceLocation) -> Result {
        var result = Result()
        let lines = POSCARParser.splitLines(bytes)
        var index = 0
        while index < lines.count {
            let countText = String(decoding: lines[index], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if countText.isEmpty {
                index += 1
                continue
            }
            let frameLine = index + 1
            guard let count = Int(countText), count >= 1, count <= maximumAtoms else {
                result.diagnostics.append(ImportDiagnostic(.error, .syntax, at: location.at(line: frameLine),
                    "extended XYZ: expected the atom count of a frame, found '\(countText.prefix(40))'"))
                return result
            }
            guard index + 1 + count < lines.count else {
                result.diagnostics.append(ImportDiagnostic(.error, .syntax, at: location.at(line: frameLine),
                    "extended XYZ: the frame announces \(count) atoms but the file ends first"))
                return result
            }
            do {
                result.frames.append(try frame(count: count, comment: lines[index + 1], atoms: lines[(index + 2)..<(index + 2 + count)],
                                               firstLine: frameLine, location: location))
            } catch {
                result.diagnostics.append(error)
            }
            index += 2 + count
        }
        if result.frames.isEmpty && result.diagnostics.isEmpty {
            result.diagnostics.append(ImportDiagnostic(.error, .noStructure, at: location.at(line: 1), "extended XYZ: no frames"))
        }
        return result
    }

    static func frame(count: Int, comment: ArraySlice<UInt8>, atoms: ArraySlice<ArraySlice<UInt8>>, firstLine: Int,
                      location: SourceLocation) throws(ImportDiagnostic) -> Frame {
        let commentLine = firstLine + 1
        func fail(_ line: Int, _ kind: ImportDiagnostic.Kind, _ message: String) -> ImportDiagnostic {
            ImportDiagnostic(.error, kind, at: location.at(line: line), "extended XYZ: \(message)")
        }
        let info = try keyValues(String(decoding: comment, as: UTF8.self), line: commentLine, location: location)
        guard let latticeText = info["lattice"] else { throw fail(commentLine, .missingCell, "no Lattice: not a periodic structure") }
        let numbers = latticeText.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { Double($0) }
        guard numbers.count == 9, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw fail(commentLine, .badCell, "Lattice must hold 9 numbers")
        }
        let v = numbers.map { $0! }
        let lattice = Lattice(a: Vector3(v[0], v[1], v[2]), b: Vector3(v[3], v[4], v[5]), c: Vector3(v[6], v[7], v[8]))
        guard lattice.volume > Tolerances.minimumCellVolume else { throw fail(commentLine, .badCell, "Lattice has no volume") }
        if let pbc = info["pbc"], pbc.split(separator: " ").map({ $0.uppercased() }) != ["T", "T", "T"] {
            throw fail(commentLine, .unsupported, "pbc=\"\(pbc)\": only structures periodic in all three directions are read")
        }
        // Properties=name:type:columns:...; species (S:1) and pos (R:3) are needed, other columns are skipped.
        let properties = (info["properties"] ?? "species:S:1:pos:R:3").split(separator: ":").map(String.init)
        guard properties.count % 3 == 0 else { throw fail(commentLine, .syntax, "Properties must be name:type:columns triples") }
        var column = 0
        var speciesColumn: Int?, positionColumn: Int?
        for start in stride(from: 0, to: properties.count, by: 3) {
            guard let width = Int(properties[start + 2]), width >= 1, width <= 64 else {
                throw fail(commentLine, .syntax, "Properties: '\(properties[start + 2])' is not a column count")
            }
            let name = properties[start].lowercased(), type = properties[start + 1].uppercased()
            if name == "species", type == "S", width == 1 { speciesColumn = column }
            if name == "pos", type == "R", width == 3 { positionColumn = column }
            column += width
        }
        guard let speciesColumn, let positionColumn else { throw fail(commentLine, .syntax, "Properties must include species:S:1 and pos:R:3") }
        var sites = [Site]()
        for (offset, line) in atoms.enumerated() {
            let lineNumber = commentLine + 1 + offset
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard fields.count >= column else { throw fail(lineNumber, .badCoordinate, "expected \(column) columns, found \(fields.count)") }
            let symbol = String(decoding: fields[speciesColumn], as: UTF8.self)
            guard let element = Element(symbol: symbol) else { throw fail(lineNumber, .unknownElement, "'\(symbol.prefix(20))' is not an element symbol") }
            var xyz = [Double]()
            for field in fields[positionColumn..<(positionColumn + 3)] {
                guard let value = Double(String(decoding: field, as: UTF8.self)), value.isFinite else {
                    throw fail(lineNumber, .badCoordinate, "'\(String(decoding: field, as: UTF8.self).prefix(30))' is not a number")
                }
                xyz.append(value)
            }
            guard let fractional = lattice.fractional(Vector3(xyz[0], xyz[1], xyz[2])) else { throw fail(lineNumber, .badCell, "singular Lattice") }
            sites.append(Site(element: element, position: fractional))
        }
        var energy: Double?
        if let text = info["energy"] {
            guard let value = Double(text), value.isFinite else { throw fail(commentLine, .badEnergy, "energy '\(text.prefix(30))' is not a number") }
            energy = value
        }
        let id = idKeys.lazy.compactMap { info[$0] }.first
        return Frame(id: id, structure: ReadStructure(structure: Structure(lattice: lattice, sites: sites), block: nil, line: firstLine), energy: energy)
    }

    /// `key=value key="quoted value" flag` -> [lower-cased key: value] (a bare key is "T").
    static func keyValues(_ text: String, line: Int, location: SourceLocation) throws(ImportDiagnostic) -> [String: String] {
        var out = [String: String]()
        let chars = Array(text.unicodeScalars)
        var i = 0
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        skipSpaces()
        while i < chars.count {
            var key = ""
            while i < chars.count, chars[i] != "=", chars[i] != " ", chars[i] != "\t" {
                key.unicodeScalars.append(chars[i])
                i += 1
            }
            var value = "T"
            if i < chars.count, chars[i] == "=" {
                i += 1
                value = ""
                if i < chars.count, chars[i] == "\"" || chars[i] == "{" {
                    let close: Unicode.Scalar = chars[i] == "\"" ? "\"" : "}"
                    i += 1
                    var closed = false
                    while i < chars.count {
                        if chars[i] == "\\", i + 1 < chars.count {
                            value.unicodeScalars.append(chars[i + 1])
                            i += 2
                            continue
                        }
                        if chars[i] == close {
                            closed = true
                            i += 1
                            break
                        }
                        value.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard closed else {
                        throw ImportDiagnostic(.error, .syntax, at: location.at(line: line), "extended XYZ: unterminated quoted value of '\(key)'")
                    }
                } else {
                    while i < chars.count, chars[i] != " ", chars[i] != "\t" {
                        value.unicodeScalars.append(chars[i])
                        i += 1
                    }
                }
            }
            if !key.isEmpty { out[key.lowercased()] = value }
            skipSpaces()
        }
        return out
    }
}
