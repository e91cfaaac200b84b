import CrystalModel

/// pymatgen's serialized entries (`MSONable.as_dict()`): a `ComputedStructureEntry` with its `Structure` when the
/// entry has a structure, else a `ComputedEntry` of its composition; `energy` in eV for that composition,
/// `correction` 0 (the stored energy already includes any corrections), `entry_id` the id, and the store's
/// stability values under `data`. `MontyDecoder` and `ComputedStructureEntry.from_dict` read it.
public enum PymatgenEntryJSON {
    public static func entry(id: String, energy: Double, composition: Composition, structure: Structure?, data: [(String, String)]) -> String {
        var out = "{\"@module\":\"pymatgen.entries.computed_entries\",\"@class\":\""
        out += structure == nil ? "ComputedEntry" : "ComputedStructureEntry"
        out += "\",\"energy\":\(StructureJSON.number(energy)),\"composition\":{"
        out += composition.amounts.sorted { $0.element.symbol < $1.element.symbol }
            .map { "\(StructureJSON.string($0.element.symbol)):\(StructureJSON.number($0.amount))" }.joined(separator: ",")
        out += "},\"entry_id\":\(StructureJSON.string(id)),\"correction\":0,\"energy_adjustments\":[],\"parameters\":{},\"data\":{"
        out += data.map { "\(StructureJSON.string($0.0)):\($0.1)" }.joined(separator: ",")
        out += "}"
        if let structure { out += ",\"structure\":" + self.structure(structure) }
        return out + "}"
    }

    /// `Structure.as_dict()`: lattice matrix rows (Å), sites with species and occupancies, fractional and Cartesian positions.
    public static func structure(_ structure: Structure) -> String {
        let rows = structure.lattice.rows.map { "[\(StructureJSON.number($0.x)),\(StructureJSON.number($0.y)),\(StructureJSON.number($0.z))]" }
        var out = "{\"@module\":\"pymatgen.core.structure\",\"@class\":\"Structure\",\"charge\":0,\"lattice\":{\"matrix\":[" + rows.joined(separator: ",")
        out += "],\"pbc\":[true,true,true]},\"properties\":{},\"sites\":["
        out += structure.sites.map { site in
            let species = site.occupants.map { "{\"element\":\(StructureJSON.string($0.element.symbol)),\"occu\":\(StructureJSON.number($0.occupancy))}" }
            let p = site.position, c = structure.lattice.cartesian(site.position)
            let label = site.label ?? site.occupants.map { $0.element.symbol }.joined(separator: ",")
            return "{\"species\":[" + species.joined(separator: ",") + "],\"abc\":[\(StructureJSON.number(p.x)),\(StructureJSON.number(p.y)),\(StructureJSON.number(p.z))]"
                + ",\"xyz\":[\(StructureJSON.number(c.x)),\(StructureJSON.number(c.y)),\(StructureJSON.number(c.z))],\"properties\":{},\"label\":\(StructureJSON.string(label))}"
        }.joined(separator: ",")
        return out + "]}"
    }
}
