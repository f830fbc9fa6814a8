/// Where the witness listens: `HOST:PORT`, or `[IPv6]:PORT`; port 0 asks
/// the system for a free one.
package struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host or address to bind.
    package var host: String
    /// The port, 0 for any free port.
    package var port: Int

    /// Parses `HOST:PORT` or `[IPv6]:PORT`.
    package init(parsing text: String) throws(WitnessError) {
        guard let colon = text.lastIndex(of: ":") else { throw .invalidListenAddress(text) }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" "),
              portText.allSatisfy(\.isASCII), let port = Int(portText), (0...65535).contains(port), !portText.hasPrefix("+")
        else {
            throw .invalidListenAddress(text)
        }
        self.host = host
        self.port = port
    }

    /// `HOST:PORT`, with brackets around an IPv6 address.
    package var description: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }
}
