import ArgumentParser
import Foundation
import CrystalHull
import CrystalModel
import CrystalPhaseDiagram
import CrystalStore

/// Times phase diagrams of ternaries in a store, in process: the store read (the system and its subsystems
/// through the chemical-system index), the diagram (hull, facets) and the SVG and HTML; the largest ternaries
/// by entries and a seeded random sample. Prints each system's medians and the overall p50 and maximum.
struct PhaseDiagramBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "phase-diagram", abstract: "Time ternary phase diagrams from a store.")

    @Option(help: "The store (with energies).")
    var db: String

    @Option(help: "The ternaries with the most entries (with their subsystems') to time.")
    var largest = 20

    @Option(help: "Random ternaries to time as well.")
    var random = 20

    @Option(help: "Repetitions per system (the median is kept).")
    var runs = 5

    @Option(help: "Write the chosen systems here, one per line (for timing the command line on the same ones).")
    var systemsOut: String?

    func run() throws {
        let store = try Store.openForReading(path: db)
        let sizes = try store.chemicalSystemSizes()
        var own = [String: Int]()
        for (system, entries) in sizes { own[system] = entries }
        func total(_ system: String) -> Int {
            let symbols = system.split(separator: "-").map(String.init)
            var sum = 0
            for mask in 1..<(1 << symbols.count) {
                sum += own[symbols.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element).joined(separator: "-")] ?? 0
            }
            return sum
        }
        let ternaries = sizes.map(\.system).filter { $0.split(separator: "-").count == 3 }.map { ($0, total($0)) }
        var chosen = ternaries.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(largest).map(\.0)
        var generator = SplitMix(seed: 13)
        let rest = ternaries.map(\.0).filter { !chosen.contains($0) }
        for _ in 0..<min(random, rest.count) {
            let pick = rest[Int(generator.next() % UInt64(rest.count))]
            if !chosen.contains(pick) { chosen.append(pick) }
        }
        if let systemsOut { try (chosen.joined(separator: "\n") + "\n").write(toFile: systemsOut, atomically: true, encoding: .utf8) }
        print("\(ternaries.count) ternaries in the store; timing \(chosen.count), \(runs) runs each (ms, medians)")
        print("system            entries   read  diagram    svg   html  total(svg)")
        var totals = [Double]()
        for system in chosen {
            let elements = system.split(separator: "-").compactMap { Element(symbol: String($0)) }
            var read = [Double](), build = [Double](), svg = [Double](), html = [Double]()
            var count = 0
            for _ in 0..<runs {
                var t = DispatchTime.now().uptimeNanoseconds
                func lap() -> Double {
                    let now = DispatchTime.now().uptimeNanoseconds
                    defer { t = now }
                    return Double(now - t) / 1e6
                }
                var systems = [String]()
                for mask in 1..<8 { systems.append(elements.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element.symbol).sorted().joined(separator: "-")) }
                var entries = [DiagramEntry]()
                try store.forEachPhaseDiagramEntry(inSystems: systems) { input in
                    entries.append(DiagramEntry(HullEntry(id: input.id, composition: input.composition,
                                                          totalEnergy: input.energyPerAtom * input.composition.totalAmount, isReference: input.isReference),
                                                source: input.source))
                }
                read.append(lap())
                let diagram = try PhaseDiagram(elements: elements, entries: entries)
                build.append(lap())
                _ = PhaseDiagramSVG(diagram).text
                svg.append(lap())
                _ = PhaseDiagramHTML.write(diagram)
                html.append(lap())
                count = entries.count
            }
            func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
            let sum = median(read) + median(build) + median(svg)
            totals.append(sum)
            print(String(format: "%-16@ %8d %6.1f %8.1f %6.1f %6.1f %8.1f", system as NSString, count, median(read), median(build), median(svg), median(html), sum))
        }
        totals.sort()
        if !totals.isEmpty {
            print(String(format: "in process (read + diagram + SVG): p50 %.1f ms, max %.1f ms over %d ternaries", totals[totals.count / 2], totals.last ?? 0, totals.count))
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a seeded generator, so the sample is the same every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
