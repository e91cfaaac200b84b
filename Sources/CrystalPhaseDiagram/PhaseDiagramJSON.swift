import CrystalModel

/// The data behind a drawing, as JSON:
/// ```
/// {"chemical_system": "Na-P-Zn", "elements": ["Na","Zn","P"], "hull": "combined", "max_e_above_hull": 0.2,
///  "points": [{"id", "formula", "reduced_formula", "source", "is_reference", "fractions": [...],
///              "coordinates": [...], "formation_energy_per_atom", "e_above_hull", "stable", "drawn",
///              "e_below_hull" (stable only), "decomposition": [{"id", "fraction"}], "reaction"}],
///  "stable": [ids], "tie_lines": [[id, id]], "facets": [[id, ...]]}
/// ```
/// `fractions` are atom fractions in the order of `elements`; `coordinates` place them in the drawing's frame:
/// a binary's [fraction of the second element], a ternary's [x, y] in the Gibbs triangle with unit sides (first
/// element at the origin, second at (1, 0), third at (1/2, √3/2)), a quaternary's [x, y, z] in the regular
/// tetrahedron with unit edges (the fourth element at the apex). Energies in eV/atom. `stable` lists the hull
/// vertices (one entry per composition); tie lines and facets refer to them. Points are in id order.
public enum PhaseDiagramJSON {
    public static func write(_ diagram: PhaseDiagram, options: DrawingOptions = DrawingOptions()) -> String {
        let points = diagram.points
        let formulas = points.map(\.composition.electronegativityOrderedFormula)
        let ids = points.map { JSONText.string($0.id) }
        var out = ""
        out.reserveCapacity(512 + points.count * 420)
        out += "{\"chemical_system\":"
        out += JSONText.string(diagram.chemicalSystem)
        out += ",\"elements\":[" + diagram.elements.map { JSONText.string($0.symbol) }.joined(separator: ",") + "]"
        out += ",\"hull\":" + JSONText.string(diagram.hullMode.rawValue) + ",\"max_e_above_hull\":" + JSONText.number(options.maximumEnergyAboveHull)
        out += ",\"points\":["
        for (i, point) in points.enumerated() {
            out += i > 0 ? ",\n{\"id\":" : "\n{\"id\":"
            out += ids[i]
            out += ",\"formula\":"
            out += JSONText.string(formulas[i])
            out += ",\"reduced_formula\":"
            out += JSONText.string(point.composition.reducedFormula)
            out += ",\"source\":"
            out += JSONText.string(point.source)
            out += point.isReference ? ",\"is_reference\":true,\"fractions\":[" : ",\"is_reference\":false,\"fractions\":["
            for (n, f) in point.fractions.enumerated() {
                if n > 0 { out += "," }
                out += JSONText.number(f)
            }
            out += "],\"coordinates\":["
            for (n, c) in coordinates(point.fractions).enumerated() {
                if n > 0 { out += "," }
                out += JSONText.number(c)
            }
            out += "],\"formation_energy_per_atom\":"
            out += JSONText.number(point.formationEnergyPerAtom)
            out += ",\"e_above_hull\":"
            out += JSONText.number(point.energyAboveHull)
            out += point.isStable ? ",\"stable\":true" : ",\"stable\":false"
            out += options.isDrawn(point) ? ",\"drawn\":true" : ",\"drawn\":false"
            if let below = point.energyBelowHull {
                out += ",\"e_below_hull\":"
                out += JSONText.number(below)
            }
            out += ",\"decomposition\":["
            for (n, phase) in point.decomposition.enumerated() {
                out += n > 0 ? ",{\"id\":" : "{\"id\":"
                out += ids[phase.point]
                out += ",\"fraction\":"
                out += JSONText.number(phase.fraction)
                out += "}"
            }
            out += "],\"reaction\":"
            out += JSONText.string(diagram.reactionText(i, formulas: formulas))
            out += "}"
        }
        out += "],\n\"stable\":[" + diagram.vertices.map { ids[$0] }.joined(separator: ",") + "]"
        out += ",\n\"tie_lines\":[" + diagram.tieLines.map { "[" + $0.map { ids[$0] }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        out += ",\n\"facets\":[" + diagram.facets.map { "[" + $0.map { ids[$0] }.joined(separator: ",") + "]" }.joined(separator: ",") + "]}\n"
        return out
    }

    /// The composition in the drawing's frame (see the type's comment).
    static func coordinates(_ fractions: [Double]) -> [Double] {
        switch fractions.count {
        case 2: return [fractions[1]]
        case 3: return [fractions[1] + fractions[2] / 2, fractions[2] * 3.0.squareRoot() / 2]
        default:
            var p = [0.0, 0.0, 0.0]
            for (f, corner) in zip(fractions, DiagramGeometry.tetrahedron) { for i in 0..<3 { p[i] += f * corner[i] } }
            return p
        }
    }
}
