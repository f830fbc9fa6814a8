import CryptoPrimitives
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// Why an operation on a registry was refused: creating, appending to or
/// repairing it, reading its header or declaration, verifying, exporting,
/// publishing it or building the demonstration registry.
///
/// The registry layer's error type: every operation on a registry throws
/// it, wrapping the errors of the layers below, so a caller can switch
/// over every case. (Values checked on their own keep their own error: a
/// declaration directory `DeclarationError`, a date `RFC3339Error`.)
/// When an operation that writes throws one of these, nothing was recorded,
/// except for a `.storage` error with the cause `.recordedButNotSynced`,
/// whose message says which entries are.
public enum RegistryError: Error, Sendable, CustomStringConvertible {
    /// A registry (or other files) already exist where one was to be created.
    case alreadyExists(path: String)
    /// There is no registry header at the path.
    case notARegistry(path: String)
    /// The registrar key given is not the one the registry's header names.
    case wrongRegistrarKey(path: String, expectedKeyID: String, foundKeyID: String)
    /// A statement was refused; `source` names it (a file, or its position).
    case statementRefused(source: String, error: FieldError)
    /// The registry does not verify, so nothing may be added to it (or
    /// repaired in it): what an append or a repair found.
    case registryInvalid(VerificationFailure)
    /// The registry does not verify: the verdict of `RegistryVerifier.verify`
    /// and of everything that reads a registry only once it verifies
    /// (`Registry.header()`, `Registry.declaration()`, `SignatoryExport`).
    case verificationFailed(VerificationFailure)
    /// A file could not be read or written.
    case storage(StorageError)
    /// A key file could not be read or written.
    case keyFile(KeyFileError)
    /// A key operation failed.
    case crypto(CryptoError)
    /// Signing the checkpoint at `path` failed; nothing was recorded.
    case checkpointSigning(path: String, TransparencyError)
    /// The declaration the registry is to record is not acceptable, or a
    /// value given for the registry (its origin) is not.
    case invalidField(FieldError)
    /// The declaration's files are not a valid declaration.
    case declaration(DeclarationError)
    /// A file the caller supplied as a saved checkpoint (`--checkpoint`,
    /// `--since`) is not a signed checkpoint at all (not text, not a signed
    /// note, a private key): a wrong file, about which nothing of the
    /// registry was decided. (A checkpoint whose signature or origin does
    /// not match the registry is a verdict, `.verificationFailed`.)
    case notACheckpoint(path: String, line: Int?, reason: String)
    /// A publish refused to write to its site, whose files are not what
    /// this registry would publish there (another registry's, another
    /// history's, or altered); nothing was published.
    case siteRefused(PublishFailure)
    /// A proof was asked for an entry the registrar's checkpoint of the
    /// registry `registry` does not cover: a number past its size, or a key
    /// that signed none of its entries.
    case noSuchEntry(registry: String, reason: String)
    /// The witness policy file at `path` (given with `--policy`, to `init` or
    /// `witness policy`, or the registry's own `witnesses.policy`) is not a
    /// valid c2sp.org/tlog-policy file.
    case invalidPolicy(path: String, PolicyError)
    /// A witness policy refused the registrar's checkpoint (its log is not
    /// the policy's, or it lacks the quorum of cosignatures); nothing was
    /// trusted, written or changed.
    case checkpointRefused(CheckpointRefusal)
    /// The witness policy at `path` is valid but cannot serve this
    /// registry (`Registry.checkWitnessPolicy`); `reason` says why and what to do.
    case witnessPolicyRefused(path: String, reason: String)
    /// The registry's checkpoint lacks the cosignatures its witness
    /// policy's quorum needs, so it was not published; its entries stay
    /// recorded, and a later publish or `witness retry` completes it.
    case quorumNotMet(QuorumShortfall)

    public var description: String {
        switch self {
        case .alreadyExists(let path):
            return "\(path) already exists; refusing to overwrite a registry. Choose another --registry directory"
        case .notARegistry(let path):
            // The one wording for a missing registry, whoever finds it: an
            // auditor is told what to pass, and `init` only as what a
            // registrar runs, never as a fix for them.
            return "\(path): no registry here (no \(RegistryLayout.Name.header)); pass the registry's directory with --registry DIR or the DECLARATION_REGISTRY environment variable (a registrar creates a new registry with `declaration init`)"
        case .wrongRegistrarKey(let path, let expected, let found):
            return "\(path): this key (key id \(found)) is not the registrar key of this registry (key id \(expected))"
        case .statementRefused(let source, let error):
            return "\(source): refused, nothing was recorded: \(error)"
        case .registryInvalid(let failure):
            return "the registry does not verify, so nothing was appended: \(failure)"
        case .verificationFailed(let failure):
            return failure.description
        case .storage(let error):
            return error.description
        case .keyFile(let error):
            return error.description
        case .crypto(let error):
            return error.description
        case .checkpointSigning(let path, let error):
            return "\(path): signing the checkpoint failed, nothing was recorded: \(error)"
        case .invalidField(let error):
            return error.description
        case .declaration(let error):
            return error.description
        case .notACheckpoint(let path, let line, let reason):
            let place = path + (line.map { ":\($0)" } ?? "")
            return "\(place): not a signed checkpoint: \(reason); pass a checkpoint saved with `declaration verify --save-checkpoint`"
        case .siteRefused(let failure):
            return failure.description
        case .noSuchEntry(let registry, let reason):
            return "registry \(registry): \(reason)"
        case .invalidPolicy(let path, let error):
            return "\(path): not a valid witness policy: \(error); see docs/WITNESSES.md for the format (c2sp.org/tlog-policy)"
        case .checkpointRefused(let refusal):
            return refusal.description
        case .witnessPolicyRefused(let path, let reason):
            return "\(path): the witness policy cannot serve this registry: \(reason)"
        case .quorumNotMet(let shortfall):
            return shortfall.description
        }
    }
}
