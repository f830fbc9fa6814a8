import CryptoPrimitives

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

/// 32 bytes held inline (a key, a digest), so that a dictionary of them
/// makes no heap allocation per entry.
package struct Bytes32: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The first 32 bytes of `bytes` (zeros where it is shorter), packed
    /// big-endian into four words; nothing is allocated, since the roll
    /// makes several of these per entry.
    init(_ bytes: [UInt8]) {
        func word(_ start: Int) -> UInt64 {
            var word: UInt64 = 0
            for index in start..<(start + 8) {
                word = word << 8 | UInt64(index < bytes.count ? bytes[index] : 0)
            }
            return word
        }
        self.words = (word(0), word(8), word(16), word(24))
    }

    package static func == (lhs: Bytes32, rhs: Bytes32) -> Bool {
        lhs.words == rhs.words
    }

    /// Hashes the first eight bytes only: the roll's keys are public keys
    /// and SHA-256 digests, whose bytes are already spread evenly, and
    /// `Hasher` is seeded afresh in every process, so nobody can aim keys at
    /// one bucket. Equality still compares all 32 bytes.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
    }
}

/// The signatories in force, entry by entry, in memory.
///
/// What the rules need (each active key, its identity and kind, and every
/// key's latest statement) is kept in about a hundred and fifty bytes per
/// key, so a verifier's memory grows with the number of signatories, slowly,
/// and not with the ledger's size. The
/// details a list needs (names, titles, dates) are kept only when asked for.
public struct SignatoryRoll: Sendable, ActiveSignatoryLookup {
    /// What the rules know of one active signature.
    package struct Record: Sendable {
        package var sequence: Int64
        package var identity: Bytes32
        package var kind: SignatoryKind
    }

    /// What the roll knows of one key: its latest statement, and its
    /// signature if one is in force.
    package struct KeyState: Sendable {
        package var latest: SignedMoment
        package var active: Record?
    }

    /// Every key ever seen, active or not. One table for both questions
    /// asked of a key keeps the look-ups per entry, and the memory per key,
    /// down.
    package private(set) var keys: [Bytes32: KeyState] = [:]
    private var byIdentity: [Bytes32: Int64] = [:]
    /// How many keys have a signature in force.
    private var activeCount = 0
    /// Whether `active` holds every active signatory's details.
    public let keepsDetails: Bool
    /// The active signatories with their details, by key; empty unless the
    /// roll keeps details. Kept by `Bytes32` rather than by public key:
    /// hashing four words costs less than hashing an array of 32 bytes, for
    /// every entry.
    private var details: [Bytes32: ActiveSignatory] = [:]

    /// The active signatories with their details, by key; empty unless the
    /// roll keeps details.
    public var active: [Ed25519PublicKey: ActiveSignatory] {
        Dictionary(uniqueKeysWithValues: details.values.map { ($0.publicKey, $0) })
    }

    /// An empty roll: nobody has signed yet. Without `keepingDetails`, the
    /// roll applies the rules and counts signatories, but cannot list them.
    public init(keepingDetails: Bool = true) {
        self.keepsDetails = keepingDetails
    }

    // The questions the rules ask (`ActiveSignatoryLookup`), keys and
    // identities named by four words held inline, so that a replay allocates nothing.

    /// The name of `publicKey` here.
    package func key(_ publicKey: Ed25519PublicKey) -> Bytes32 {
        Bytes32(publicKey.rawRepresentation)
    }

    /// The name of the identity with digest `digest` here.
    package func identity(_ digest: SHA256Digest) -> Bytes32 {
        Bytes32(digest.bytes)
    }

    /// The signature in force and the latest statement recorded for `key`.
    package func standing(ofKey key: Bytes32) -> KeyStanding {
        guard let state = keys[key] else { return KeyStanding(activeSequence: nil, latest: nil) }
        return KeyStanding(activeSequence: state.active?.sequence, latest: state.latest)
    }

