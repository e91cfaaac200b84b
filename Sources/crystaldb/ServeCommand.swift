import ArgumentParser
import CrystalServer
import Dispatch
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the store read-only over the OPTIMADE API (1.2).",
        discussion: """
        Endpoints under the base URL and under /v1: /info, /info/structures, /structures (filter, sort, page_limit, \
        page_offset, page_above, response_fields), /structures/{id}, /links; /versions. The store's own fields are served \
        as _PREFIX_name (_crystaldb_e_above_hull). One log line per request goes to standard error. SIGTERM or SIGINT \
        stops the server after the requests in progress.
        """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 5000

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL clients reach the server at, if not http://HOST:PORT (behind a proxy).", valueName: "URL"))
    var baseURL: String?

    @Option(name: .customLong("provider-prefix"), help: "Database-provider prefix of the store's own fields.")
    var providerPrefix = "crystaldb"

    @Option(help: "Read connections (one thread each).")
    var connections = 4

    @Option(name: .customLong("page-limit"), help: "Entries per page when the request gives no page_limit.")
    var pageLimit = 20

    @Option(name: .customLong("max-page-limit"), help: "Largest page_limit accepted (larger ones get 403).")
    var maxPageLimit = 1000

    @Option(name: .customLong("count-cache"), help: "Counts (per filter) the connections share until the store changes (0: count every request).")
    var countCache = 1024

    @Flag(help: "No request log.")
    var quiet = false

    func validate() throws {
        try Validation.integer(port, "--port", atLeast: 0, atMost: 65_535)
        guard providerPrefix.range(of: "^[a-z][a-z0-9]*$", options: .regularExpression) != nil else {
            throw ValidationError("--provider-prefix: must be lowercase letters and digits, starting with a letter (OPTIMADE's prefix rule; got '\(providerPrefix)')")
        }
        try Validation.integer(connections, "--connections", atLeast: 1, atMost: 64)
        try Validation.integer(countCache, "--count-cache", atLeast: 0, atMost: 1_000_000)
        try Validation.integer(maxPageLimit, "--max-page-limit", atLeast: 1)
        try Validation.integer(pageLimit, "--page-limit", atLeast: 1, atMost: maxPageLimit)
        if let baseURL {
            guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else { throw ValidationError("--base-url: must start with http:// or https:// (got '\(baseURL)')") }
        }
    }

    func run() throws {
        var configuration = ServerConfiguration(storePath: store.db)
        configuration.host = host
        configuration.port = port
        configuration.baseURL = baseURL
        configuration.providerPrefix = providerPrefix
        configuration.connections = connections
        configuration.defaultPageLimit = pageLimit
        configuration.maximumPageLimit = maxPageLimit
        configuration.logRequests = !quiet
        configuration.countCacheEntries = countCache
        let server = OptimadeServer(configuration: configuration)
        let started = configuration
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let explicitBase = baseURL
        let host = host, db = store.db
        Task {
            do {
                try await server.run { boundPort in
                    var shown = started
                    if explicitBase == nil { shown.port = boundPort }
                    FileHandle.standardOutput.write(Data("serving \(db) over OPTIMADE \(OptimadeService.apiVersion) at \(shown.effectiveBaseURL)/v1 (listening on \(host):\(boundPort)); SIGTERM or Ctrl-C stops\n".utf8))
                }
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            Terminal.error("\(error)")
            throw ExitCode.failure
        }
        try failing {
            let output = Output()
            try output.line("stopped")
            try output.flush()
        }
    }

    /// The server task's failure, read after it signalled.
    final class Outcome: @unchecked Sendable {
        // Written once by the server task before it signals the semaphore, read after the wait: never concurrently.
        private(set) var error: Error?
        func set(_ error: Error) { self.error = error }
    }
}
