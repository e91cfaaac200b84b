import CrystalImport
import CrystalModel
import CrystalQuery

/// libFuzzer entry points. `make fuzz` builds this target with `-sanitize=fuzzer,address -D FUZZING` once per
/// target (`-D FUZZ_CIF`, `FUZZ_POSCAR`, `FUZZ_ENERGY`, `FUZZ_FILTER`, and end to end `FUZZ_IMPORT`,
/// `FUZZ_ARCHIVE`, `FUZZ_HULL`, `FUZZ_QUERY`); in an ordinary build it is a stub.
enum FuzzTarget {
    static func run(_ bytes: [UInt8]) {
        let location = SourceLocation(path: "fuzz")
        #if FUZZ_CIF
        _ = CIFStructureReader.read(bytes: bytes, location: location)
        #elseif FUZZ_POSCAR
        _ = POSCARReader.read(bytes: bytes, location: location, options: .init(missingSpecies: .placeholder))
        #elseif FUZZ_ENERGY
        _ = EnergyTableReader.readCSV(bytes: bytes, location: location, stem: "f")
        _ = ComputedEntryReader.read(bytes: bytes, location: location, stem: "f")
        #elseif FUZZ_FILTER
        if let filter = try? FilterParser.parse(String(decoding: bytes, as: UTF8.self)) { _ = try? FilterCompiler().compile(filter) }
        #elseif FUZZ_IMPORT
        ImportFuzz.shared.run(bytes)
        #elseif FUZZ_ARCHIVE
        ArchiveFuzz.shared.run(bytes)
        #elseif FUZZ_HULL
        HullFuzz.run(bytes)
        #elseif FUZZ_QUERY
        QueryFuzz.shared.run(bytes)
        #else
        _ = (bytes, location)
        #endif
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry as `<target>_main`; hand control to libFuzzer's driver from there.
@_cdecl("crystaldb_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    // Set-up (the query target's store) happens before the first input, so its time is not charged to an input.
    #if FUZZ_QUERY
    _ = QueryFuzz.shared
    #endif
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
struct FuzzStub {
    static func main() {
        print("crystaldb-fuzz: build it with `make fuzz` (libFuzzer, -sanitize=fuzzer,address)")
    }
}
#endif
