import ArgumentParser
import CrystalQuery

/// The filter text and the everyday short flags, shared by query and export.
struct FilterFlags: ParsableArguments {
    @Argument(help: ArgumentHelp("An OPTIMADE filter, e.g. 'elements HAS ALL \"Li\",\"O\" AND e_above_hull < 0.025 AND nsites <= 40'.", valueName: "filter"))
    var filter: String?

    @Option(help: ArgumentHelp("Entries containing all of these elements.", valueName: "Li,O"))
    var elements: String?

    @Option(help: ArgumentHelp("Entries whose elements all lie in this set (the chemical system or any part of it).", valueName: "Li,Fe,P,O"))
    var only: String?

    @Option(help: ArgumentHelp("Entries containing none of these elements.", valueName: "F"))
    var exclude: String?

    @Option(help: ArgumentHelp("Entries of exactly this chemical system.", valueName: "Li-Fe-O"))
    var chemsys: String?

    @Option(help: ArgumentHelp("Entries with this reduced formula.", valueName: "LiFePO4"))
    var formula: String?

    @Option(name: .customLong("max-e-above-hull"), help: ArgumentHelp("Entries at most this far above the hull.", valueName: "eV/atom"))
    var maxEAboveHull: Double?

    @Flag(help: "Only entries the last hull run called stable.")
    var stable = false

    @Option(help: "Only entries of this import source.")
    var source: String?

    var options: EntryFilterOptions {
        var options = EntryFilterOptions()
        func list(_ text: String?) -> [String] { text?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [] }
        options.filterText = filter
        options.elements = list(elements)
        options.only = list(only)
        options.exclude = list(exclude)
        options.chemicalSystem = chemsys
        options.formula = formula
        options.maximumEnergyAboveHull = maxEAboveHull
        options.stable = stable
        options.source = source
        return options
    }

    /// Parses and compiles everything now (field names and types included), so that a bad filter is a usage
    /// error (exit 64) pointing at its column.
    func validate() throws {
        if let maxEAboveHull {
            try Validation.number(maxEAboveHull, "--max-e-above-hull", above: 0, orEqual: true, what: "a non-negative number of eV/atom")
        }
        if let source { try Validation.nonEmpty(source, "--source") }
        do {
            for warning in try options.compiled().warnings { Terminal.warning(warning) }
        } catch let error as FilterError {
            throw ValidationError("filter: \(error.reason) (column \(error.column))\n\(error.pointing(into: filter ?? ""))")
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

import Foundation
