/// A signatory whose signature is in force.
public struct ActiveSignatory: Sendable, Hashable {
    /// Who signed.
    public var signatory: Signatory
    /// The language of the text they read and signed.
    public var language: Language
    /// When they signed.
    public var signedAt: String
    /// When the registry recorded it.
    public var appendedAt: String
    /// The ledger entry of the signature.
    public var sequence: Int64
    /// Their key.
    public var publicKey: Ed25519PublicKey
}

/// Answers the two questions the registry's rules ask about the
/// signatories in force: in memory while verifying, from the on-disk index
/// while appending.
protocol ActiveSignatoryLookup {
    /// The entry of the active signature made with `key`, if any.
    func activeSequence(forKey key: Ed25519PublicKey) -> Int64?
    /// The entry of the active signatory with this identity, if any.
    func activeSequence(forIdentity identity: SignatoryIdentity) -> Int64?
}

/// The registry's rules on who may sign and withdraw. The same function
/// enforces them on append and checks them on verify, so the two can never
/// disagree.
enum SignatoryRules {
    /// Checks that `statement` may be recorded next, given who is active.
    static func check(_ statement: Statement, against lookup: some ActiveSignatoryLookup) throws(FieldError) {
        switch statement.content {
        case .signature(_, let signatory):
            if let sequence = lookup.activeSequence(forKey: statement.publicKey) {
                throw FieldError(field: "public_key", problem: .keyAlreadyActive(sequence: sequence))
            }
            if let sequence = lookup.activeSequence(forIdentity: signatory.identity) {
                throw FieldError(field: "signatory.name", problem: .duplicateSignatory(sequence: sequence))
            }
        case .withdrawal:
            if lookup.activeSequence(forKey: statement.publicKey) == nil {
                throw FieldError(field: "public_key", problem: .noActiveSignature)
            }
        }
    }
}

/// The signatories in force, entry by entry, in memory.
///
/// Its memory grows with the number of active signatories, not with the
/// length of the ledger.
public struct SignatoryRoll: Sendable, ActiveSignatoryLookup {
    /// The active signatories, by key.
    public private(set) var active: [Ed25519PublicKey: ActiveSignatory] = [:]
    private var identities: [SignatoryIdentity: Ed25519PublicKey] = [:]

    /// An empty roll: nobody has signed yet.
    public init() {}

    func activeSequence(forKey key: Ed25519PublicKey) -> Int64? {
        active[key]?.sequence
    }

    func activeSequence(forIdentity identity: SignatoryIdentity) -> Int64? {
        identities[identity].flatMap { active[$0]?.sequence }
    }

    /// Checks that `statement` may be recorded next, without recording it.
    public func check(_ statement: Statement) throws(FieldError) {
        try SignatoryRules.check(statement, against: self)
    }

    /// Checks `statement` and records it as entry `sequence`.
    public mutating func apply(_ statement: Statement, sequence: Int64, appendedAt: String) throws(FieldError) {
        try check(statement)
        switch statement.content {
        case .signature(let language, let signatory):
            active[statement.publicKey] = ActiveSignatory(
                signatory: signatory, language: language, signedAt: statement.signedAt,
                appendedAt: appendedAt, sequence: sequence, publicKey: statement.publicKey)
            identities[signatory.identity] = statement.publicKey
        case .withdrawal:
            if let removed = active.removeValue(forKey: statement.publicKey) {
                identities.removeValue(forKey: removed.signatory.identity)
            }
        }
    }

    /// The active signatories in ledger order.
    public var signatories: [ActiveSignatory] {
        active.values.sorted { $0.sequence < $1.sequence }
    }
}
