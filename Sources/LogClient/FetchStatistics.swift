/// What a client fetched: the figures a benchmark reports and the output
/// of a verification from a URL prints.
public struct FetchStatistics: Sendable, Equatable {
    /// HTTP requests made, each retry included.
    public var requests: Int
    /// Body bytes received, after decompression.
    public var bytes: Int

    /// Figures of `requests` requests and `bytes` bytes.
    public init(requests: Int = 0, bytes: Int = 0) {
        self.requests = requests
        self.bytes = bytes
    }

    /// The figures of `later` since `self`.
    public func difference(to later: FetchStatistics) -> FetchStatistics {
        FetchStatistics(requests: later.requests - requests, bytes: later.bytes - bytes)
    }
}
