/// How `crystaldb serve` runs: the store, where it listens, the URL clients see, paging limits and the pool.
public struct ServerConfiguration: Sendable {
    public var storePath: String
    public var host = "127.0.0.1"
    public var port = 5000
    /// The base URL clients use (`https://example.org/optimade`); default `http://HOST:PORT`. Its path is the
    /// prefix requests arrive under.
    public var baseURL: String?
    /// The database-provider prefix of this store's own fields (`_crystaldb_e_above_hull`).
    public var providerPrefix = "crystaldb"
    public var providerName = "crystaldb"
    public var providerDescription = "A crystal-structure store served by crystaldb"
    /// Read connections, each on a thread of its own.
    public var connections = 4
    /// SQLite page cache per connection (KiB).
    public var pageCacheKiB = 16_384
    /// Counts (per filter) the read connections share until the store changes (0: count on every request).
    public var countCacheEntries = 1024
    public var defaultPageLimit = 20
    /// Larger page_limit values are refused with 403, as the specification prescribes.
    public var maximumPageLimit = 1000
    /// Longest accepted request target (path and query, bytes): longer ones get 414.
    public var maximumURLLength = 16_384
    /// Log one line per request to standard error.
    public var logRequests = true

    public init(storePath: String) {
        self.storePath = storePath
    }

    /// The base URL without a trailing slash.
    public var effectiveBaseURL: String {
        var url = baseURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// The path part of the base URL (`/optimade`), or "" when it is the root.
    public var basePath: String {
        let url = effectiveBaseURL
        guard let scheme = url.range(of: "://") else { return "" }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        return String(rest[slash...])
    }
}
