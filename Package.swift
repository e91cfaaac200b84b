// swift-tools-version:6.0
import PackageDescription

/// The symmetry engine and the crystal generator are numeric code on SIMD vectors, which an unoptimized build runs
/// 20-50x slower; their agreement tests check thousands of crystals, so they are optimized in debug builds too.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "crystaldb",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "crystaldb", targets: ["crystaldb"]),
        .executable(name: "crystaldb-samplegen", targets: ["crystaldb-samplegen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSpglib", path: "Sources/CSpglib", providers: [.apt(["libsymspg-dev"])]),
        .target(name: "CrystalModel"),
        .target(name: "CIFSyntax"),
        .target(name: "CrystalImport", dependencies: ["CrystalModel", "CIFSyntax", "CZlib", "CSpglib"]),
        .target(name: "CrystalStore", dependencies: ["CrystalModel", "CSQLite"]),
        .target(name: "CrystalHull", dependencies: ["CrystalModel"]),
        .target(name: "CrystalMatch", dependencies: ["CrystalModel"]),
        .target(name: "CrystalSpaceGroup", dependencies: ["CrystalModel", "CSpglib"], swiftSettings: optimizedInDebug),
        .target(name: "CrystalSamples", dependencies: ["CrystalModel", "CrystalSpaceGroup"], swiftSettings: optimizedInDebug),
        .target(name: "CrystalPhaseDiagram", dependencies: ["CrystalModel", "CrystalHull"]),
        .target(name: "CrystalSymmetry", dependencies: ["CrystalModel", "CrystalSpaceGroup", "CSpglib"]),
        .target(name: "CrystalStability", dependencies: ["CrystalModel", "CrystalHull", "CrystalStore", "CrystalSymmetry", "CrystalMatch"]),
        .target(name: "CrystalQuery", dependencies: ["CrystalModel", "CrystalStore"]),
        .target(name: "CrystalExport", dependencies: ["CrystalModel", "CrystalStore", "CrystalQuery", "CrystalOptimade", "CZlib"]),
        .target(name: "CrystalOptimade", dependencies: ["CrystalModel", "CrystalStore", "CrystalQuery", "CrystalSymmetry", "CrystalSpaceGroup"]),
        .target(name: "CrystalServer", dependencies: [
            "CrystalModel", "CrystalStore", "CrystalQuery", "CrystalOptimade",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .target(name: "CrystalIngest", dependencies: ["CrystalModel", "CrystalImport", "CrystalStore", "CrystalSymmetry"]),
        .executableTarget(name: "crystaldb", dependencies: [
            "CrystalModel", "CrystalImport", "CrystalStore", "CrystalIngest", "CrystalExport", "CrystalStability", "CrystalQuery", "CrystalMatch", "CrystalPhaseDiagram", "CrystalSymmetry", "CrystalServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "crystaldb-samplegen", dependencies: [
            "CrystalModel", "CrystalExport", "CrystalImport", "CrystalSamples", "CrystalSpaceGroup",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "crystaldb-bench", dependencies: [
            "CrystalModel", "CrystalHull", "CrystalImport", "CrystalStore", "CrystalQuery", "CrystalSymmetry", "CrystalMatch", "CrystalPhaseDiagram", "CrystalSamples", "CrystalSpaceGroup",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "crystaldb-fuzz", dependencies: ["CrystalModel", "CIFSyntax", "CrystalImport", "CrystalQuery", "CrystalIngest",
                                                          "CrystalStore", "CrystalHull", "CrystalStability"]),
        .testTarget(name: "CrystalModelTests", dependencies: ["CrystalModel"]),
        .testTarget(name: "CIFSyntaxTests", dependencies: ["CIFSyntax"]),
        .testTarget(name: "CrystalImportTests", dependencies: ["CrystalImport", "CrystalModel", "CIFSyntax"], exclude: ["Fixtures"]),
        .testTarget(name: "CrystalStoreTests", dependencies: ["CrystalStore", "CrystalModel", "CrystalIngest", "CrystalQuery", "CrystalStability", "CrystalExport"], exclude: ["Fixtures"]),
        .testTarget(name: "CrystalSymmetryTests", dependencies: ["CrystalSymmetry", "CrystalSpaceGroup", "CrystalSamples", "CrystalImport", "CrystalModel", "CSpglib"]),
        .testTarget(name: "CrystalMatchTests", dependencies: ["CrystalMatch", "CrystalImport", "CrystalModel"], exclude: ["Fixtures"]),
        .testTarget(name: "CrystalHullTests", dependencies: ["CrystalHull", "CrystalImport", "CrystalModel"]),
        .testTarget(name: "CrystalPhaseDiagramTests", dependencies: ["CrystalPhaseDiagram", "CrystalHull", "CrystalImport", "CrystalModel"], exclude: ["Fixtures"]),
        .testTarget(name: "CrystalStabilityTests", dependencies: ["CrystalStability", "CrystalIngest", "CrystalStore", "CrystalModel", "CrystalExport", "CrystalImport", "CrystalSymmetry", "CrystalMatch"]),
        .testTarget(name: "CrystalQueryTests", dependencies: ["CrystalQuery", "CrystalStore", "CrystalIngest", "CrystalStability", "CrystalModel"], exclude: ["Fixtures"]),
        .testTarget(name: "CrystalExportTests", dependencies: ["CrystalExport", "CrystalImport", "CrystalIngest", "CrystalStability", "CrystalStore", "CrystalQuery", "CrystalModel"]),
        .testTarget(name: "CrystalIngestTests", dependencies: ["CrystalIngest", "CrystalStore", "CrystalImport", "CrystalExport", "CrystalModel"]),
        .testTarget(name: "CrystalServerTests", dependencies: [
            "CrystalServer", "CrystalOptimade", "CrystalIngest", "CrystalStability", "CrystalStore", "CrystalModel", "CrystalSymmetry",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .testTarget(name: "crystaldbTests", dependencies: ["crystaldb"]),
    ]
)
