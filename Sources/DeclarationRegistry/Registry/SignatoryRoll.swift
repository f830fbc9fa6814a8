import Foundation

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

/// The registry's rules on who may sign and withdraw, applied entry by
/// entry. The same code enforces them on append and checks them on verify,
/// so the two can never disagree.
///
/// Its memory grows with the number of signatories (every key ever seen),
/// not with the length of the ledger.
public struct SignatoryRoll: Sendable {
    /// The active signatories, by key.
    public private(set) var active: [Ed25519PublicKey: ActiveSignatory] = [:]
    private var identities: [SignatoryIdentity: Ed25519PublicKey] = [:]
    /// For every key, when its latest recorded statement was signed and in
    /// which entry: a key's statements must never go back in time, which
    /// stops an old statement (a withdrawn signature, an earlier
    /// withdrawal) from being replayed. Times have whole seconds, so a
    /// statement signed in the same second as the key's latest passes: a
    /// signatory may withdraw and sign again within a second.
    private var latest: [Ed25519PublicKey: (signedAt: Date, sequence: Int64)] = [:]

    /// An empty roll: nobody has signed yet.
    public init() {}

    /// Checks that `statement` may be recorded as entry `sequence` given
    /// everything before it, without recording it.
    public func check(_ statement: Statement) throws(FieldError) {
        switch statement.content {
        case .signature(_, let signatory):
            if let existing = active[statement.publicKey] {
                throw FieldError(field: "public_key", problem: .keyAlreadyActive(sequence: existing.sequence))
            }
            if let other = identities[signatory.identity], let existing = active[other] {
                throw FieldError(field: "signatory.name", problem: .duplicateSignatory(sequence: existing.sequence))
            }
        case .withdrawal:
            if active[statement.publicKey] == nil {
                throw FieldError(field: "public_key", problem: .noActiveSignature)
            }
        }
        // Checked after the rules above, whose messages say more when they
        // apply (the same signature twice: the key is already active).
        if let latest = latest[statement.publicKey] {
            let signedAt = try Self.date(of: statement)
            if signedAt < latest.signedAt {
                throw FieldError(field: "signed_at", problem: .replayed(sequence: latest.sequence))
            }
        }
    }

    /// Checks `statement` and records it as entry `sequence`.
    public mutating func apply(_ statement: Statement, sequence: Int64, appendedAt: String) throws(FieldError) {
        try check(statement)
        latest[statement.publicKey] = (try Self.date(of: statement), sequence)
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

    private static func date(of statement: Statement) throws(FieldError) -> Date {
        do {
            return try RFC3339.date(from: statement.signedAt)
        } catch {
            throw FieldError(field: "signed_at", problem: .malformed(expected: "an RFC 3339 UTC time", found: statement.signedAt))
        }
    }

    /// The active signatories in ledger order.
    public var signatories: [ActiveSignatory] {
        active.values.sorted { $0.sequence < $1.sequence }
    }
}
