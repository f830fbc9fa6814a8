import CryptoPrimitives
import LogClient
import RegistryFormat
import RegistryStorage

/// What a verification from a URL established, and what it cost.
public struct RemoteVerificationReport: Sendable {
    /// How the registrar's key came to be trusted this time.
    public enum Trust: Sendable, Equatable {
        /// First contact, no `--log-key`: the key the header names was
        /// trusted on first use, and is now held in the trust state.
        case firstUse
        /// First contact with `--log-key`, which the header and the
        /// checkpoint matched, or with a policy whose `log` lines name the
        /// header's key.
        case pinned
        /// The server's checkpoint is the one verified last time.
        case unchanged
        /// The server's checkpoint is of the tree verified last time, with
        /// other signature lines (witnesses' cosignatures added or
        /// changed): the trust state now keeps the served note.
        case newSignatures
        /// The registry grew from `fromSize` entries; `proof` is the RFC
        /// 9162 consistency proof from the tiles, verified.
        case updated(fromSize: UInt64, proof: [SHA256Digest])
    }

    /// The verification of the copy, as a local `verify` reports it.
    public var verification: VerificationReport
    /// The registry's URL prefix.
    public var url: String
    /// How the key came to be trusted.
    public var trust: Trust
    /// The trust state's verified copy of the registry: a registry
    /// directory that `list`, `export` and `show` can read.
    public var mirror: RegistryLayout
    /// The registrar's C2SP verifier key, `name+hash+base64`: what to pass
    /// to `--log-key`.
    public var logKey: String
    /// With `--checkpoint`: that checkpoint, proven consistent with the
    /// one verified, and the RFC 9162 proof (empty when they are equal).
    public var checkedCheckpoint: (checkpoint: RegistryCheckpoint, proof: [SHA256Digest])?
    /// Requests made and bytes received.
    public var fetched: FetchStatistics
}
