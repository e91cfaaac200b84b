import ArgumentParser

/// Benchmarks of the parts of crystaldb that have targets in the issues.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crystaldb-bench", abstract: "Benchmark the stability engine, the query compiler and symmetry analysis.",
        subcommands: [HullBench.self, QueryBench.self, SymmetryBench.self, MatchBench.self, SymmetryCheck.self, PhaseDiagramBench.self])
}

Bench.main()
