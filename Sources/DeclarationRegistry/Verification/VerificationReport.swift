import CryptoPrimitives
import RegistryFormat
import TransparencyLog

/// What a successful verification established.
public struct VerificationReport: Sendable {
    /// The registry's header.
    public var header: RegistryHeader
    /// The declaration the registry binds to, read from its own copy.
    public var declaration: Declaration
    /// The registrar's latest checkpoint, verified against the ledger.
    public var checkpoint: RegistryCheckpoint
    /// The bytes of that checkpoint's signed note, exactly as read: what to
    /// keep for a later `--since`, or to publish with a list.
    public var checkpointNote: [UInt8]
    /// How many entries the ledger holds.
    public var entryCount: Int64
    /// The signatories in force after the last entry.
    public var roll: SignatoryRoll
    /// The saved checkpoint given to the verifier, if any, now proven to be
    /// a prefix of the ledger.
    public var savedCheckpoint: RegistryCheckpoint?
    /// Every entry in ledger order, when the verification was asked to
    /// collect them; empty otherwise.
    public var history: [Entry] = []
    /// With a saved checkpoint smaller than the current one: the RFC 9162
    /// consistency proof from it to the current checkpoint, verified.
    public var consistencyProof: [SHA256Digest]? = nil
    /// With a policy: the policy's witnesses that validly cosigned the
    /// checkpoint (name, key name, time) and the quorum they met; nil when
    /// no policy was given, and nothing about witnesses was verified.
    public var witnessing: WitnessedCheckpoint? = nil

    /// How many active signatories there are of `kind`.
    public func activeCount(of kind: SignatoryKind) -> Int {
        roll.count(of: kind)
    }
}