    /// The entry of the signature in force of the signatory `identity`.
    package func activeSequence(forIdentity identity: Bytes32) -> Int64? {
        byIdentity[identity]
    }

    /// Checks that `statement` may be recorded next, without recording it.
    public func check(_ statement: Statement) throws(FieldError) {
        try SignatoryRules.check(statement, against: self)
    }

    /// Checks `statement` and records it as entry `sequence`.
    public mutating func apply(_ statement: Statement, sequence: Int64, appendedAt: String) throws(FieldError) {
        try apply(statement, identity: nil, sequence: sequence, appendedAt: appendedAt)
    }

    /// Checks `statement` and records it as entry `sequence`, given the
    /// digest of its signatory's identity if already worked out.
    package mutating func apply(_ statement: Statement, identity: SHA256Digest?, sequence: Int64,
                                appendedAt: String) throws(FieldError) {
        let key = Bytes32(statement.publicKey.rawRepresentation)
        let moment = SignedMoment(statement, sequence: sequence)
        switch statement.content {
        case .signature(let language, let signatory):
            let identity = Bytes32((identity ?? signatory.identity.digest).bytes)
            try SignatoryRules.check(key: key, signing: identity, signedAt: moment.time, in: self)
            record(key, moment: moment, signature: Record(sequence: sequence, identity: identity, kind: signatory.kind))
            if keepsDetails {
                details[key] = ActiveSignatory(
                    signatory: signatory, language: language, signedAt: statement.signedAt,
                    appendedAt: appendedAt, sequence: sequence, publicKey: statement.publicKey)
            }
        case .withdrawal:
            try SignatoryRules.check(key: key, signing: nil, signedAt: moment.time, in: self)
            record(key, moment: moment, signature: nil)
            details.removeValue(forKey: key)
        }
    }

    /// Records a statement the rules allowed: a signature (`signature`, the
    /// key then having none in force) or a withdrawal (nil, the key then
    /// having one).
    private mutating func record(_ key: Bytes32, moment: SignedMoment, signature: Record?) {
        if let signature {
            keys[key] = KeyState(latest: moment, active: signature)
            byIdentity[signature.identity] = signature.sequence
            activeCount += 1
        } else if let removed = keys.updateValue(KeyState(latest: moment, active: nil), forKey: key)?.active {
            byIdentity.removeValue(forKey: removed.identity)
            activeCount -= 1
        }
    }

    /// Makes room for `count` keys, when about that many are coming.
    package mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        byIdentity.reserveCapacity(count)
        if keepsDetails { details.reserveCapacity(count) }
    }

    /// Records an entry verified in full before, from its key, its
    /// signatory's kind and identity (nil for a withdrawal) and the digits
    /// of its `signed_at`, if the rules allow it; false, and nothing
    /// changed, if they do not. The caller then checks the entry in full to
    /// learn which rule failed.
    package mutating func replay(key: Bytes32, signatory: (kind: SignatoryKind, identity: Bytes32)?, signedAt: UInt64,
                                 sequence: Int64) -> Bool {
        guard SignatoryRules.violation(key: key, signing: signatory?.identity, signedAt: signedAt, in: self) == nil else {
            return false
        }
        record(key, moment: SignedMoment(time: signedAt, sequence: sequence),
               signature: signatory.map { Record(sequence: sequence, identity: $0.identity, kind: $0.kind) })
        return true
    }

    /// How many signatories are active.
    public var count: Int { activeCount }

    /// How many active signatories are of `kind`.
    public func count(of kind: SignatoryKind) -> Int {
        keys.values.reduce(0) { $0 + ($1.active?.kind == kind ? 1 : 0) }
    }

    /// The active signatories with their details, in ledger order (empty
    /// unless the roll keeps details).
    public var signatories: [ActiveSignatory] {
        details.values.sorted { $0.sequence < $1.sequence }
    }
}

extension Bytes32 {
    /// The 32 bytes, in order.
    package var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) {
                output.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return output
    }
}
