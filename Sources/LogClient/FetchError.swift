/// Why a GET from a log's server failed, with the URL it was for: every
/// message names the URL and says what to do.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL requested.
    public var url: String
    /// What went wrong.
    public var problem: Problem
    /// How many requests were made for it (1 when it was not retried).
    public var attempts: Int

    /// What went wrong with a request.
    public enum Problem: Sendable, Equatable {
        /// The server answered 404 Not Found (or 410 Gone).
        case notFound
        /// The server answered another status than 200 OK.
        case status(Int)
        /// The body is, or announced itself as, larger than `limit` bytes
        /// (after decompression); it was not read further. `announced` is
        /// the Content-Length when the refusal came before the body.
        case tooLarge(limit: Int, announced: Int64?)
        /// No byte arrived for `seconds` (`idle`), or the whole request took
        /// longer than `seconds` (`total`).
        case timedOut(Timeout, seconds: Double)
        /// The connection could not be made or was lost: name resolution,
        /// refused connections, TLS (a certificate not trusted included).
        case network(String)
        /// The body arrived but is not what `file` must be.
        case badContent(file: String, reason: String)
        /// The URL cannot be a log's prefix.
        case invalidURL(reason: String)
        /// The request was cancelled by its caller.
        case cancelled
    }

    /// Which timeout expired.
    public enum Timeout: Sendable, Equatable {
        /// No byte for the idle timeout (the connection included).
        case idle
        /// The request as a whole took longer than allowed.
        case total
    }

    /// An error for `url`.
    public init(url: String, problem: Problem, attempts: Int = 1) {
        self.url = url
        self.problem = problem
        self.attempts = attempts
    }

    /// Whether another attempt may succeed: a server error (5xx), a
    /// network failure or a timeout, never a refusal of the content or a
    /// client error (4xx).
    public var isTransient: Bool {
        switch problem {
        case .status(let code): return (500...599).contains(code)
        case .network, .timedOut: return true
        case .notFound, .tooLarge, .badContent, .invalidURL, .cancelled: return false
        }
    }

    public var description: String {
        let tries = attempts > 1 ? " (\(attempts) attempts)" : ""
        switch problem {
        case .notFound:
            return "not found at \(url) (HTTP 404): is this the registry's URL? It is the prefix under which checkpoint, registry.json and tile/ are published"
        case .status(let code):
            return "\(url): the server answered HTTP \(code)\(tries); try again later, or tell whoever publishes it"
        case .tooLarge(let limit, let announced?):
            return "\(url): the server announces \(announced) bytes, more than the \(limit) this file may hold; nothing of it was read. The server does not serve what a log publishes there"
        case .tooLarge(let limit, nil):
            return "\(url): the response grew past \(limit) bytes, the most this file may hold, and the transfer was stopped. The server does not serve what a log publishes there"
        case .timedOut(.idle, let seconds):
            return "\(url): no data for \(Self.format(seconds)) s\(tries): the server is unreachable or stalled; try again later, or allow more time (--timeout)"
        case .timedOut(.total, let seconds):
            return "\(url): the response was not complete within \(Self.format(seconds)) s\(tries): the server is too slow or stalled; try again later, or allow more time (--timeout)"
        case .network(let reason):
            return "\(url): \(reason)\(tries); check the URL and the network"
        case .badContent(let file, let reason):
            return "\(url): not a valid \(file): \(reason)"
        case .invalidURL(let reason):
            return "\(url): \(reason)"
        case .cancelled:
            return "\(url): the request was cancelled"
        }
    }

    /// Seconds as "30" or "0.5".
    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
