/// Where a tile of a C2SP tlog-tiles log lives: `tile/<L>/<N>[.p/<W>]` for a
/// Merkle tile and `tile/entries/<N>[.p/<W>]` for an entry bundle, relative
/// to the log's URL prefix (c2sp.org/tlog-tiles, "Merkle Tree" and "Log entries").
///
/// `<N>` is written in zero-padded groups of three digits, all but the last
/// prefixed with `x` (index 1234067 is `x001/x234/067`); `.p/<W>` marks a
/// partial tile of `W` hashes or entries, 1 to 255. A full tile is 256 wide.
public struct TilePath: Sendable, Hashable, CustomStringConvertible {
    /// What a path names: the Merkle tile of a level, or an entry bundle.
    public enum Kind: Sendable, Hashable {
        /// A tile of Merkle tree hashes at `level` (0 to 63; 0 holds leaf hashes).
        case hashes(level: Int)
        /// An entry bundle: the entries whose leaf hashes make the level-0 tile of the same index.
        case entries
    }

    /// The number of hashes in a full tile, or of entries in a full bundle.
    public static let fullWidth = 256
    /// The highest level a tile path may name.
    public static let maximumLevel = 63

    /// A Merkle tile or an entry bundle.
    public let kind: Kind
    /// The tile's index within its level.
    public let index: UInt64
    /// The number of hashes (or entries): 256 for a full tile, 1 to 255 for a partial one.
    public let width: Int

    /// The path of Merkle tile `index` at `level`, `width` hashes wide.
    public init(level: Int, index: UInt64, width: Int = TilePath.fullWidth) throws(TransparencyError) {
        guard (0...Self.maximumLevel).contains(level) else {
            throw .malformedTilePath(expected: "a level from 0 to \(Self.maximumLevel)", found: "level \(level)")
        }
        try self.init(kind: .hashes(level: level), index: index, width: width)
    }

    /// The path of entry bundle `index`, holding `width` entries.
    public init(entryBundle index: UInt64, width: Int = TilePath.fullWidth) throws(TransparencyError) {
        try self.init(kind: .entries, index: index, width: width)
    }

    private init(kind: Kind, index: UInt64, width: Int) throws(TransparencyError) {
        guard (1...Self.fullWidth).contains(width) else {
            throw .malformedTilePath(expected: "a width from 1 to \(Self.fullWidth)", found: "width \(width)")
        }
        self.init(unchecked: kind, index: index, width: width)
    }

    /// A path whose level and width are already known to be in range.
    init(unchecked kind: Kind, index: UInt64, width: Int) {
        self.kind = kind
        self.index = index
        self.width = width
    }

    /// True for a tile of fewer than 256 hashes (or entries).
    public var isPartial: Bool { width < Self.fullWidth }

    /// The level of a Merkle tile; nil for an entry bundle.
    public var level: Int? {
        if case .hashes(let level) = kind { return level }
        return nil
    }

    /// The path, without a leading slash: `tile/0/x001/x234/067.p/5`.
    public var path: String {
        let levelElement: String
        switch kind {
        case .hashes(let level): levelElement = String(level)
        case .entries: levelElement = "entries"
        }
        let suffix = isPartial ? ".p/\(width)" : ""
        return "tile/\(levelElement)/\(Self.encodeIndex(index))\(suffix)"
    }

    /// The path, as `path` writes it.
    public var description: String { path }

    /// `<N>` of the spec: 1234067 is `x001/x234/067`, 5 is `005`.
    public static func encodeIndex(_ index: UInt64) -> String {
        var groups: [String] = []
        var rest = index
        repeat {
            let group = String(rest % 1000)
            groups.append(String(repeating: "0", count: 3 - group.count) + group)
            rest /= 1000
        } while rest > 0
        return groups.reversed().enumerated()
            .map { position, group in position == groups.count - 1 ? group : "x" + group }
            .joined(separator: "/")
    }

    /// Parses a path as `path` writes it, refusing every other spelling:
    /// leading zeros in a level or width, a full-width `.p/256`, an index with
    /// a leading `x000` group, missing or extra `x` prefixes, or a leading or
    /// trailing slash.
    public init(parsing text: String) throws(TransparencyError) {
        func refuse(_ expected: String) -> TransparencyError {
            .malformedTilePath(expected: expected, found: text)
        }
        var elements = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard elements.count >= 3, elements[0] == "tile" else {
            throw refuse("tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]")
        }
        let kind: Kind
        if elements[1] == "entries" {
            kind = .entries
        } else {
            guard let level = Self.canonicalDecimal(elements[1]), level <= UInt64(Self.maximumLevel) else {
                throw refuse("a level from 0 to \(Self.maximumLevel) without leading zeros")
            }
            kind = .hashes(level: Int(level))
        }
        elements.removeFirst(2)
        var width = Self.fullWidth
        if elements.count >= 2, let last = elements.dropLast().last, last.hasSuffix(".p") {
            guard let partial = Self.canonicalDecimal(elements[elements.count - 1]),
                  partial >= 1, partial < UInt64(Self.fullWidth)
            else {
                throw refuse("a partial width from 1 to 255 without leading zeros")
            }
            width = Int(partial)
            elements.removeLast()
            elements[elements.count - 1] = String(last.dropLast(2))
        }
        guard let index = Self.decodeIndex(elements) else {
            throw refuse("an index in groups of three digits, all but the last prefixed with x, no leading x000")
        }
        self.init(unchecked: kind, index: index, width: width)
    }

