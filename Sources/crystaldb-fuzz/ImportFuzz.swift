import CrystalIngest
import CrystalModel
import CrystalStore

/// The whole import path, bytes to a store: the first byte picks the format (CIF, POSCAR, energy CSV,
/// pymatgen JSON), the rest is the file. The importer walks, reads, maps, hashes and writes it into an
/// in-memory store (replaced every `runsPerStore` inputs, which bounds the read-back); then every stored number is read back and must
/// lie within `PhysicalBounds`, or the run is a finding.
final class ImportFuzz {
    nonisolated(unsafe) static let shared = ImportFuzz()
    static let runsPerStore = 16
    static let names = ["input.cif", "POSCAR", "energies.csv", "entries.json", "relaxed_CONTCAR.gz"]

    private var store: Store?
    private var runs = 0

    func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let name = Self.names[Int(first) % Self.names.count]
        guard let path = FuzzScratch.write(bytes.dropFirst(), name: name) else { return }
        if store == nil || runs % Self.runsPerStore == 0 { store = try? Store.openForWriting(path: ":memory:") }
        runs += 1
        guard let store else { FuzzScratch.finding("cannot open an in-memory store") }
        let options = ImportOptions(source: "fuzz", jobs: 1, poscar: .init(missingSpecies: .placeholder), symprec: first & 0x80 == 0 ? 0.01 : nil)
        do {
            _ = try Importer(store: store, options: options).run([path])
        } catch {
            FuzzScratch.finding("the import failed as a whole: \(error)")
        }
        check(store)
    }

    /// Every stored lattice, site and energy lies within its domain.
    func check(_ store: Store) {
        do {
            let query = try EntryQuery(fieldNames: ["id", "nsites", "energy", "energy_per_atom", "natoms"])
            var ids = [String]()
            try store.entries(query) { values in
                if case .text(let id) = values[0], case .integer = values[1] { ids.append(id) }
                if case .real(let energy) = values[2] {
                    guard energy.isFinite, case .real(let perAtom) = values[3], abs(perAtom) <= PhysicalBounds.maximumEnergyPerAtom else {
                        FuzzScratch.finding("stored energy out of its domain: \(values)")
                    }
                }
            }
            for id in ids {
                guard let loaded = try store.entry(id: id), let structure = loaded.structure else { continue }
                if let why = PhysicalBounds.violation(in: structure) { FuzzScratch.finding("stored structure '\(id)' out of its domain: \(why)") }
            }
        } catch {
            FuzzScratch.finding("reading the store back failed: \(error)")
        }
    }
}
