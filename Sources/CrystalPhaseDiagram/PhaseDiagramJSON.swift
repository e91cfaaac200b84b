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
        var out = "{\"chemical_system\":\(JSONText.string(diagram.chemicalSystem))"
        out += ",\"elements\":[" + diagram.elements.map { JSONText.string($0.symbol) }.joined(separator: ",") + "]"
        out += ",\"hull\":\(JSONText.string(diagram.hullMode.rawValue)),\"max_e_above_hull\":\(JSONText.number(options.maximumEnergyAboveHull))"
        out += ",\"points\":["
        for (i, point) in points.enumerated() {
            if i > 0 { out += "," }
            out += "\n{\"id\":\(JSONText.string(point.id)),\"formula\":\(JSONText.string(point.composition.electronegativityOrderedFormula))"
            out += ",\"reduced_formula\":\(JSONText.string(point.composition.reducedFormula)),\"source\":\(JSONText.string(point.source))"
            out += ",\"is_reference\":\(point.isReference)"
            out += ",\"fractions\":[" + point.fractions.map(JSONText.number).joined(separator: ",") + "]"
            out += ",\"coordinates\":[" + coordinates(point.fractions).map(JSONText.number).joined(separator: ",") + "]"
            out += ",\"formation_energy_per_atom\":\(JSONText.number(point.formationEnergyPerAtom))"
            out += ",\"e_above_hull\":\(JSONText.number(point.energyAboveHull)),\"stable\":\(point.isStable),\"drawn\":\(options.isDrawn(point))"
            if let below = point.energyBelowHull { out += ",\"e_below_hull\":\(JSONText.number(below))" }
            out += ",\"decomposition\":[" + point.decomposition.map {
                "{\"id\":\(JSONText.string(points[$0.point].id)),\"fraction\":\(JSONText.number($0.fraction))}"
            }.joined(separator: ",") + "]"
            out += ",\"reaction\":\(JSONText.string(diagram.reaction(i).description))}"
        }
        out += "],\n\"stable\":[" + diagram.vertices.map { JSONText.string(points[$0].id) }.joined(separator: ",") + "]"
        out += ",\n\"tie_lines\":[" + diagram.tieLines.map { idList($0, points) }.joined(separator: ",") + "]"
        out += ",\n\"facets\":[" + diagram.facets.map { idList($0, points) }.joined(separator: ",") + "]}\n"
        return out
    }

    static func idList(_ indices: [Int], _ points: [PhaseDiagram.Point]) -> String {
        "[" + indices.map { JSONText.string(points[$0].id) }.joined(separator: ",") + "]"
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
