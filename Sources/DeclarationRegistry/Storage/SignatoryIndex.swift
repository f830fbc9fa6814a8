import Foundation
import Glibc

/// One active signatory as the index stores it: 72 bytes, the key, the
/// digest of its identity, and the entry that recorded it.
struct IndexRecord: Equatable {
    static let size = 72

    var key: [UInt8]
    var identity: [UInt8]
    var sequence: Int64

    var bytes: [UInt8] {
        var sequenceBytes = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { sequenceBytes[index] = UInt8(truncatingIfNeeded: UInt64(bitPattern: sequence) >> (56 - 8 * index)) }
        return key + identity + sequenceBytes
    }

    init(key: [UInt8], identity: [UInt8], sequence: Int64) {
        self.key = key
        self.identity = identity
        self.sequence = sequence
    }

    init(_ bytes: ArraySlice<UInt8>) {
        let start = bytes.startIndex
        key = Array(bytes[start..<start + 32])
        identity = Array(bytes[start + 32..<start + 64])
        var value: UInt64 = 0
        for byte in bytes[start + 64..<start + 72] { value = value << 8 | UInt64(byte) }
        sequence = Int64(bitPattern: value)
    }
}

/// The on-disk index of active signatories that lets an append check the
/// registry's rules without re-reading the ledger.
///
/// Two sorted files hold the signatories in force at the last merge, one
/// ordered by key and one by identity digest, searched by bisection without
/// loading them. A change log holds every signature and withdrawal since
/// the merge; it is small and read whole. When it grows past a threshold
/// it is merged into new sorted files. Every part is derived from the
/// ledger, and `RegistryState` rebuilds it whenever it does not match.
struct SignatoryIndex {
    let byKeyPath: String
    let byIdentityPath: String
    let changesPath: String

    /// Merged records in each sorted file.
    private(set) var baseCount: Int
    /// Overrides from the change log: the latest record for a key or an
    /// identity, or nil where it was withdrawn.
    private var keyChanges: [[UInt8]: IndexRecord?] = [:]
    private var identityChanges: [[UInt8]: IndexRecord?] = [:]
    /// Records in the change log.
    private(set) var changeCount = 0

    /// Change-log records past which the next append merges.
    static let mergeThreshold = 4_096

    static func paths(in directory: String) -> (byKey: String, byIdentity: String, changes: String) {
        (directory + "/signatories-by-key", directory + "/signatories-by-identity", directory + "/signatory-changes")
    }

    /// Opens the index, reading `changeLength` bytes of the change log.
    init(directory: String, baseCount: Int, changeLength: Int) throws(StorageError) {
        let paths = Self.paths(in: directory)
        byKeyPath = paths.byKey
        byIdentityPath = paths.byIdentity
        changesPath = paths.changes
        self.baseCount = baseCount
        let changes = try FileSystem.read(changesPath, limit: changeLength)
        guard changes.count >= changeLength, changeLength % (IndexRecord.size + 1) == 0 else {
            throw StorageError(path: changesPath, operation: "reading the signatory index (shorter than recorded)", code: EIO)
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
        if added {
            keyChanges[record.key] = .some(record)
            identityChanges[record.identity] = .some(record)
        } else {
            keyChanges[record.key] = .some(nil)
            identityChanges[record.identity] = .some(nil)
        }
    }

    /// The active record for `key`.
    func record(forKey key: [UInt8]) throws(StorageError) -> IndexRecord? {
        if let change = keyChanges[key] { return change }
        return try search(byKeyPath, for: key, at: 0)
    }

    /// The active record for an identity digest.
    func record(forIdentity identity: [UInt8]) throws(StorageError) -> IndexRecord? {
        if let change = identityChanges[identity] { return change }
        return try search(byIdentityPath, for: identity, at: 32)
    }

    /// Bisects a sorted file for the record whose 32 bytes at `field` equal `target`.
    private func search(_ path: String, for target: [UInt8], at field: Int) throws(StorageError) -> IndexRecord? {
        guard baseCount > 0 else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(path: path, operation: "opening the signatory index", code: errno) }
        defer { close(descriptor) }
        var low = 0
        var high = baseCount
        var buffer = [UInt8](repeating: 0, count: IndexRecord.size)
        while low < high {
            let middle = (low + high) / 2
            let count = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress, IndexRecord.size, off_t(middle * IndexRecord.size))
            }
            guard count == IndexRecord.size else {
                throw StorageError(path: path, operation: "reading the signatory index", code: count < 0 ? errno : EIO)
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
    mutating func log(_ changes: [(record: IndexRecord, added: Bool)], after length: Int) throws(StorageError) -> Int {
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

    /// Writes the sorted files for `records` (the whole set of active
    /// signatories) and empties the change log.
    static func writeBase(_ records: [IndexRecord], in directory: String) throws(StorageError) {
        let paths = paths(in: directory)
        let byKey = records.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        try FileSystem.replaceAtomically(paths.byKey, bytes: byKey.flatMap(\.bytes))
        let byIdentity = records.sorted { $0.identity.lexicographicallyPrecedes($1.identity) }
        try FileSystem.replaceAtomically(paths.byIdentity, bytes: byIdentity.flatMap(\.bytes))
        try FileSystem.replaceAtomically(paths.changes, bytes: [])
    }

    /// Every active record: the sorted file with the change log applied.
    func allRecords() throws(StorageError) -> [IndexRecord] {
        let base = try FileSystem.read(byKeyPath, limit: Int.max)
        var records: [[UInt8]: IndexRecord] = [:]
        var offset = 0
        while offset + IndexRecord.size <= base.count {
            let record = IndexRecord(base[offset..<offset + IndexRecord.size])
            records[record.key] = record
            offset += IndexRecord.size
        }
        for (key, change) in keyChanges {
            records[key] = change
        }
        return Array(records.values)
    }
}
