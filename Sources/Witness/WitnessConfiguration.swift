import CryptoPrimitives
import RegistryStorage
import TransparencyLog

/// Who a witness is and what it witnesses: its Ed25519 cosigning key and
/// key name, and the logs whose checkpoints it cosigns, by origin.
package struct WitnessConfiguration: Sendable {
    /// The most bytes the list of logs may have.
    package static let maximumLogListByteCount = WitnessPolicy.maximumByteCount

    /// The witness's key name, usually its domain and path.
    package let name: String
    /// The private key the witness cosigns with.
    package let key: Ed25519PrivateKey
    /// The witness's verifier key (type 0x04), for others' policies.
    package let cosignerKey: CosignerKey
    /// The keys trusted for each origin: a log's key name is its origin
    /// (c2sp.org/tlog-checkpoint), so a checkpoint is looked up by origin.
    package let logKeys: [String: [NoteVerifierKey]]

    /// A witness named `name` with `key`, witnessing the logs of `logs`.
    package init(name: String, key: Ed25519PrivateKey, logs: [NoteVerifierKey]) throws(WitnessError) {
        do throws(TransparencyError) {
            self.cosignerKey = try CosignerKey(name: name, publicKey: key.publicKey)
        } catch {
            throw .invalidName(name, error)
        }
        self.name = name
        self.key = key
        self.logKeys = Dictionary(grouping: logs, by: \.name)
    }

    /// Reads a list of logs: tlog-policy `log <vkey> [<url>]` lines,
    /// comments and empty lines, nothing else (c2sp.org/tlog-policy).
    package static func readLogList(at path: String) throws(WitnessError) -> [NoteVerifierKey] {
        let bytes: [UInt8]
        do throws(StorageError) {
            bytes = try FileSystem.read(path, limit: maximumLogListByteCount)
        } catch {
            throw .storage(error)
        }
        return try parseLogList(bytes, file: path)
    }

    /// Parses a list of logs read from `file` (named in errors).
    package static func parseLogList(_ bytes: [UInt8], file: String) throws(WitnessError) -> [NoteVerifierKey] {
        let logs: [WitnessPolicy.Log]
        do throws(PolicyError) {
            logs = try WitnessPolicy.logs(parsing: bytes)
        } catch {
            throw .logList(file: file, error)
        }
        guard !logs.isEmpty else { throw .noLogs(file: file) }
        var keys: [NoteVerifierKey] = []
        for log in logs {
            guard let key = log.key.noteVerifierKey else {
                throw .unsupportedLogKey(file: file, line: log.line, key: log.key.text)
            }
            keys.append(key)
        }
        return keys
    }
}
