/// What a publish did: the checkpoint the site now serves and the files it
/// wrote to bring the site there.
public struct PublishReport: Sendable, Equatable {
    /// The site directory.
    public var site: String
    /// The size of the checkpoint the site served before; nil when it had none.
    public var previousSize: UInt64?
    /// The size of the checkpoint the site serves now: the registry's.
    public var size: UInt64
    /// The files written, as paths inside the site, in the order they were
    /// put in place: tiles and bundles, the header and declaration if new,
    /// `ledger.jsonl` if extended or replaced, `checkpoint` last. Empty when
    /// the site was up to date.
    public var written: [String]
    /// Whether every tile and bundle was computed from the whole ledger
    /// (and compared with the site's copy), rather than from the site's
    /// previous partial tiles and the new entries alone.
    public var recomputedAll: Bool
    /// Why everything was recomputed when the site had a checkpoint to
    /// start from, if it was.
    public var note: String?

    /// Whether the site already served the registry's checkpoint, with every file in place.
    public var wasUpToDate: Bool { written.isEmpty }
}
