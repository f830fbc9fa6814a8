internal import COpenSSL

/// A failure reported by OpenSSL's libcrypto, with the error queue drained
/// right after the failing call.
public struct OpenSSLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the project was doing when OpenSSL failed, such as "signing".
    public var operation: String
    /// OpenSSL's own error strings, oldest first.
    public var queue: [String]

    /// Creates an error for `operation` carrying the given queue entries.
    public init(operation: String, queue: [String]) {
        self.operation = operation
        self.queue = queue
    }

    /// Drains OpenSSL's thread-local error queue into an error value.
    ///
    /// Draining matters even when the caller only wants a yes/no answer:
    /// a stale entry left on the queue would be blamed on the next call.
    static func drain(operation: String) -> OpenSSLError {
        OpenSSLError(operation: operation, queue: drainQueue())
    }

    /// Empties the error queue and returns its entries as text.
    @discardableResult
    static func drainQueue() -> [String] {
        var entries: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = buffer.withUnsafeBufferPointer { pointer in
                String(cString: pointer.baseAddress!)
            }
            entries.append(text)
        }
        return entries
    }

    public var description: String {
        if queue.isEmpty {
            return "OpenSSL failed while \(operation)"
        }
        return "OpenSSL failed while \(operation): \(queue.joined(separator: "; "))"
    }
}
