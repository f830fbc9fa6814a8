import CryptoPrimitives
import Foundation
import RegistryFormat
import TransparencyLog

/// Reads a published site as a tlog-tiles client would, from its files
/// alone, and checks that it is whole for the checkpoint it serves.
public struct SiteReader: Sendable {
    /// What a check found wrong.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// One file of the site: which file it is, when it last changed, and its bytes.
    public struct FileRecord: Sendable, Equatable {
        public var inode: UInt64
        public var modified: Date
        public var bytes: Data
    }

    /// The site directory.
    public let site: String

    /// A reader of the site in `site`.
    public init(site: String) {
        self.site = site
    }

    func read(_ relative: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: site).appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Failure(description: "\(relative) is missing from the site")
        }
        return Array(data)
    }

    /// The site's checkpoint, opened with the key of the site's own registry.json.
    public func checkpoint() throws -> RegistryCheckpoint {
        let headerBytes = try read("registry.json")
        let header = try RegistryHeader(json: CanonicalJSON.parseCanonical(headerBytes.dropLast()))
        return try RegistryCheckpoint(opening: try read("checkpoint"), verifier: try header.checkpointVerifierKey(),
                                      origin: header.origin)
    }

    /// Checks that every tile and entry bundle the site's checkpoint needs
    /// is there at its exact path, that the tiles give the checkpoint's
    /// root (read through `TileSet`), that each bundle's entries hash to
    /// the level-0 tile of its index, that the last entry hashes to the
    /// chain head, and that `ledger.jsonl` begins with exactly those
    /// entries, each followed by a line feed. Returns the checkpoint's size.
    @discardableResult
    public func check() throws -> UInt64 {
        let checkpoint = try checkpoint()
        let size = checkpoint.size
        var tiles = TileSet(treeSize: size)
        for path in TilePath.hashTiles(treeSize: size) {
            tiles.insert(try Tile(path: path, bytes: try read(path.path)))
        }
        guard try tiles.root() == checkpoint.rootHash else {
            throw Failure(description: "the site's tiles give root \(try tiles.root().base64), its checkpoint says \(checkpoint.rootHash.base64)")
        }
        var entries: [[UInt8]] = []
        for path in TilePath.entryBundles(treeSize: size) {
            let bundle = try EntryBundle(path: path, bytes: try read(path.path))
            let level0 = try TilePath(level: 0, index: path.index, width: path.width)
            guard tiles[level0]?.hashes == bundle.leafHashes else {
                throw Failure(description: "the entries of \(path.path) do not hash to \(level0.path)")
            }
            entries += bundle.entries
        }
        if let last = entries.last, SHA256.hash(last) != checkpoint.chainHead {
            throw Failure(description: "the last entry does not hash to the checkpoint's chain head")
        }
        let ledger = try read("ledger.jsonl")
        let expected = entries.reduce(into: [UInt8]()) { bytes, entry in bytes += entry + [0x0A] }
        guard ledger.count >= expected.count, Array(ledger.prefix(expected.count)) == expected else {
            throw Failure(description: "ledger.jsonl does not begin with the \(size) entries of the bundles")
        }
        return size
    }

    /// Every regular file of the site, by path inside it.
    public func listing() throws -> [String: FileRecord] {
        let root = URL(fileURLWithPath: site).standardizedFileURL
        var records: [String: FileRecord] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [:] }
        while let relative = enumerator.nextObject() as? String {
            let path = root.appendingPathComponent(relative).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            records[relative] = FileRecord(
                inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0,
                modified: attributes[.modificationDate] as? Date ?? .distantPast,
                bytes: try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return records
    }
}
