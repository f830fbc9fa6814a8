/// Groups a log's entries into C2SP tlog-tiles entry bundles as they are
/// appended, holding only the partial bundle at the end (at most 255
/// entries), the companion of `TileAppender` for `tile/entries/…`.
///
/// A log that published the bundles of a tree of `n` leaves resumes from
/// that tree's partial bundle alone: the bundles of the larger tree that it
/// lacks are the full bundles `append` returns and the new partial bundle.
public struct EntryBundleAppender: Sendable, Equatable {
    /// A bundle with the path it is served at.
    public struct PlacedBundle: Sendable, Equatable {
        /// Where the bundle is served: `tile/entries/<N>[.p/<W>]`.
        public let path: TilePath
        /// The bundle.
        public let bundle: EntryBundle

        /// `bundle` at `path`, which must be an entry bundle path as wide as
        /// the bundle has entries.
        public init(path: TilePath, bundle: EntryBundle) throws(TransparencyError) {
            guard path.kind == .entries else {
                throw .malformedTilePath(expected: "an entry bundle path tile/entries/…", found: path.path)
            }
            guard bundle.entries.count == path.width else {
                throw .entryBundleCount(expected: path.width, found: bundle.entries.count)
            }
            self.init(unchecked: path, bundle: bundle)
        }

        init(unchecked path: TilePath, bundle: EntryBundle) {
            self.path = path
            self.bundle = bundle
        }
    }

    /// The number of entries appended so far (or resumed from).
    public private(set) var treeSize: UInt64
    /// The entries of the partial bundle, fewer than 256.
    private var pending: [[UInt8]]

    /// An appender for the empty log.
    public init() {
        treeSize = 0
        pending = []
    }

    /// Resumes the log of `treeSize` entries from its partial bundle: nil
    /// when `treeSize` is a multiple of 256, else the bundle of its last
    /// `treeSize % 256` entries (`TilePath.entryBundle(index:treeSize:)`).
    /// Throws `.entryBundleCount` when the bundle holds another number of
    /// entries, or is missing or present when it should not be.
    public init(treeSize: UInt64, partialBundle: EntryBundle?) throws(TransparencyError) {
        let width = Int(treeSize % UInt64(TilePath.fullWidth))
        let found = partialBundle?.entries.count ?? 0
        guard found == width else { throw .entryBundleCount(expected: width, found: found) }
        self.treeSize = treeSize
        self.pending = partialBundle?.entries ?? []
    }

    /// Adds an entry and returns the bundle it completed, if it was the
    /// 256th of one. Throws `.entryTooLarge` for an entry over 65,535 bytes
    /// (then nothing is added).
    public mutating func append(entry: [UInt8]) throws(TransparencyError) -> PlacedBundle? {
        guard entry.count <= EntryBundle.maximumEntryLength else {
            throw .entryTooLarge(index: pending.count, byteCount: entry.count)
        }
        pending.append(entry)
        treeSize += 1
        guard pending.count == TilePath.fullWidth else { return nil }
        let index = treeSize / UInt64(TilePath.fullWidth) - 1
        let completed = PlacedBundle(unchecked: TilePath(unchecked: .entries, index: index, width: TilePath.fullWidth),
                                     bundle: EntryBundle(uncheckedEntries: pending))
        pending.removeAll(keepingCapacity: true)
        return completed
    }

    /// The partial bundle of the log so far, or nil when its size is a
    /// multiple of 256.
    public var partialBundle: PlacedBundle? {
        guard !pending.isEmpty else { return nil }
        let index = treeSize / UInt64(TilePath.fullWidth)
        return PlacedBundle(unchecked: TilePath(unchecked: .entries, index: index, width: pending.count),
                            bundle: EntryBundle(uncheckedEntries: pending))
    }
}
