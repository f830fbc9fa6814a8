import Glibc

/// A loopback port that refuses every connection for as long as this value
/// lives: a socket bound to it that never listens. A port merely found
/// free, or one a stopped server left, may be taken meanwhile by another
/// test's server, which would then answer; this one stays ours, so a
/// connection to it is refused every time.
public final class RefusingPort: Sendable {
    /// The port on 127.0.0.1.
    public let port: Int
    private let descriptor: Int32

    /// Why no port could be bound.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Binds a socket to a free port on 127.0.0.1 and keeps it.
    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else {
            throw Failure(description: "socket: \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "bind: \(reason)")
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    deinit {
        close(descriptor)
    }
}
