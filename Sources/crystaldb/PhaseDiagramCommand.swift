import ArgumentParser
import Foundation
import CrystalHull
import CrystalModel
import CrystalPhaseDiagram
import CrystalQuery
import CrystalStore

struct PhaseDiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase-diagram",
        abstract: "Draw a chemical system's phase diagram (2 to 4 elements) as SVG, a self-contained HTML page or JSON.",
        discussion: """
        The hull is computed from the selected entries of the system and all its subsystems (--hull combined, as the \
        store's e_above_hull), or from the --reference entries alone with the others placed on it (--hull reference). \
        A binary shows formation energy against composition with the hull line, a ternary the Gibbs triangle, a \
        quaternary the composition tetrahedron (the HTML page turns it by dragging). Tie lines are the edges of the \
        hull's facets; unstable entries up to --max-e-above-hull are coloured by their energy above the hull. The \
        output format follows the extension of --out: .svg, .html or .json (the data behind the picture: every point, \
        the stable vertices, tie lines as id pairs, facets as id lists).
        """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The system, elements in drawing order (binary: left, right; ternary: bottom left, bottom right, top).",
                               valueName: "Na-Zn-P"))
    var chemsys: String

    @Option(help: ArgumentHelp("Output file: .svg, .html or .json.", valueName: "FILE"))
    var out: String

    @Option(help: "combined (every selected entry) or reference (the --reference entries; the others placed on their hull).")
    var hull: PhaseDiagram.HullMode = .combined

    @Option(name: .customLong("max-e-above-hull"), help: ArgumentHelp("Draw unstable entries up to this far above the hull.", valueName: "eV/atom"))
    var maxEAboveHull = 0.2

    @Option(help: "Formula labels: stable, all or none.")
    var label: DrawingOptions.Labels = .stable

    @Option(help: ArgumentHelp("Mark the entries of this import source in their own colour and legend entry.", valueName: "SOURCE"))
    var highlight: String?

    @Flag(help: "Replace an existing output file.")
    var force = false

    @Argument(help: ArgumentHelp("An OPTIMADE filter selecting the entries that take part, e.g. 'nsites <= 40'.", valueName: "filter"))
    var filter: String?

    @Option(help: "Only entries of this import source.")
    var source: String?

    @Flag(help: "Only entries the last hull run called stable.")
    var stable = false

    enum Format: String { case svg, html, json }

    var format: Format? {
        switch URL(fileURLWithPath: out).pathExtension.lowercased() {
        case "svg": return .svg
        case "html", "htm": return .html
        case "json": return .json
        default: return nil
        }
    }

    var selection: EntryFilterOptions {
        var options = EntryFilterOptions()
        options.filterText = filter
        options.source = source
        options.stable = stable
        return options
    }

    /// The elements of --chemsys in the order given.
    func elements() throws -> [Element] {
        let symbols = chemsys.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var out = [Element]()
        for symbol in symbols {
            guard let element = Element(symbol: symbol) else { throw ValidationError("--chemsys: '\(symbol)' is not an element symbol (e.g. --chemsys Na-Zn-P)") }
            out.append(element)
        }
        return out
    }

    func validate() throws {
        let elements = try elements()
        if let repeated = elements.first(where: { e in elements.filter { $0 == e }.count > 1 }) {
            throw ValidationError("--chemsys: \(PhaseDiagramError.repeatedElement(repeated))")
        }
        guard (2...4).contains(elements.count) else { throw ValidationError("--chemsys: \(PhaseDiagramError.elementCount(elements))") }
        guard format != nil else { throw ValidationError("--out: must end in .svg, .html or .json (the format follows the extension; got '\(out)')") }
        try Validation.number(maxEAboveHull, "--max-e-above-hull", above: 0, orEqual: true, what: "a non-negative number of eV/atom")
        do {
            _ = try selection.predicate()
        } catch let error as FilterError {
            throw ValidationError("filter: \(error.reason) (column \(error.column))\n\(error.pointing(into: filter ?? ""))")
        }
    }

    func run() throws {
        let elements = try elements()
        let options = DrawingOptions(maximumEnergyAboveHull: maxEAboveHull, labels: label, highlight: highlight)
        let diagram = try failing(hint: hint) { () throws -> PhaseDiagram in
            if FileManager.default.fileExists(atPath: out), !force { throw PhaseDiagramCommandError.exists(out) }
            let db = try Store.openForReading(path: store.db)
            let symbols = elements.map(\.symbol)
            var systems = [String]()
            for mask in 1..<(1 << symbols.count) {
                systems.append(symbols.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element).sorted().joined(separator: "-"))
            }
            var entries = [DiagramEntry]()
            try db.forEachPhaseDiagramEntry(inSystems: systems, matching: try selection.predicate()) { input in
                entries.append(DiagramEntry(HullEntry(id: input.id, composition: input.composition,
                                                      totalEnergy: input.energyPerAtom * input.composition.totalAmount, isReference: input.isReference),
                                            source: input.source))
            }
            let diagram = try PhaseDiagram(elements: elements, entries: entries, hull: hull)
            let text: String
            switch format ?? .svg {
            case .svg: text = PhaseDiagramSVG(diagram, options: options).text
            case .html: text = PhaseDiagramHTML.write(diagram, options: options)
            case .json: text = PhaseDiagramJSON.write(diagram, options: options)
            }
            // Written beside the target and renamed into place: never a half-written file.
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw PhaseDiagramCommandError.write(out, (error as NSError).localizedDescription)
            }
            return diagram
        }
        let drawn = diagram.points.filter { options.isDrawn($0) && !$0.isStable }.count
        try failing {
            let output = Output()
            try output.line("\(diagram.elements.map(\.symbol).joined(separator: "-")): \(diagram.points.count) entries, \(diagram.vertices.count) stable, "
                            + "\(diagram.tieLines.count) tie lines, \(diagram.facets.count) facets; \(drawn) unstable within \(maxEAboveHull) eV/atom drawn -> \(out)")
            try output.flush()
        }
    }

    /// What to do about a missing elemental reference: the entries it leaves unplaced, as `crystaldb hull` says.
    func hint(_ error: Error) -> String? {
        guard case .missingReferences(_, let unplaced, _)? = error as? PhaseDiagramError else { return nil }
        var lines = unplaced.prefix(10).map {
            "entry '\($0.id)' (\($0.formula)): no elemental entry for \($0.missing.map(\.symbol).joined(separator: ",")); not placed on the hull"
        }
        if unplaced.count > 10 { lines.append("... and \(unplaced.count - 10) more (crystaldb diagnostics lists the entries the last hull run could not place)") }
        // One `error:` line each (failing prints the first prefix).
        return lines.joined(separator: "\nerror: ")
    }
}

enum PhaseDiagramCommandError: Error, CustomStringConvertible {
    case exists(String), write(String, String)
    var description: String {
        switch self {
        case .exists(let path): return "\(path) exists (--force replaces it)"
        case .write(let path, let why): return "\(path): \(why)"
        }
    }
}

extension PhaseDiagram.HullMode: ExpressibleByArgument {}
extension DrawingOptions.Labels: ExpressibleByArgument {}