    /// A decimal number with no sign and no leading zero (other than "0" itself).
    private static func canonicalDecimal(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              text == "0" || text.utf8.first != 0x30
        else { return nil }
        return UInt64(text)
    }

    /// The inverse of `encodeIndex`, for its output only.
    private static func decodeIndex(_ groups: [String]) -> UInt64? {
        guard !groups.isEmpty else { return nil }
        var value: UInt64 = 0
        for (position, element) in groups.enumerated() {
            let isLast = position == groups.count - 1
            var digits = Substring(element)
            if !isLast {
                guard digits.first == "x" else { return nil }
                digits = digits.dropFirst()
                // A leading all-zero group would be a second spelling of the same index.
                if position == 0, digits == "000" { return nil }
            }
            guard digits.utf8.count == 3, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  let group = UInt64(digits)
            else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 1000)
            let (sum, carry) = shifted.addingReportingOverflow(group)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    // MARK: - The tiles of a tree

    /// The path of Merkle tile `index` at `level` as it exists for a tree of
    /// `treeSize` leaves: full, partial with the spec's width
    /// `floor(treeSize / 256^level) mod 256`, or nil if the tree has no such tile.
    public static func hashTile(level: Int, index: UInt64, treeSize: UInt64) -> TilePath? {
        guard (0...maximumLevel).contains(level) else { return nil }
        let width = tileWidth(index: index, count: hashCount(level: level, treeSize: treeSize))
        return width.map { TilePath(unchecked: .hashes(level: level), index: index, width: $0) }
    }

    /// The path of entry bundle `index` as it exists for a tree of `treeSize`
    /// leaves, or nil if the tree has no such bundle.
    public static func entryBundle(index: UInt64, treeSize: UInt64) -> TilePath? {
        tileWidth(index: index, count: treeSize).map { TilePath(unchecked: .entries, index: index, width: $0) }
    }

    /// Every Merkle tile of a tree of `treeSize` leaves, level by level, full
    /// tiles then the partial one (if any) at each level. A tree of 70,000
    /// leaves has 273 full and one 112-wide tile at level 0, one full and one
    /// 17-wide at level 1, and one 1-wide at level 2. The list has about
    /// `treeSize / 255` paths.
    public static func hashTiles(treeSize: UInt64) -> [TilePath] {
        var paths: [TilePath] = []
        var level = 0
        while level <= maximumLevel {
            let count = hashCount(level: level, treeSize: treeSize)
            guard count > 0 else { break }
            paths += tiles(kind: .hashes(level: level), count: count)
            level += 1
        }
        return paths
    }

    /// The partial Merkle tiles of a tree of `treeSize` leaves, lowest level
    /// first: one at each level whose hash count is not a multiple of 256.
    /// They are the tree's right edge, all a log needs besides the new leaves
    /// to compute the tiles of a larger tree (`TileAppender`). A tree of
    /// 70,000 leaves has three: `tile/0/273.p/112`, `tile/1/001.p/17` and
    /// `tile/2/000.p/1`; a tree of 65,536 has one, `tile/2/000.p/1`.
    public static func partialHashTiles(treeSize: UInt64) -> [TilePath] {
        var paths: [TilePath] = []
        var level = 0
        while level <= maximumLevel {
            let count = hashCount(level: level, treeSize: treeSize)
            guard count > 0 else { break }
            let rest = Int(count % UInt64(fullWidth))
            if rest > 0 {
                paths.append(TilePath(unchecked: .hashes(level: level), index: count / UInt64(fullWidth), width: rest))
            }
            level += 1
        }
        return paths
    }

    /// Every entry bundle of a tree of `treeSize` leaves: the full ones, then the partial one (if any).
    public static func entryBundles(treeSize: UInt64) -> [TilePath] {
        tiles(kind: .entries, count: treeSize)
    }

    /// The number of hashes at tile level `level`: one per full subtree of 256^level leaves.
    static func hashCount(level: Int, treeSize: UInt64) -> UInt64 {
        // `>>` by 64 or more gives 0 in Swift.
        treeSize >> UInt64(8 * level)
    }

    private static func tileWidth(index: UInt64, count: UInt64) -> Int? {
        let full = count / UInt64(fullWidth)
        if index < full { return fullWidth }
        let rest = Int(count % UInt64(fullWidth))
        return index == full && rest > 0 ? rest : nil
    }

    private static func tiles(kind: Kind, count: UInt64) -> [TilePath] {
        let full = count / UInt64(fullWidth)
        var paths = (0..<full).map { TilePath(unchecked: kind, index: $0, width: fullWidth) }
        let rest = Int(count % UInt64(fullWidth))
        if rest > 0 {
            paths.append(TilePath(unchecked: kind, index: full, width: rest))
        }
        return paths
    }
}
