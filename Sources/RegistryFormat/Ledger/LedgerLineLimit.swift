extension LedgerLineCodec {
    /// The most bytes a ledger line may hold, its line feed not counted:
    /// 65,535, the cap C2SP tlog-tiles puts on an entry in an entry bundle,
    /// so that the registry's entries can be served as tiles. The longest
    /// statement the field limits allow makes a line of 4,668 bytes (a
    /// withdrawal whose reason is 1,000 four-byte scalars; the longest
    /// signature makes 4,086), so no valid statement comes near it; an
    /// append refuses a line that would be longer all the same, and a
    /// reader stops at the first longer line without holding more of it
    /// (docs/FORMAT.md, section 6).
    package static let maximumLineLength = 65_535
}
