extension LedgerLineCodec {
    /// The most bytes a ledger line may hold, its line feed not counted:
    /// 65,535, the cap C2SP tlog-tiles puts on an entry in an entry bundle,
    /// so that the registry's entries can be served as tiles. The longest
    /// statement the field limits allow makes a line of about 10 KB; an
    /// append refuses one that would be longer, and a reader stops at the
    /// first longer line without holding more of it (docs/FORMAT.md,
    /// section 6).
    package static let maximumLineLength = 65_535
}
