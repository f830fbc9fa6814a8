import Foundation
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// The witness policy a registry keeps (`witnesses.policy`, c2sp.org/tlog-policy):
/// the witnesses every new checkpoint is submitted to and the quorum of
/// their cosignatures a checkpoint needs before it is published.
///
/// It is kept in the registry, not given to each command, so that once a
/// registry has witnesses no append or publish can forget them: a
/// registrar cannot publish an unwitnessed checkpoint by leaving out a flag.
extension Registry {
    /// Parses `bytes` (read from `source`, named in messages) as the
    /// witness policy of the registry whose header is `header`, and checks
    /// that it can serve it:
    /// - its `log` lines, if any, include the registrar's checkpoint key
    ///   (the same name, the origin, and the same key), since witnesses and
    ///   verifiers holding this policy would refuse the registry otherwise;
    /// - every witness has a submission URL (http or https) and an Ed25519
    ///   cosignature key (type 0x04), whose cosignatures the registrar can check;
    /// - the quorum can be met by the witnesses it names.
    ///
    /// Throws `.invalidPolicy` (with the policy's line) or
    /// `.witnessPolicyRefused`.
    @discardableResult
    public static func checkWitnessPolicy(_ bytes: [UInt8], source: String,
                                          header: RegistryHeader) throws(RegistryError) -> WitnessPolicy {
        let policy: WitnessPolicy
        do {
            policy = try WitnessPolicy(parsing: bytes)
        } catch {
            throw .invalidPolicy(path: source, error)
        }
        let logKey: NoteVerifierKey
        do {
            logKey = try header.checkpointVerifierKey()
        } catch {
            throw .witnessPolicyRefused(path: source, reason: "the registry's origin \"\(header.origin)\" cannot name a checkpoint key: \(error)")
        }
        guard policy.acceptsLog(logKey) else {
            let lines = policy.logs.map { String($0.line) }.joined(separator: ", ")
            throw .witnessPolicyRefused(path: source, reason: "its log lines (line \(lines)) do not name this registry's checkpoint key \(logKey.string): witnesses and verifiers holding this policy would refuse its checkpoints. Add the line `log \(logKey.string)`, or remove the log lines")
        }
        for witness in policy.witnesses {
            guard witness.key.cosignerKey != nil else {
                throw .witnessPolicyRefused(path: source, reason: "policy line \(witness.line): witness \(witness.name) has a key that is not an Ed25519 cosignature key (type 0x04), whose cosignatures this registrar cannot check; ask the witness for its cosignature/v1 key")
            }
            guard let url = witness.url else {
                throw .witnessPolicyRefused(path: source, reason: "policy line \(witness.line): witness \(witness.name) has no submission URL, so checkpoints cannot be sent to it; add its URL prefix (the one before /add-checkpoint) at the end of the line")
            }
            guard submissionPrefix(url) != nil else {
                throw .witnessPolicyRefused(path: source, reason: "policy line \(witness.line): witness \(witness.name)'s submission URL \"\(url)\" is not an http:// or https:// URL with a host")
            }
        }
        guard policy.evaluate(cosigners: Set(policy.witnesses.map(\.name))).isSatisfied else {
            throw .witnessPolicyRefused(path: source, reason: "its quorum cannot be met even if every witness cosigns; check the group thresholds and the quorum line")
        }
        return policy
    }

    /// A witness's submission URL prefix, when it is an http(s) URL with a host.
    static func submissionPrefix(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil else { return nil }
        return url
    }

    /// The registry's witness policy, read and checked as
    /// `checkWitnessPolicy` checks it; nil when the registry has none.
    ///
    /// Throws `.notARegistry`, `.verificationFailed` for a header that is not
    /// valid, `.invalidPolicy`, `.witnessPolicyRefused`, `.storage`.
    public func witnessPolicy() throws(RegistryError) -> WitnessPolicy? {
        guard let (bytes, _) = try witnessPolicyFile() else { return nil }
        return try Self.checkWitnessPolicy(bytes, source: layout.witnessPolicy, header: try header())
    }

    /// The bytes of the registry's policy file and the header, as they are
    /// on disk; nil when it has none.
    public func witnessPolicyFile() throws(RegistryError) -> ([UInt8], RegistryHeader)? {
        let header = try header()
        guard FileSystem.exists(layout.witnessPolicy) || FileSystem.isSymbolicLink(layout.witnessPolicy) else { return nil }
        do {
            return (try FileSystem.read(layout.witnessPolicy, limit: WitnessPolicy.maximumByteCount, links: .refuse), header)
        } catch {
            throw .storage(error)
        }
    }

    /// Replaces the registry's witness policy with `bytes` (read from
    /// `source`), once they pass `checkWitnessPolicy`; atomically, under
    /// the registry's exclusive lock. The next checkpoint is submitted to
    /// its witnesses, and a publish needs its quorum from then on.
    @discardableResult
    public func setWitnessPolicy(_ bytes: [UInt8], source: String) throws(RegistryError) -> WitnessPolicy {
        let lock = try lockForWriting()
        defer { lock.release() }
        let policy = try Self.checkWitnessPolicy(bytes, source: source, header: try header())
        do {
            try FileSystem.replaceAtomically(layout.witnessPolicy, bytes: bytes)
        } catch {
            throw .storage(error)
        }
        return policy
    }
}
