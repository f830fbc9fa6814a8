import RegistryStorage
import TransparencyLog

/// Why a witness could not be set up or could not keep its state: every
/// case names the file, line or address involved and says what to do.
package enum WitnessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The list of logs at `file` is not a list of `log` lines.
    case logList(file: String, PolicyError)
    /// Line `line` of `file` names a log key the witness cannot verify
    /// checkpoints with (not an Ed25519 note key, type 0x01).
    case unsupportedLogKey(file: String, line: Int, key: String)
    /// `file` names no log.
    case noLogs(file: String)
    /// The witness's key name is not a valid note key name.
    case invalidName(String, TransparencyError)
    /// A file of the data directory could not be read or written.
    case storage(StorageError)
    /// Another process holds the data directory.
    case dataDirectoryInUse(path: String)
    /// A file of the data directory is not what the witness wrote there.
    case damagedState(path: String, reason: String)
    /// The listen address is not `HOST:PORT`.
    case invalidListenAddress(String)
    /// The server could not start or stopped with an error.
    case server(address: String, reason: String)

    package var description: String {
        switch self {
        case .logList(let file, let error):
            return "\(file): \(error). The list of logs has one \"log <vkey> [<url>]\" line per log (c2sp.org/tlog-policy); fix the line"
        case .unsupportedLogKey(let file, let line, let key):
            return "\(file):\(line): the log key \(key) is not an Ed25519 note verifier key (type 0x01), the only kind this witness verifies; give the log's Ed25519 key"
        case .noLogs(let file):
            return "\(file): no \"log <vkey>\" line: a witness needs at least one log to witness"
        case .invalidName(let name, let error):
            return "the witness name \"\(name)\" is not a valid key name (\(error)); use a name such as example.org/witness"
        case .storage(let error):
            return error.description
        case .dataDirectoryInUse(let path):
            return "\(path): another witness process holds this data directory; stop it first, or give each witness its own --data directory"
        case .damagedState(let path, let reason):
            return "\(path): \(reason). The data directory holds what this witness cosigned; restore it from a backup rather than delete it, or the witness may cosign a checkpoint inconsistent with one it cosigned before"
        case .invalidListenAddress(let address):
            return "the listen address \"\(address)\" is not HOST:PORT (such as 127.0.0.1:8080, [::1]:8080, or 127.0.0.1:0 for a free port)"
        case .server(let address, let reason):
            return "the server on \(address) failed: \(reason)"
        }
    }
}
