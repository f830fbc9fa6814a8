import LogClient
import RegistryStorage

/// Why a registry could not be verified from its URL. When one is thrown,
/// nothing was saved to the trust state (an evidence file aside).
public enum RemoteVerificationError: Error, Sendable, CustomStringConvertible {
    /// A request failed: not found (a wrong URL, most often), another
    /// status, too large, a timeout, the network, or content that is not
    /// what a log publishes at that path.
    case fetch(FetchError)
    /// What the local verification of the copy says, its places turned
    /// into the URLs the files were fetched from: the registry as
    /// published does not verify (a checkpoint not signed by `--log-key`,
    /// or not by the key the trust state holds, included), a
    /// `--checkpoint` file is not a checkpoint, or a file of the state
    /// could not be read or written.
    case registry(RegistryError)
    /// The server showed a checkpoint that contradicts one verified before.
    case splitView(SplitViewEvidence)
    /// The trust state of this origin is not as it was left: a file of its
    /// copy was changed or removed by something else.
    case trustStateDamaged(path: String, reason: String)

    public var description: String {
        switch self {
        case .fetch(let error):
            return error.description
        case .registry(let error):
            return error.description
        case .splitView(let evidence):
            return evidence.description
        case .trustStateDamaged(let path, let reason):
            return "the trust state at \(path) is damaged (\(reason)): it is not as a verification left it. Remove that folder to start over with a first verification (and pin the registrar's key with --log-key)"
        }
    }
}
