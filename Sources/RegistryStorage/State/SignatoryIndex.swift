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

/// The on-disk index of keys and active signatories that lets an append
/// check the registry's rules without re-reading the ledger.
///
/// Two sorted files hold the state at the last merge: every key ever seen,
/// ordered by key, and the signatories in force, ordered by identity
/// digest; both are searched by bisection without loading them. A change log holds every signature and withdrawal since
/// the merge; it is small and read whole. When it grows past a threshold
/// it is merged into new sorted files. Every part is derived from the
/// ledger, and `RegistryState` rebuilds it whenever it does not match.
package struct SignatoryIndex {
    let byKeyPath: String
    let byIdentityPath: String
    let changesPath: String

    /// Records in the sorted file by key.
    private(set) var baseCount: Int
    /// Records in the sorted file by identity.
    private(set) var identityCount: Int
    /// Overrides from the change log: the latest record for a key or an
    /// identity, or nil where it was withdrawn.
    private var keyChanges: [[UInt8]: IndexRecord?] = [:]
    private var identityChanges: [[UInt8]: IndexRecord?] = [:]
    /// Records in the change log.
    package private(set) var changeCount = 0

    /// Change-log records past which the next append merges.
    package static let mergeThreshold = 4_096

    /// Opens the index in `layout`'s state folder, reading `changeLength`
    /// bytes of the change log.
    init(_ layout: RegistryLayout, baseCount: Int, identityCount: Int, changeLength: Int) throws(StorageError) {
        byKeyPath = layout.signatoriesByKey
        byIdentityPath = layout.signatoriesByIdentity
        changesPath = layout.signatoryChanges
        self.baseCount = baseCount
        self.identityCount = identityCount
        let changes = try FileSystem.read(changesPath, limit: changeLength)
        guard changes.count >= changeLength, changeLength % (IndexRecord.size + 1) == 0 else {
            throw StorageError(path: changesPath, operation: "reading the signatory index", cause: .shorterThanRecorded)
        }
        var offset = 0
        while offset < changeLength {
            let record = IndexRecord(changes[offset + 1..<offset + 1 + IndexRecord.size])
            apply(record, added: changes[offset] == UInt8(ascii: "+"))
            offset += IndexRecord.size + 1
        }
        changeCount = changeLength / (IndexRecord.size + 1)
    }

    private mutating func apply(_ record: IndexRecord, added: Bool) {
        // Keys stay in the index after a withdrawal, marked inactive, so
        // their latest statement is still known; identities do not.
        keyChanges[record.key] = .some(record)
        identityChanges[record.identity] = added ? .some(record) : .some(nil)
    }

    /// The record for `key`, active or not.
    func record(forKey key: [UInt8]) throws(StorageError) -> IndexRecord? {
        if let change = keyChanges[key] { return change }
        return try search(byKeyPath, count: baseCount, for: key, at: 0)
    }

    /// The active record for an identity digest.
    func record(forIdentity identity: [UInt8]) throws(StorageError) -> IndexRecord? {
        if let change = identityChanges[identity] { return change }
        return try search(byIdentityPath, count: identityCount, for: identity, at: 32)
    }

    /// Bisects a sorted file for the record whose 32 bytes at `field` equal `target`.
    private func search(_ path: String, count: Int, for target: [UInt8], at field: Int) throws(StorageError) -> IndexRecord? {
        guard count > 0 else { return nil }
        let file = try FileDescriptor(path: path, access: .reading, operation: "opening the signatory index")
        var low = 0
        var high = count
        var buffer = [UInt8](repeating: 0, count: IndexRecord.size)
        while low < high {
            let middle = (low + high) / 2
            let read = buffer.withUnsafeMutableBytes { raw in
                Result { () throws(StorageError) in
                    try file.read(into: raw, at: middle * IndexRecord.size, operation: "reading the signatory index")
                }
            }
            guard try read.get() == IndexRecord.size else {
                // A short read: the file is shorter than the state says.
                throw StorageError(path: path, operation: "reading the signatory index", cause: .shorterThanRecorded)
            }
            let candidate = buffer[field..<field + 32]
            if candidate.elementsEqual(target) {
                return IndexRecord(buffer[...])
            }
            if candidate.lexicographicallyPrecedes(target) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return nil
    }

    /// Appends changes to the log and syncs it; returns the new log length.
    package mutating func log(_ changes: [(record: IndexRecord, added: Bool)], after length: Int) throws(StorageError) -> Int {
        var bytes: [UInt8] = []
        for change in changes {
            bytes.append(change.added ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            bytes += change.record.bytes
            apply(change.record, added: change.added)
        }
        if !FileSystem.exists(changesPath) { try FileSystem.createNew(changesPath, bytes: []) }
        try LedgerFile.truncate(changesPath, to: length)
        try LedgerFile.append(bytes, to: changesPath, expectedLength: length)
        changeCount += changes.count
        return length + bytes.count
    }

    /// Writes the sorted files for `records` (every key ever seen) and
    /// empties the change log; returns how many are active.
    package static func writeBase(_ records: [IndexRecord], in layout: RegistryLayout) throws(StorageError) -> Int {
        let byKey = records.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        try FileSystem.replaceAtomically(layout.signatoriesByKey, bytes: byKey.flatMap(\.bytes))
        let byIdentity = records.filter(\.isActive).sorted { $0.identity.lexicographicallyPrecedes($1.identity) }
        try FileSystem.replaceAtomically(layout.signatoriesByIdentity, bytes: byIdentity.flatMap(\.bytes))
        try FileSystem.replaceAtomically(layout.signatoryChanges, bytes: [])
        return byIdentity.count
    }

    /// Every record, active or not: the sorted file with the change log applied.
    package func allRecords() throws(StorageError) -> [IndexRecord] {
        let base = try FileSystem.read(byKeyPath, limit: Int.max)
        var records: [[UInt8]: IndexRecord] = [:]
        var offset = 0
        while offset + IndexRecord.size <= base.count {
            let record = IndexRecord(base[offset..<offset + IndexRecord.size])
            records[record.key] = record
            offset += IndexRecord.size
        }
        for (key, change) in keyChanges {
            if let change { records[key] = change }
        }
        return Array(records.values)
    }
}
