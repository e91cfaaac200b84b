import CrystalModel

/// Converts a store written with one row per site (migrations 1-5: `lattices` and `sites` tables) to one
/// `structures` row per structure with its sites packed (`PackedSites`): every lattice column, every occupant
/// (in the order the old rows gave them: site index, then element symbol) and every label are kept.
enum PackedSitesMigration {
    static func convert(_ db: Database) throws {
        let lattices = try db.prepare("""
            SELECT entry_pk, ax, ay, az, bx, by, bz, cx, cy, cz, a, b, c, alpha, beta, gamma, volume, density
            FROM lattices ORDER BY entry_pk
            """)
        let sites = try db.prepare("SELECT entry_pk, site_index, element, occupancy, x, y, z, label FROM sites ORDER BY entry_pk, site_index, element")
        let insert = try db.prepare("""
            INSERT INTO structures (entry_pk, ax, ay, az, bx, by, bz, cx, cy, cz, a, b, c, alpha, beta, gamma, volume, density,
                                    packed_sites, site_labels)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var hasSite = try sites.step()
        var packed = [UInt8]()
        while try lattices.step() {
            let pk = lattices.int(0)
            var structureSites = [Site]()
            var lastIndex: Int64 = -1
            while hasSite, sites.int(0) <= pk {
                if sites.int(0) == pk {
                    guard let element = sites.element(2) else {
                        throw StoreError(code: 0, message: "entry \(pk): site \(sites.int(1)) has an unknown element '\(sites.text(2) ?? "")'")
                    }
                    let occupant = Site.Occupant(element: element, occupancy: sites.double(3))
                    if sites.int(1) == lastIndex, !structureSites.isEmpty {
                        structureSites[structureSites.count - 1].occupants.append(occupant)
                    } else {
                        structureSites.append(Site(position: Vector3(sites.double(4), sites.double(5), sites.double(6)),
                                                   occupants: [occupant], label: sites.text(7)))
                        lastIndex = sites.int(1)
                    }
                }
                hasSite = try sites.step()
            }
            PackedSites.encode(structureSites, into: &packed)
            let d = (1...17).map { lattices.double(Int32($0)) }
            try insert.execute(pk, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16],
                               SQLBlob(bytes: packed), SiteLabels.encode(structureSites))
        }
    }
}
