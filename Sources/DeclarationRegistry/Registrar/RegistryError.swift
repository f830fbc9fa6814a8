import CryptoPrimitives
import RegistryFormat
import RegistryStorage

/// Why an operation on a registry (create, append, repair) was refused.
/// Whenever one of these is thrown, nothing was written.
public enum RegistryError: Error, Sendable, CustomStringConvertible {
    /// A registry (or other files) already exist where one was to be created.
    case alreadyExists(path: String)
    /// There is no registry header at the path.
    case notARegistry(path: String)
    /// The registrar key given is not the one the registry's header names.
    case wrongRegistrarKey(path: String, expectedKeyID: String, foundKeyID: String)
    /// A statement was refused; `source` names it (a file, or its position).
    case statementRefused(source: String, error: FieldError)
    /// The registry does not verify, so nothing may be added to it.
    case registryInvalid(VerificationFailure)
    /// A file could not be read or written.
    case storage(StorageError)
    /// A key operation failed.
    case crypto(CryptoError)
    /// The declaration the registry is to record is not acceptable.
    case invalidField(FieldError)

    public var description: String {
        switch self {
        case .alreadyExists(let path):
            return "\(path) already exists; refusing to overwrite a registry. Choose another --registry directory"
        case .notARegistry(let path):
            return "\(path): no registry here (no \(RegistryLayout.Name.header)); create one with `declaration init` or pass --registry DIR"
        case .wrongRegistrarKey(let path, let expected, let found):
            return "\(path): this key (key id \(found)) is not the registrar key of this registry (key id \(expected))"
        case .statementRefused(let source, let error):
            return "\(source): refused, nothing was recorded: \(error)"
        case .registryInvalid(let failure):
            return "the registry does not verify, so nothing was appended: \(failure)"
        case .storage(let error):
            return error.description
        case .crypto(let error):
            return error.description
        case .invalidField(let error):
            return error.description
        }
    }
}
