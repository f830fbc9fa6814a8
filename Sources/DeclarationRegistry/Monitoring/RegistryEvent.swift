import CryptoPrimitives
import RegistryFormat

/// One new entry of a registry as a monitor reports it: who signed or
/// withdrew, and whether it touches anything watched.
public struct RegistryEvent: Sendable, Hashable {
    /// Whether the entry is a signature or a withdrawal.
    public enum Action: String, Sendable, Hashable {
        case signed
        case withdrew
    }

    /// The entry's sequence number (1 for the first line of the ledger).
    public let sequence: Int64
    /// When the registrar appended it.
    public let appendedAt: String
    /// When the signatory signed the statement.
    public let signedAt: String
    /// Signature or withdrawal.
    public let action: Action
    /// The signatory's key id.
    public let keyID: String
    /// The signatory: from the statement for a signature, from its last
    /// signature for a withdrawal (nil only if the registry held none,
    /// which a verified registry never does).
    public let signatory: Signatory?
    /// The language of a signature.
    public let language: Language?
    /// Watched values the entry's key id matched.
    public let keyMatches: [WatchList.Match]
    /// Watched values a signature's name or jurisdiction matched. A
    /// withdrawal claims nothing: it can only be made with the key that
    /// signed, so it is never anyone signing in another's name; it is
    /// listed with its signatory all the same.
    public let claims: [WatchList.Match]

    /// Whether the entry should wake someone up: it claims a watched name
    /// or jurisdiction with a key that is not watched. That is what an
    /// impersonation looks like; an entry by a watched key is the watcher's
    /// own (or its key is in someone else's hands, which `keyMatches` shows).
    public var isAlert: Bool { !claims.isEmpty && keyMatches.isEmpty }

    /// The events of `entries` (in ledger order) against `watches`.
    /// `signatoryOf` gives the signatory in force for a key before the
    /// entries, for withdrawals of keys that signed earlier.
    public static func events(
        of entries: [Entry], watching watches: WatchList,
        signatoryOf: (Ed25519PublicKey) -> Signatory?
    ) -> [RegistryEvent] {
        var latest: [Ed25519PublicKey: Signatory] = [:]
        return entries.map { entry in
            let statement = entry.statement
            let key = statement.publicKey
            let signatory: Signatory?
            let action: Action
            var language: Language?
            switch statement.content {
            case .signature(let signedLanguage, let signed):
                signatory = signed
                latest[key] = signed
                action = .signed
                language = signedLanguage
            case .withdrawal:
                signatory = latest[key] ?? signatoryOf(key)
                latest[key] = nil
                action = .withdrew
            }
            return RegistryEvent(
                sequence: entry.sequence, appendedAt: entry.appendedAt, signedAt: statement.signedAt,
                action: action, keyID: key.keyID, signatory: signatory, language: language,
                keyMatches: watches.keyMatches(key.keyID),
                claims: action == .signed ? signatory.map(watches.claims(of:)) ?? [] : [])
        }
    }
}
