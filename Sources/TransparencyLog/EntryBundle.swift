import CryptoPrimitives

/// An entry bundle of a C2SP tlog-tiles log (`tile/entries/<N>[.p/<W>]`):
/// up to 256 consecutive log entries, each prefixed with its length as a
/// big-endian uint16, so no entry can be longer than 65,535 bytes.
///
/// Entry `i` of bundle `n` is leaf `n * 256 + i`; its leaf hash is the `i`-th
/// hash of level-0 tile `n`.
public struct EntryBundle: Sendable, Hashable {
    /// The longest entry a bundle can hold.
    public static let maximumEntryLength = Int(UInt16.max)

    /// The entries, in log order: 1 to 256 of them.
    public let entries: [[UInt8]]

    /// A bundle of `entries`; refuses an empty list, more than 256 entries,
    /// or an entry over 65,535 bytes.
    public init(entries: [[UInt8]]) throws(TransparencyError) {
        guard (1...TilePath.fullWidth).contains(entries.count) else {
            throw .entryBundleCount(expected: TilePath.fullWidth, found: entries.count)
        }
        for (index, entry) in entries.enumerated() where entry.count > Self.maximumEntryLength {
            throw .entryTooLarge(index: index, byteCount: entry.count)
        }
        self.entries = entries
    }

    /// A bundle of 1 to 256 entries already known to fit.
    init(uncheckedEntries entries: [[UInt8]]) {
        self.entries = entries
    }

    /// Reads a bundle as served. Refuses a length prefix cut short, an entry
    /// shorter than its prefix says, an empty bundle and more than 256 entries.
    public init(bytes: [UInt8]) throws(TransparencyError) {
        var entries: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard entries.count < TilePath.fullWidth else {
                throw .malformedEntryBundle(offset: offset, expected: "the end of the bundle after 256 entries")
            }
            guard bytes.count - offset >= 2 else {
                throw .malformedEntryBundle(offset: offset, expected: "a two-byte entry length")
            }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            let start = offset + 2
            guard bytes.count - start >= length else {
                throw .malformedEntryBundle(
                    offset: start, expected: "\(length) entry bytes, found \(bytes.count - start)"
                )
            }
            entries.append(Array(bytes[start..<start + length]))
            offset = start + length
        }
        guard !entries.isEmpty else {
            throw .malformedEntryBundle(offset: 0, expected: "at least one entry")
        }
        self.entries = entries
    }

    /// Reads the bundle at `path`, which must hold exactly `path.width` entries.
    public init(path: TilePath, bytes: [UInt8]) throws(TransparencyError) {
        guard path.kind == .entries else {
            throw .malformedTilePath(expected: "an entry bundle path tile/entries/…", found: path.path)
        }
        try self.init(bytes: bytes)
        guard entries.count == path.width else {
            throw .entryBundleCount(expected: path.width, found: entries.count)
        }
    }

    /// The bytes to serve: each entry after its big-endian uint16 length.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(0) { $0 + 2 + $1.count })
        for entry in entries {
            bytes.append(UInt8(truncatingIfNeeded: entry.count >> 8))
            bytes.append(UInt8(truncatingIfNeeded: entry.count))
            bytes += entry
        }
        return bytes
    }

    /// The entries' leaf hashes: what the level-0 tile of the same index holds.
    public var leafHashes: [SHA256Digest] {
        entries.map { MerkleTree.leafHash($0) }
    }
}
