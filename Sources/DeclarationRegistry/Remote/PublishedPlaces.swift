import LogClient
import RegistryStorage
import TransparencyLog

/// Turns the places the local verifier names in the trust state's copy
/// into the URLs the files came from: `registry.json`, `declaration/…`,
/// `checkpoint`, and for an entry the bundle that carried it (the trusted
/// checkpoint keeps its path in the state). A failure in
/// an entry the trust state had verified before means the copy was damaged
/// on disk, not that the site is wrong.
struct Places {
    let prefix: LogPrefix
    let mirror: RegistryLayout
    /// The entries the copy held, verified, before this run.
    let trustedSize: UInt64

    /// `error`, with a verification failure's file given as published.
    func published(_ error: RegistryError, treeSize: UInt64 = 0) -> RemoteVerificationError {
        guard case .verificationFailed(var failure) = error else { return .registry(error) }
        let file = failure.file
        if file == mirror.ledger {
            if let sequence = failure.sequence, UInt64(sequence) <= trustedSize {
                return .trustStateDamaged(path: mirror.directory, reason: failure.description)
            }
            let index = failure.sequence.map { UInt64($0 - 1) / UInt64(TilePath.fullWidth) } ?? 0
            let bundle = TilePath.entryBundle(index: index, treeSize: treeSize)
            failure.file = prefix.urlString(bundle?.path ?? "tile/entries")
            // A ledger line number names no place in a bundle; the entry number does.
            failure.line = nil
        } else if file == mirror.header || file == mirror.checkpoint || file == mirror.declaration
                    || file.hasPrefix(mirror.declaration + "/") {
            failure.file = prefix.urlString(String(file.dropFirst(mirror.directory.count + 1)))
        }
        return .registry(.verificationFailed(failure))
    }
}
