import Foundation
import NIOConcurrencyHelpers

/// One line per request on standard error: time, method, target (shortened), status, bytes, milliseconds.
struct RequestLog: Sendable {
    let enabled: Bool
    private let lock = NIOLock()
    /// Targets are cut to this many bytes in the log (a filter can be kilobytes long).
    static let targetLimit = 300

    init(enabled: Bool) { self.enabled = enabled }

    func record(method: String, target: String, status: Int, bytes: Int, milliseconds: Double) {
        guard enabled else { return }
        var shown = target.utf8.count > Self.targetLimit ? String(decoding: target.utf8.prefix(Self.targetLimit), as: UTF8.self) + "..." : target
        shown = String(shown.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        let line = "\(ResponseEnvelope.timestamp()) \(method) \(shown) \(status) \(bytes)B \(String(format: "%.1f", milliseconds))ms\n"
        lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }
}
