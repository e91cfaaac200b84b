import ArgumentParser
import Foundation
import CrystalStore

/// Writing to stderr, and whether it is a terminal (progress is shown only then). A failing stderr is
/// ignored: there is nowhere left to report it.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func error(_ message: String) { _ = Output.writeAll(STDERR_FILENO, Array(("error: " + message + "\n").utf8)) }

    static func warning(_ message: String) { _ = Output.writeAll(STDERR_FILENO, Array(("warning: " + message + "\n").utf8)) }

    static func progress(_ line: String) { _ = Output.writeAll(STDERR_FILENO, Array(("\r" + line + "\u{1B}[K").utf8)) }

    static func endProgress() { _ = Output.writeAll(STDERR_FILENO, Array("\r\u{1B}[K".utf8)) }
}

/// A failed write to standard output: where and why (`stdout: No space left on device`).
struct OutputError: Error, CustomStringConvertible {
    let reason: String
    var description: String { "stdout: \(reason)" }
}

/// Buffered standard output. Every write is checked: a full disk, a closed pipe or /dev/full is an
/// `OutputError`, and the command exits non-zero saying so, instead of losing the output silently.
final class Output {
    private var buffer = [UInt8]()

    init() { buffer.reserveCapacity(1 << 16) }

    func write(_ text: String) throws(OutputError) {
        buffer += text.utf8
        if buffer.count >= 1 << 16 { try flush() }
    }

    func line(_ text: String) throws(OutputError) { try write(text + "\n") }

    /// Writes what is buffered; call it before the command returns (nothing is written after an error).
    func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        let bytes = buffer
        buffer.removeAll(keepingCapacity: true)
        if let failure = Self.writeAll(STDOUT_FILENO, bytes) { throw OutputError(reason: failure) }
    }

    /// Writes every byte to a descriptor, retrying short writes and interruptions; the reason on failure.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                if n == 0 { return "nothing written" }
                offset += n
            }
            return nil
        }
    }
}

/// A runtime failure of a command, printed as `error: <where>: <what>`.
struct CommandFailure: Error, CustomStringConvertible {
    let place: String
    let reason: String
    var description: String { "\(place): \(reason)" }
}

/// Runs a command's work; a thrown error becomes `error: <where>: <what>` on stderr and exit code 1.
/// `store` names the store for SQLite errors, which do not always carry the path themselves.
func failing<T>(store: String? = nil, hint: (Error) -> String? = { _ in nil }, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        Terminal.error(describe(error, store: store))
        if let hint = hint(error) { Terminal.error(hint) }
        throw ExitCode.failure
    }
}

/// `<where>: <what>` for any error a command meets.
func describe(_ error: Error, store: String?) -> String {
    switch error {
    case let error as StoreError:
        var message = error.message
        let place = store ?? "store"
        if message.hasPrefix(place + ": ") { message.removeFirst(place.count + 2) }
        return "\(place): \(message) (SQLite error \(error.code))"
    default:
        return "\(error)"
    }
}
