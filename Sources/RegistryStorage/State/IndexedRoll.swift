import CryptoPrimitives
import RegistryFormat

/// The registry's rules checked against the on-disk index plus the
/// statements of the batch being appended.
package struct IndexedRoll: ActiveSignatoryLookup {
    private var byKey: [[UInt8]: IndexRecord?] = [:]
    private var byIdentity: [[UInt8]: IndexRecord?] = [:]
    /// The index changes the batch makes, in order.
    package private(set) var changes: [(record: IndexRecord, added: Bool)] = []

    /// Reads from the index every record the batch's statements can touch,
    /// so the checks themselves need no I/O.
    package init(index: SignatoryIndex, statements: [Statement]) {
        for statement in statements {
            let key = statement.publicKey.rawRepresentation
            if byKey[key] == nil {
                let record = index.record(forKey: key)
                byKey[key] = .some(record)
                if let record, record.isActive, byIdentity[record.identity] == nil { byIdentity[record.identity] = .some(record) }
            }
            if let identity = statement.signatory?.identity.digest.bytes, byIdentity[identity] == nil {
                byIdentity[identity] = .some(index.record(forIdentity: identity))
            }
        }
    }

    // The questions the rules ask (`ActiveSignatoryLookup`), keys and
    // identities named by their bytes, as the index stores them.

    /// The name of `publicKey` here.
    package func key(_ publicKey: Ed25519PublicKey) -> [UInt8] {
        publicKey.rawRepresentation
    }

    /// The name of the identity with digest `digest` here.
    package func identity(_ digest: SHA256Digest) -> [UInt8] {
        digest.bytes
    }

    /// The signature in force and the latest statement recorded for `key`.
    package func standing(ofKey key: [UInt8]) -> KeyStanding {
        guard let record = byKey[key] ?? nil else { return KeyStanding(activeSequence: nil, latest: nil) }
        return KeyStanding(activeSequence: record.isActive ? record.sequence : nil, latest: record.latest)
    }

    /// The entry of the signature in force of the signatory `identity`.
    package func activeSequence(forIdentity identity: [UInt8]) -> Int64? {
        (byIdentity[identity] ?? nil)?.sequence
    }

    /// Checks `statement` and records it as entry `sequence`.
    package mutating func apply(_ statement: Statement, sequence: Int64) throws(FieldError) {
        let key = statement.publicKey.rawRepresentation
        let moment = SignedMoment(statement, sequence: sequence)
        switch statement.content {
        case .signature(_, let signatory):
            let identity = signatory.identity.digest.bytes
            try SignatoryRules.check(key: key, signing: identity, signedAt: moment.time, in: self)
            let record = IndexRecord(key: key, identity: identity, sequence: sequence, latest: moment, isActive: true)
            byKey[key] = .some(record)
            byIdentity[record.identity] = .some(record)
            changes.append((record, true))
        case .withdrawal:
            try SignatoryRules.check(key: key, signing: nil, signedAt: moment.time, in: self)
            guard var record = byKey[key] ?? nil else { return }
            record.isActive = false
            record.latest = moment
            byKey[key] = .some(record)
            byIdentity[record.identity] = .some(nil)
            changes.append((record, false))
        }
    }
}
