/// Why a cryptographic operation or a key was refused.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A raw key had the wrong number of bytes.
    case invalidKeyLength(expected: Int, found: Int)
    /// The public key is one of the small-order points (or a non-canonical
    /// encoding of one): a signature check against it can be satisfied
    /// without any private key, so it is never accepted. `encoding` is the
    /// key's 32 bytes in hex.
    case smallOrderPublicKey(encoding: String)
    /// The public key encodes its y coordinate as a number at or above the
    /// field prime; every honest implementation reduces it first, so such a
    /// key can only come from tampering. `encoding` is the key in hex.
    case nonCanonicalPublicKey(encoding: String)
    /// The text holds no PEM block of the expected kind. `expected` is the
    /// label wanted, such as "PUBLIC KEY"; `found` the first label present,
    /// or nil when the text has no PEM block at all.
    case notPEMKey(expected: String, found: String?)
    /// The PEM block has the expected label but OpenSSL could not decode it.
    case malformedPEM(label: String, OpenSSLError)
    /// The key decoded fine but is not an Ed25519 key; `found` names the
    /// type that was found, such as "RSA" or "EC (prime256v1)".
    case wrongKeyType(expected: String, found: String)
    /// The private key is encrypted and no passphrase was given.
    case passphraseRequired
    /// The private key is encrypted and the passphrase did not open it (or
    /// the encrypted data is damaged, which looks the same).
    case wrongPassphrase
    /// An empty passphrase was given for encrypting a key.
    case emptyPassphrase
    /// The passphrase is longer than OpenSSL accepts.
    case passphraseTooLong(maximum: Int, found: Int)
    /// OpenSSL reported a failure; its error queue is attached.
    case openSSL(OpenSSLError)

    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let found):
            return "an Ed25519 key is \(expected) bytes long, but this one has \(found)"
        case .smallOrderPublicKey(let encoding):
            return "the Ed25519 public key \(encoding) is a point of small order, which would accept forged signatures; it cannot be used"
        case .nonCanonicalPublicKey(let encoding):
            return "the Ed25519 public key \(encoding) is not canonically encoded (its y coordinate is not reduced modulo 2^255-19); it cannot be used"
        case .notPEMKey(let expected, let found):
            if let found {
                return "expected a PEM block \"-----BEGIN \(expected)-----\" but found \"-----BEGIN \(found)-----\""
            }
            return "not a PEM key: expected a block starting with \"-----BEGIN \(expected)-----\""
        case .malformedPEM(let label, let error):
            return "the \(label) PEM block is damaged and could not be decoded (\(error.description))"
        case .wrongKeyType(let expected, let found):
            return "expected an \(expected) key but found an \(found) key"
        case .passphraseRequired:
            return "the private key is encrypted: give its passphrase (for example with --passphrase-file)"
        case .wrongPassphrase:
            return "the passphrase does not open this encrypted private key (wrong passphrase, or the key file is damaged)"
        case .emptyPassphrase:
            return "the passphrase is empty: give a non-empty passphrase, or none to leave the key unencrypted"
        case .passphraseTooLong(let maximum, let found):
            return "the passphrase is \(found) bytes long; at most \(maximum) bytes are supported"
        case .openSSL(let error):
            return error.description
        }
    }
}
