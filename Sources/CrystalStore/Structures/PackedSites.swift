import CrystalModel

/// A structure's sites in one little-endian blob (the `structures.packed_sites` column), and their labels as a
/// JSON array (`structures.site_labels`). Format 1, byte by byte (n sites, m occupants):
///
/// | offset | size | content |
/// |---|---|---|
/// | 0 | 1 | format version: 1 |
/// | 1 | 1 | flags: bit 0 set when ordered (every site has one occupant, occupancy 1; then m = n) |
/// | 2 | 2 | zero |
/// | 4 | 4 | n, the number of sites (uint32) |
/// | 8 | 4 | m, the number of occupants (uint32) |
/// | 12 | 4 | zero |
/// | 16 | 24 n | site i's fractional x, y, z (float64 each) |
/// | 16 + 24 n | 8 m | occupant j's occupancy (float64); not present when ordered |
/// | 16 + 24 n + 8 m | 4 m | occupant j's site index (uint32, non-decreasing); not present when ordered |
/// | 16 + 24 n (ordered) or 16 + 24 n + 12 m | m | occupant j's atomic number (uint8) |
///
/// Occupants are listed site by site, in the order the structure gives them. Labels: `["Na1","Cl1"]`, `null`
/// for a site without one, and the column NULL when no site has a label.
enum PackedSites {
    static let version: UInt8 = 1
    static let orderedFlag: UInt8 = 1
    static let headerSize = 16

    /// The encoding of `sites`, in `out` (cleared first, its capacity reused).
    static func encode(_ sites: [Site], into out: inout [UInt8]) {
        let n = sites.count
        var m = 0
        var ordered = true
        for site in sites {
            m += site.occupants.count
            if ordered && !site.isOrdered { ordered = false }
        }
        let size = ordered ? headerSize + 25 * n : headerSize + 24 * n + 13 * m
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: size))
        out.withUnsafeMutableBytes { raw in
            raw[0] = version
            raw[1] = ordered ? orderedFlag : 0
            raw.storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: m).littleEndian, toByteOffset: 8, as: UInt32.self)
            var offset = headerSize
            for site in sites {
                raw.storeBytes(of: site.position.x.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
                raw.storeBytes(of: site.position.y.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
                raw.storeBytes(of: site.position.z.bitPattern.littleEndian, toByteOffset: offset + 16, as: UInt64.self)
                offset += 24
            }
            if !ordered {
                for site in sites {
                    for occupant in site.occupants {
                        raw.storeBytes(of: occupant.occupancy.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
                        offset += 8
                    }
                }
                for (index, site) in sites.enumerated() {
                    for _ in site.occupants {
                        raw.storeBytes(of: UInt32(truncatingIfNeeded: index).littleEndian, toByteOffset: offset, as: UInt32.self)
                        offset += 4
                    }
                }
            }
            for site in sites {
                for occupant in site.occupants {
                    raw[offset] = UInt8(truncatingIfNeeded: occupant.element.atomicNumber)
                    offset += 1
                }
            }
        }
    }

    /// Why stored sites cannot be read back.
    struct Damaged: Error, CustomStringConvertible {
        let description: String
    }

    /// The sites encoded in `bytes` (validated: sizes, version, element numbers, site indexes), with `labels`.
    static func decode(_ bytes: UnsafeRawBufferPointer, labels: [String?]?) throws(Damaged) -> [Site] {
        guard bytes.count >= headerSize else { throw Damaged(description: "packed sites shorter than their header (\(bytes.count) bytes)") }
        guard bytes[0] == version else { throw Damaged(description: "packed sites of format \(bytes[0]), this crystaldb reads format \(version)") }
        let ordered = bytes[1] & orderedFlag != 0
        let n = Int(uint32(bytes, 4)), m = Int(uint32(bytes, 8))
        guard !ordered || m == n else { throw Damaged(description: "ordered packed sites with \(m) occupants for \(n) sites") }
        let expected = ordered ? headerSize + 25 * n : headerSize + 24 * n + 13 * m
        guard bytes.count == expected else {
            throw Damaged(description: "packed sites hold \(bytes.count) bytes, \(expected) expected for \(n) sites and \(m) occupants")
        }
        if let labels, labels.count != n { throw Damaged(description: "\(labels.count) site labels for \(n) sites") }
        var sites = [Site]()
        sites.reserveCapacity(n)
        for i in 0..<n {
            let offset = headerSize + 24 * i
            sites.append(Site(position: Vector3(double(bytes, offset), double(bytes, offset + 8), double(bytes, offset + 16)),
                              occupants: [], label: labels?[i] ?? nil))
        }
        let numbers = ordered ? headerSize + 24 * n : headerSize + 24 * n + 12 * m
        for j in 0..<m {
            guard let element = Element(atomicNumber: Int(bytes[numbers + j])) else {
                throw Damaged(description: "occupant \(j) has atomic number \(bytes[numbers + j])")
            }
            if ordered {
                sites[j].occupants = [Site.Occupant(element: element, occupancy: 1)]
            } else {
                let site = Int(uint32(bytes, headerSize + 24 * n + 8 * m + 4 * j))
                guard site < n else { throw Damaged(description: "occupant \(j) is on site \(site) of \(n)") }
                sites[site].occupants.append(Site.Occupant(element: element, occupancy: double(bytes, headerSize + 24 * n + 8 * j)))
            }
        }
        return sites
    }

    @inline(__always)
    static func uint32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    static func double(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Double {
        Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }
}
