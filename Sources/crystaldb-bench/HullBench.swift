import ArgumentParser
import Foundation
import CrystalHull
import CrystalImport
import CrystalModel

/// Times the stability engine alone (no SQL, no I/O in the timed part): a reference table, optionally
/// candidate tables, `--runs` times; prints each time, the median, entries/s and peak RSS.
struct HullBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hull", abstract: "Time the stability engine alone on energy tables.")

    @Option(help: "Reference energy table (marked as the reference set).")
    var reference: String

    @Option(help: "Candidate energy tables.")
    var candidates: [String] = []

    @Option(help: "Timed runs.")
    var runs = 3

    @Option(help: "Write the median seconds to this file (for the ratio to a run through the store).")
    var medianFile: String?

    func read(_ path: String, reference: Bool) throws -> [HullEntry] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let result = EnergyTableReader.readCSV(bytes: bytes, location: SourceLocation(path: path), stem: "row")
        return result.records.map { HullEntry(id: $0.id, composition: $0.composition, totalEnergy: $0.totalEnergy, isReference: reference) }
    }

    func run() throws {
        var entries = try read(reference, reference: true)
        for path in candidates { entries += try read(path, reference: false) }
        var times = [Double]()
        var stable = 0, below = 0, placed = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let results = StabilityEngine().compute(entries)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            stable = results.filter(\.isHullVertex).count
            below = results.filter { ($0.energyAboveReferenceHull ?? 0) < 0 }.count
            placed = results.filter { $0.energyAboveHull != nil }.count
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let median = times.sorted()[times.count / 2]
        print("entries: \(entries.count) (\(entries.filter(\.isReference).count) reference); placed \(placed); hull vertices \(stable); below the reference hull \(below)")
        print("runs (s): " + times.map { String(format: "%.3f", $0) }.joined(separator: " "))
        print(String(format: "median: %.3f s = %.0f entries/s; peak RSS %.0f MB (includes reading the tables)", median,
                     Double(entries.count) / median, Double(usage.ru_maxrss) / 1024))
        if let medianFile { try "\(median)\n".write(toFile: medianFile, atomically: true, encoding: .utf8) }
    }
}
