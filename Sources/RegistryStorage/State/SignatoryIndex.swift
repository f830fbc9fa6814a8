import CryptoPrimitives
import RegistryFormat

/// One key as the index stores it: 89 bytes, the key, the digest of its
/// identity, the entry of its signature, when its latest statement was
/// signed and in which entry, and whether its signature is in force.
package struct IndexRecord: Equatable {
    static let size = 89

    package var key: [UInt8]
    var identity: [UInt8]
    var sequence: Int64
    var latest: SignedMoment
    var isActive: Bool

    var bytes: [UInt8] {
        var output = key + identity
        for value in [UInt64(bitPattern: sequence), latest.time, UInt64(bitPattern: latest.sequence)] {
            for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        output.append(isActive ? 1 : 0)
        return output
    }

    init(key: [UInt8], identity: [UInt8], sequence: Int64, latest: SignedMoment, isActive: Bool) {
        self.key = key
        self.identity = identity
        self.sequence = sequence
        self.latest = latest
        self.isActive = isActive
    }

    package init(_ bytes: ArraySlice<UInt8>) {
        let start = bytes.startIndex
        key = Array(bytes[start..<start + 32])
        identity = Array(bytes[start + 32..<start + 64])
        func number(at offset: Int) -> UInt64 {
            bytes[start + offset..<start + offset + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
        sequence = Int64(bitPattern: number(at: 64))
        latest = SignedMoment(time: number(at: 72), sequence: Int64(bitPattern: number(at: 80)))
        isActive = bytes[start + 88] == 1
    }
}

/// What the tip records of the index's three files: their lengths and
/// SHA-256 digests, so that a file changed in any way (a flipped byte, a
/// truncation, a file written by someone else) is found before it is
/// trusted.
package struct IndexFiles: Sendable, Equatable {
    /// Records in the sorted file by key (every key seen).
    package var keyCount: Int
    /// SHA-256 of the sorted file by key.
    package var keyDigest: SHA256Digest
    /// Records in the sorted file by identity (active signatories).
    package var identityCount: Int
    /// SHA-256 of the sorted file by identity.
    package var identityDigest: SHA256Digest
    /// Bytes of the change log.
    package var changesLength: Int
    /// SHA-256 of the change log.
    package var changesDigest: SHA256Digest
}

/// The index of keys and active signatories that lets an append check the
/// registry's rules without re-reading the ledger.
///
/// Two sorted files hold the state at the last merge: every key ever seen,
/// ordered by key, and the signatories in force, ordered by identity
/// digest. A change log holds every signature and withdrawal since the
/// merge; when it grows past a threshold it is merged into new sorted
/// files. All three are read whole when the state is loaded, since their
/// digests must be checked anyway (`RegistryState.load`), and searched in
/// memory by bisection: nothing changed on disk after that check can reach
/// the rules. Every part is derived from the ledger, and `RegistryState`
/// rebuilds it whenever it does not match.
package struct SignatoryIndex {
    let changesPath: String

    private let byKey: [UInt8]
    private let byIdentity: [UInt8]
    private var changeLog: [UInt8]
    /// Overrides from the change log: the latest record for a key or an
    /// identity, or nil where it was withdrawn.
    private var keyChanges: [[UInt8]: IndexRecord?] = [:]
    private var identityChanges: [[UInt8]: IndexRecord?] = [:]
    /// Records in the change log.
    package private(set) var changeCount = 0

    /// Change-log records past which the next append merges.
    package static let mergeThreshold = 4_096

    /// The size of a change-log record: `+` or `-`, then a record.
    static let changeSize = IndexRecord.size + 1

    /// The index whose files hold `byKey`, `byIdentity` and `changes`,
    /// already checked against the tip; nil when their lengths are not
    /// whole records or a change is neither `+` nor `-`.
    init?(_ layout: RegistryLayout, byKey: [UInt8], byIdentity: [UInt8], changes: [UInt8]) {
        guard byKey.count % IndexRecord.size == 0, byIdentity.count % IndexRecord.size == 0,
              changes.count % Self.changeSize == 0
        else { return nil }
        changesPath = layout.signatoryChanges
        self.byKey = byKey
        self.byIdentity = byIdentity
        self.changeLog = changes
        var offset = 0
        while offset < changes.count {
            let mark = changes[offset]
            guard mark == UInt8(ascii: "+") || mark == UInt8(ascii: "-") else { return nil }
            apply(IndexRecord(changes[offset + 1..<offset + Self.changeSize]), added: mark == UInt8(ascii: "+"))
            offset += Self.changeSize
        }
        changeCount = changes.count / Self.changeSize
    }

    private mutating func apply(_ record: IndexRecord, added: Bool) {
        // Keys stay in the index after a withdrawal, marked inactive, so
        // their latest statement is still known; identities do not.
        keyChanges[record.key] = .some(record)
        identityChanges[record.identity] = added ? .some(record) : .some(nil)
    }

    /// The record for `key`, active or not.
    func record(forKey key: [UInt8]) -> IndexRecord? {
        if let change = keyChanges[key] { return change }
        return Self.search(byKey, for: key, at: 0)
    }

    /// The active record for an identity digest.
    func record(forIdentity identity: [UInt8]) -> IndexRecord? {
        if let change = identityChanges[identity] { return change }
        return Self.search(byIdentity, for: identity, at: 32)
    }

    /// Bisects sorted records for the one whose 32 bytes at `field` equal `target`.
    private static func search(_ records: [UInt8], for target: [UInt8], at field: Int) -> IndexRecord? {
        var low = 0
        var high = records.count / IndexRecord.size
        while low < high {
            let middle = (low + high) / 2
            let start = middle * IndexRecord.size
            let candidate = records[start + field..<start + field + 32]
            if candidate.elementsEqual(target) {
                return IndexRecord(records[start..<start + IndexRecord.size])
            }
            if candidate.lexicographicallyPrecedes(target) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return nil
    }

    /// Appends changes to the log and syncs it; returns what the tip must
    /// now record of the files (`files` with the log's new length and
    /// digest).
    package mutating func log(_ changes: [(record: IndexRecord, added: Bool)], files: IndexFiles) throws(StorageError) -> IndexFiles {
        var bytes: [UInt8] = []
        for change in changes {
            bytes.append(change.added ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            bytes += change.record.bytes
            apply(change.record, added: change.added)
        }
        if !FileSystem.exists(changesPath) { try FileSystem.createNew(changesPath, bytes: []) }
        try LedgerFile.truncate(changesPath, to: files.changesLength)
        try LedgerFile.append(bytes, to: changesPath, expectedLength: files.changesLength)
        changeLog += bytes
        changeCount += changes.count
        var updated = files
        updated.changesLength = changeLog.count
        updated.changesDigest = SHA256.hash(changeLog)
        return updated
    }

    /// Writes the sorted files for `records` (every key ever seen) and
    /// empties the change log; returns what the tip must record of them.
    package static func writeBase(_ records: [IndexRecord], in layout: RegistryLayout) throws(StorageError) -> IndexFiles {
        let byKey = records.sorted { $0.key.lexicographicallyPrecedes($1.key) }.flatMap(\.bytes)
        try FileSystem.replaceAtomically(layout.signatoriesByKey, bytes: byKey)
        let byIdentity = records.filter(\.isActive).sorted { $0.identity.lexicographicallyPrecedes($1.identity) }
            .flatMap(\.bytes)
        try FileSystem.replaceAtomically(layout.signatoriesByIdentity, bytes: byIdentity)
        try FileSystem.replaceAtomically(layout.signatoryChanges, bytes: [])
        return IndexFiles(keyCount: byKey.count / IndexRecord.size, keyDigest: SHA256.hash(byKey),
                          identityCount: byIdentity.count / IndexRecord.size, identityDigest: SHA256.hash(byIdentity),
                          changesLength: 0, changesDigest: SHA256.hash([UInt8]()))
    }

    /// Every record, active or not: the sorted file with the change log applied.
    package func allRecords() -> [IndexRecord] {
        var records: [[UInt8]: IndexRecord] = [:]
        var offset = 0
        while offset + IndexRecord.size <= byKey.count {
            let record = IndexRecord(byKey[offset..<offset + IndexRecord.size])
            records[record.key] = record
            offset += IndexRecord.size
        }
        for (key, change) in keyChanges {
            if let change { records[key] = change }
        }
        return Array(records.values)
    }
}
