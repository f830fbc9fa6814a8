/// Why an export could not be made, besides the registry failing to
/// verify (which is reported as its `VerificationFailure`).
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The registrar kept appending while the export read the registry, so
    /// its checkpoint never matched the verified ledger.
    case registryKeptChanging(path: String, attempts: Int)

    /// What happened and what to do.
    public var description: String {
        switch self {
        case .registryKeptChanging(let path, let attempts):
            return "\(path): the checkpoint changed while the registry was being verified, \(attempts) times in a row; nothing was written. Run the export again when appends have finished"
        }
    }
}
