import CryptoPrimitives

/// Answers the questions the registry's rules ask about the signatories in
/// force: in memory while verifying (`SignatoryRoll`), from the on-disk
/// index while appending (`IndexedRoll`).
///
/// Each lookup names keys and identities in its own way (inline words in
/// memory, the index's bytes on disk), so that replaying an entry asks the
/// rules without building a public key or a digest for it.
package protocol ActiveSignatoryLookup {
    /// How the lookup names a signatory's key.
    associatedtype Key
    /// How the lookup names a signatory's identity (the digest
    /// `SignatoryIdentity.digest`).
    associatedtype Identity

    /// The lookup's name for `publicKey`.
    func key(_ publicKey: Ed25519PublicKey) -> Key
    /// The lookup's name for the identity whose digest is `digest`.
    func identity(_ digest: SHA256Digest) -> Identity
    /// What is recorded for `key`: one question, so that a lookup keeping
    /// both answers together finds them with one look-up.
    func standing(ofKey key: Key) -> KeyStanding
    /// The entry of the active signatory with this identity, if any.
    func activeSequence(forIdentity identity: Identity) -> Int64?
}

/// What the rules need to know of one key.
package struct KeyStanding: Sendable, Equatable {
    /// The entry of the key's signature in force, if any.
    package var activeSequence: Int64?
    /// When the latest statement recorded for the key (signature or
    /// withdrawal, active or not) was signed, and its entry.
    package var latest: SignedMoment?

    /// The standing of a key with this signature in force (if any) and this
    /// latest statement (if any).
    package init(activeSequence: Int64?, latest: SignedMoment?) {
        self.activeSequence = activeSequence
        self.latest = latest
    }
}

/// When a key's statement was signed, as a number that orders like time
/// (the digits of its RFC 3339 form: 20161209100000), and the entry that
/// recorded it.
package struct SignedMoment: Sendable, Equatable {
    /// The digits of the signing time, as one number.
    package var time: UInt64
    /// The entry that recorded the statement.
    package var sequence: Int64

    /// The moment of `statement`, recorded as entry `sequence`.
    package init(_ statement: Statement, sequence: Int64) {
        self.init(signedAt: statement.signedAt, sequence: sequence)
    }

    /// Digits of a timestamp already checked to be in the registry's form.
    package init(signedAt: String, sequence: Int64) {
        var time: UInt64 = 0
        for byte in signedAt.utf8 where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            time = time &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
        }
        self.time = time
        self.sequence = sequence
    }

    /// A moment from the digits of its time, as the index stores it.
    package init(time: UInt64, sequence: Int64) {
        self.time = time
        self.sequence = sequence
    }
}

/// The statement's members a broken rule is reported on.
private typealias Key = LedgerLineCodec.Key

/// The registry's rules on who may sign and withdraw, stated once in
/// `violation(key:signing:signedAt:in:)`. Appending (against the index),
/// verifying (against the roll) and replaying entries verified before (the
/// roll again, from a line's few fields) all ask it, so they can never
/// disagree.
package enum SignatoryRules {
    /// A rule a statement breaks.
    package enum Violation: Sendable, Equatable {
        /// A signature made with a key whose signature, recorded as entry
        /// `sequence`, is in force.
        case keyAlreadyActive(sequence: Int64)
        /// A signature by a signatory already active under another key.
        case duplicateSignatory(sequence: Int64)
        /// A withdrawal made with a key that has no signature in force.
        case noActiveSignature
        /// A statement signed before the key's latest one, entry `sequence`.
        case replayed(sequence: Int64)

        /// The error a registrar or verifier reports for the violation, on
        /// the statement's field at fault.
        package var fieldError: FieldError {
            switch self {
            case .keyAlreadyActive(let sequence):
                return FieldError(field: Key.publicKey.text, problem: .keyAlreadyActive(sequence: sequence))
            case .duplicateSignatory(let sequence):
                return FieldError(field: Key.signatory.text + "." + Key.name.text, problem: .duplicateSignatory(sequence: sequence))
            case .noActiveSignature:
                return FieldError(field: Key.publicKey.text, problem: .noActiveSignature)
            case .replayed(let sequence):
                return FieldError(field: Key.signedAt.text, problem: .replayed(sequence: sequence))
            }
        }
    }

    /// The rules: the first one broken by a statement made with `key`,
    /// signed at `signedAt` (the digits of its time), given who is active
    /// in `lookup`; nil when it may be recorded next. `identity` is the
    /// signatory's identity for a signature, nil for a withdrawal.
    ///
    /// A key signs only when it has no signature in force, and a signatory
    /// (kind, name, jurisdiction) is active under one key at most; a key
    /// withdraws only a signature in force.
    @inline(__always)
    package static func violation<Lookup: ActiveSignatoryLookup>(
        key: Lookup.Key, signing identity: Lookup.Identity?, signedAt: UInt64, in lookup: Lookup
    ) -> Violation? {
        let standing = lookup.standing(ofKey: key)
        if let identity {
            if let sequence = standing.activeSequence { return .keyAlreadyActive(sequence: sequence) }
            if let sequence = lookup.activeSequence(forIdentity: identity) { return .duplicateSignatory(sequence: sequence) }
        } else if standing.activeSequence == nil {
            return .noActiveSignature
        }
        // A key's statements never go back in time: that stops an old
        // statement (a withdrawn signature, an earlier withdrawal) from being
        // replayed. Times have whole seconds, so a statement signed in the
        // same second as the key's latest passes: a signatory may withdraw
        // and sign again within a second. Checked after the rules above,
        // whose messages say more when they apply.
        if let latest = standing.latest, signedAt < latest.time {
            return .replayed(sequence: latest.sequence)
        }
        return nil
    }

    /// Checks that a statement made with `key` may be recorded next (see
    /// `violation(key:signing:signedAt:in:)`), throwing the violation's
    /// `FieldError`.
    package static func check<Lookup: ActiveSignatoryLookup>(
        key: Lookup.Key, signing identity: Lookup.Identity?, signedAt: UInt64, in lookup: Lookup
    ) throws(FieldError) {
        if let violation = violation(key: key, signing: identity, signedAt: signedAt, in: lookup) {
            throw violation.fieldError
        }
    }

    /// Checks that `statement` may be recorded next, given who is active.
    /// `identity` is the digest of the signatory's identity when the caller
    /// has it already (a verifier works it out on another core).
    package static func check(_ statement: Statement, identity: SHA256Digest? = nil,
                              against lookup: some ActiveSignatoryLookup) throws(FieldError) {
        try check(key: lookup.key(statement.publicKey),
                  signing: statement.signatory.map { lookup.identity(identity ?? $0.identity.digest) },
                  signedAt: SignedMoment(statement, sequence: 0).time, in: lookup)
    }
}
