import CrystalHull
import CrystalModel

/// The stability engine over fuzzed entries. Each entry takes 2 + 3k bytes: element count k (1-8, or up to all
/// 118 when the byte's high bit is set), then per element its atomic number and an amount byte, then an energy
/// byte; an amount or energy byte of 0xFF reads the next 8 bytes as a raw double (NaN, infinities, 1e300, -0).
/// Every entry must get a result, and every valid one a finite formation energy or a missing reference.
enum HullFuzz {
    static func run(_ bytes: [UInt8]) {
        var reader = ByteReader(bytes: bytes)
        var entries = [HullEntry]()
        while !reader.atEnd, entries.count < 400 {
            guard let countByte = reader.byte() else { break }
            let count = countByte & 0x80 != 0 ? Int(countByte & 0x7F) % 118 + 1 : Int(countByte % 8) + 1
            var composition = Composition()
            for _ in 0..<count {
                guard let zByte = reader.byte(), let element = Element(atomicNumber: Int(zByte) % 118 + 1) else { break }
                composition.add(element, reader.number(scale: 0.5) ?? 1)
            }
            let energy = (reader.number(scale: -0.05) ?? -1) * max(1, composition.totalAmount.isFinite ? composition.totalAmount : 1)
            entries.append(HullEntry(id: "e\(entries.count)", composition: composition, totalEnergy: energy, isReference: entries.count % 3 == 0))
        }
        let results = StabilityEngine().compute(entries)
        guard results.count == entries.count else { FuzzScratch.finding("\(results.count) results for \(entries.count) entries") }
        for (entry, result) in zip(entries, results) where result.invalidInput == nil && result.missingReferences.isEmpty {
            guard let formation = result.formationEnergyPerAtom, formation.isFinite else {
                FuzzScratch.finding("entry \(entry.composition.formula) \(entry.totalEnergy): no finite formation energy")
            }
            if let above = result.energyAboveHull, !(above >= 0) { FuzzScratch.finding("negative or NaN energy above hull \(above)") }
        }
    }
}

struct ByteReader {
    let bytes: [UInt8]
    var index = 0
    var atEnd: Bool { index >= bytes.count }

    mutating func byte() -> UInt8? {
        guard index < bytes.count else { return nil }
        index += 1
        return bytes[index - 1]
    }

    /// A small number from one byte (`byte * scale`), or a raw double after a 0xFF byte.
    mutating func number(scale: Double) -> Double? {
        guard let b = byte() else { return nil }
        guard b == 0xFF else { return Double(b) * scale }
        var bits: UInt64 = 0
        for _ in 0..<8 { bits = bits << 8 | UInt64(byte() ?? 0) }
        return Double(bitPattern: bits)
    }
}
