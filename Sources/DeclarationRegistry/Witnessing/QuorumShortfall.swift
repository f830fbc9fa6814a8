import TransparencyLog

/// Why a registry's checkpoint was not published: it lacks the quorum of
/// cosignatures its witness policy asks for. The entries it covers are
/// recorded all the same; once enough witnesses cosign it (`witness retry`,
/// or a later `publish`, which collects what is missing), it is published.
public struct QuorumShortfall: Sendable, CustomStringConvertible {
    /// The registry's directory.
    public let registry: String
    /// The site it was to be published to.
    public let site: String
    /// The checkpoint's size.
    public let size: UInt64
    /// The policy's witnesses that cosigned it, and the quorum's verdict.
    public let witnessed: WitnessedCheckpoint

    public var description: String {
        let cosigned = witnessed.cosigners.map(\.witness.description)
        let by = cosigned.isEmpty ? "no witness of the policy" : cosigned.joined(separator: ", ")
        return "the registry's checkpoint of \(size) entries is cosigned by \(by), short of the witness policy's quorum (\(witnessed.evaluation)): nothing was published to \(site), and the entries stay recorded. Once the witnesses answer, run `declaration witness retry --registry \(registry) --publish-to \(site)` (or `declaration publish --registry \(registry) --to \(site)`, which collects the missing cosignatures first)"
    }
}
