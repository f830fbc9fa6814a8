import Foundation
import TransparencyLog

/// Writes the C2SP tlog-tiles resources of a list of entries: every Merkle
/// tile and entry bundle of the tree, under `tile/` in a folder.
public enum TileSite {
    /// Writes the tiles and bundles of `entries` (the log's leaves, in
    /// order) under `directory/tile/`, creating folders as needed. With
    /// `keepingPartialsOf`, also the partial tiles and bundles those
    /// smaller trees had, as a log that grew through them keeps them.
    public static func write(entries: [[UInt8]], to directory: String, keepingPartialsOf sizes: [Int] = []) throws {
        for size in sizes + [entries.count] {
            let prefix = Array(entries.prefix(size))
            for tile in Tile.tiles(leafHashes: prefix.map { MerkleTree.leafHash($0) }) {
                try write(tile.bytes, at: tile.path.path, in: directory)
            }
            for path in TilePath.entryBundles(treeSize: UInt64(size)) {
                let start = Int(path.index) * TilePath.fullWidth
                let bundle = try EntryBundle(entries: Array(prefix[start..<start + path.width]))
                try write(bundle.bytes, at: path.path, in: directory)
            }
        }
    }

    /// Writes `bytes` at `path` under `directory`, creating its folders.
    public static func write(_ bytes: [UInt8], at path: String, in directory: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
