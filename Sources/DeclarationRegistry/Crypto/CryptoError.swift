/// Why a cryptographic operation or a key file was refused.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A raw key had the wrong number of bytes.
    case invalidKeyLength(expected: Int, found: Int)
    /// OpenSSL reported a failure; its error queue is attached.
    case openSSL(OpenSSLError)

    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let found):
            return "an Ed25519 key is \(expected) bytes long, but this one has \(found)"
        case .openSSL(let error):
            return error.description
        }
    }
}
