import Foundation

/// A log's URL prefix (c2sp.org/tlog-tiles, "Parameters"): an `http` or
/// `https` URL with a host and no query or fragment, under which the log
/// publishes `checkpoint` and `tile/`.
public struct LogPrefix: Sendable, Hashable, CustomStringConvertible {
    /// The prefix as given, without trailing slashes.
    public let string: String

    /// Checks `text`; throws `FetchError` with `.invalidURL` otherwise.
    public init(_ text: String) throws(FetchError) {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            throw FetchError(url: text, problem: .invalidURL(reason: "expected an http:// or https:// URL, such as https://registry.example.org/declaration"))
        }
        guard let host = components.host, !host.isEmpty else {
            throw FetchError(url: text, problem: .invalidURL(reason: "the URL has no host name"))
        }
        guard components.query == nil, components.fragment == nil else {
            throw FetchError(url: text, problem: .invalidURL(reason: "a log's URL prefix has no query (?…) or fragment (#…)"))
        }
        guard components.user == nil, components.password == nil else {
            throw FetchError(url: text, problem: .invalidURL(reason: "a log's URL prefix carries no user name or password"))
        }
        guard URL(string: trimmed + "/checkpoint") != nil else {
            throw FetchError(url: text, problem: .invalidURL(reason: "the URL is not valid"))
        }
        string = trimmed
    }

    /// The URL of `path` (such as `tile/0/000`) under the prefix.
    public func url(_ path: String) -> URL {
        // The prefix was checked to make a valid URL with a path appended,
        // and paths are the log's own ASCII names.
        URL(string: string + "/" + path) ?? URL(fileURLWithPath: "/")
    }

    /// The URL of `path`, as text for messages.
    public func urlString(_ path: String) -> String {
        string + "/" + path
    }

    /// The prefix without its scheme: what c2sp.org/tlog-tiles says the
    /// origin SHOULD be (a recommendation only; nothing relies on it).
    public var schemeless: String {
        guard let range = string.range(of: "://") else { return string }
        return String(string[range.upperBound...])
    }

    public var description: String { string }
}
