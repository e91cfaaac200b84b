import ArgumentParser
import Foundation

// A closed pipe is reported as a failed write (`error: stdout: Broken pipe`), not a death by signal.
signal(SIGPIPE, SIG_IGN)

/// Runs the command line; usage errors print like runtime errors (`error: <where>: <what>`), then the usage.
do {
    var command = try CrystalDB.parseAsRoot()
    try command.run()
} catch {
    let code = CrystalDB.exitCode(for: error)
    if error is ExitCode { exit(code.rawValue) }
    let message = CrystalDB.fullMessage(for: error)
    if code == .success {
        // --help and --version go to stdout, checked like any output.
        if let failure = Output.writeAll(STDOUT_FILENO, Array((message + "\n").utf8)) {
            Terminal.error("stdout: \(failure)")
            exit(ExitCode.failure.rawValue)
        }
        exit(0)
    }
    var text = message
    if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
    // argument-parser's own messages start with a capital ("Unknown option ..."); ours with the option.
    if let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true {
        text = first.lowercased() + text.dropFirst()
    }
    _ = Output.writeAll(STDERR_FILENO, Array(("error: " + text + "\n").utf8))
    exit(code.rawValue)
}
