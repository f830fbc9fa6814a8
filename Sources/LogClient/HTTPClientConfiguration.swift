/// The limits of an `HTTPClient`: timeouts, retries and how many requests
/// run at once. The defaults suit a static site on the public Internet;
/// tests shorten them.
public struct HTTPClientConfiguration: Sendable, Equatable {
    /// The longest wait for the next byte, from the start of the request
    /// (connecting included) and between chunks of the body.
    public var idleTimeout: Duration
    /// The longest a request may take as a whole, body included, so that a
    /// server that trickles a byte now and then cannot hold the client.
    public var totalTimeout: Duration
    /// How many times a request that failed for a transient reason (a 5xx
    /// status, a network failure, a timeout) is repeated; never on 4xx.
    public var retries: Int
    /// The pause before the first retry; each later one waits twice as long.
    public var initialBackoff: Duration
    /// How many requests a batch keeps in flight at once.
    public var maximumInFlight: Int

    /// The defaults: 30 s idle, 120 s per request, 3 retries after 0.5 s,
    /// 1 s and 2 s, 8 requests in flight.
    public init(idleTimeout: Duration = .seconds(30),
                totalTimeout: Duration = .seconds(120),
                retries: Int = 3,
                initialBackoff: Duration = .milliseconds(500),
                maximumInFlight: Int = 8) {
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.retries = max(0, retries)
        self.initialBackoff = initialBackoff
        self.maximumInFlight = max(1, maximumInFlight)
    }

    /// The pause before retry number `retry` (from 0): the initial backoff doubled each time.
    func backoff(beforeRetry retry: Int) -> Duration {
        initialBackoff * (1 << min(retry, 16))
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
