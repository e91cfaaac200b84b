/// A 64-bit FNV-1a digest, written as 16 hex digits: tells whether re-imported content is the same.
public struct ContentHash {
    private var state: UInt64 = 0xcbf29ce484222325

    public init() {}

    public mutating func add(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            state ^= v & 0xFF
            state &*= 0x100000001b3
            v >>= 8
        }
    }

    /// Doubles are rounded to 1e-9 first so that a value re-read from its own text hashes alike. A value whose
    /// rounded nano-units do not fit in Int64 (beyond ±9.2e9, or not finite) hashes its own bit pattern
    /// instead, behind a marker byte: ordinary values keep the digests stores already hold, and no input traps.
    public mutating func add(_ value: Double) {
        let scaled = (value * 1e9).rounded()
        if let nano = Int64(exactly: scaled) {
            add(UInt64(bitPattern: nano))
        } else {
            add(UInt64(0xFE))
            // One NaN whatever its payload; -0 cannot reach here (it converts exactly).
            add(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
        }
    }

    public mutating func add(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state &*= 0x100000001b3
        }
        add(UInt64(0xFF))
    }

    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Structure {
    /// Digest of the lattice and every site (position, species, occupancy).
    public var contentHash: String {
        var hash = ContentHash()
        for row in lattice.rows { hash.add(row.x); hash.add(row.y); hash.add(row.z) }
        for site in sites {
            hash.add(site.position.x); hash.add(site.position.y); hash.add(site.position.z)
            for occupant in site.occupants {
                hash.add(UInt64(occupant.element.atomicNumber))
                hash.add(occupant.occupancy)
            }
        }
        return hash.hex
    }
}

extension Composition {
    /// Digest of an energy for this composition.
    public func energyHash(totalEnergy: Double) -> String {
        var hash = ContentHash()
        for (element, amount) in amounts { hash.add(UInt64(element.atomicNumber)); hash.add(amount) }
        hash.add(totalEnergy)
        return hash.hex
    }

    /// Elements joined by "-" in alphabetical order (`Fe-Li-O`): the chemical system.
    public var chemicalSystem: String { amounts.map(\.element.symbol).sorted().joined(separator: "-") }
}
