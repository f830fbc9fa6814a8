import CryptoPrimitives
import Foundation
import TransparencyLog

/// A client of a C2SP tlog-tiles log (c2sp.org/tlog-tiles): fetches its
/// checkpoint, Merkle tiles and entry bundles under its URL prefix, each
/// within the size the spec gives it, several at once.
///
/// It checks the form of what it fetches (a tile's exact length, a
/// bundle's entries and count) but not its truth: that takes a verified
/// checkpoint and the proofs built from the tiles, which are the caller's.
public struct TiledLogClient: Sendable {
    /// The most bytes a checkpoint may hold (the registry's limit, and far
    /// above any real one).
    public static let checkpointLimit = 64 * 1024
    /// The most bytes an entry bundle of `width` entries can hold: each
    /// entry at most 65,535 bytes after its two-byte length.
    public static func entryBundleLimit(width: Int) -> Int {
        width * (2 + EntryBundle.maximumEntryLength)
    }

    /// The log's URL prefix.
    public let prefix: LogPrefix
    /// The HTTP client every request goes through (and its figures).
    public let http: HTTPClient

    /// A client of the log at `prefix`.
    public init(prefix: LogPrefix, http: HTTPClient) {
        self.prefix = prefix
        self.http = http
    }

    /// GETs `path` under the prefix, at most `maximumBytes` long.
    public func file(_ path: String, maximumBytes: Int, revalidating: Bool = false) async throws(FetchError) -> [UInt8] {
        try await http.get(prefix.url(path), maximumBytes: maximumBytes, revalidating: revalidating)
    }

    /// The log's latest signed checkpoint, as served (not yet verified).
    public func checkpoint() async throws(FetchError) -> [UInt8] {
        try await file("checkpoint", maximumBytes: Self.checkpointLimit, revalidating: true)
    }

    /// The Merkle tile at `path`: exactly 32 bytes per hash of its width
    /// (8,192 for a full tile). A partial tile that is gone (404) is read
    /// from the full tile that replaced it, whose first hashes it holds
    /// (c2sp.org/tlog-tiles lets a log delete a partial tile once the full
    /// one exists, and clients fall back to it).
    public func tile(_ path: TilePath) async throws(FetchError) -> Tile {
        let (bytes, served) = try await fetchFallingBackToFull(path, bytesPerUnit: SHA256.byteCount)
        do {
            let tile = try Tile(path: served, bytes: bytes)
            return served == path ? tile : try Tile(path: path, hashes: Array(tile.hashes.prefix(path.width)))
        } catch {
            throw FetchError(url: prefix.urlString(served.path), problem: .badContent(file: "Merkle tile", reason: error.description))
        }
    }

    /// The entry bundle at `path`, holding exactly its width of entries
    /// (a partial bundle that is gone is read from the full one, as for tiles).
    public func entryBundle(_ path: TilePath) async throws(FetchError) -> EntryBundle {
        let (bytes, served) = try await fetchFallingBackToFull(path, bytesPerUnit: 2 + EntryBundle.maximumEntryLength)
        do {
            let bundle = try EntryBundle(path: served, bytes: bytes)
            return served == path ? bundle : try EntryBundle(entries: Array(bundle.entries.prefix(path.width)))
        } catch {
            throw FetchError(url: prefix.urlString(served.path), problem: .badContent(file: "entry bundle", reason: error.description))
        }
    }

    /// The bytes at `path` (at most `bytesPerUnit` per unit of its width),
    /// or, when a partial path is not found, those of the full path of the
    /// same index; and the path they came from.
    private func fetchFallingBackToFull(_ path: TilePath, bytesPerUnit: Int) async throws(FetchError) -> ([UInt8], TilePath) {
        do {
            return (try await file(path.path, maximumBytes: path.width * bytesPerUnit), path)
        } catch where error.problem == .notFound && path.isPartial {
            let full: TilePath
            do throws(TransparencyError) {
                full = path.kind == .entries ? try TilePath(entryBundle: path.index)
                    : try TilePath(level: path.level ?? 0, index: path.index)
            } catch {
                throw FetchError(url: prefix.urlString(path.path), problem: .notFound)
            }
            do {
                return (try await file(full.path, maximumBytes: full.width * bytesPerUnit), full)
            } catch where error.problem == .notFound {
                // Neither is there: the partial one is what was asked for.
                throw FetchError(url: prefix.urlString(path.path), problem: .notFound)
            }
        }
    }

    /// The tiles at `paths`, fetched several at once, in the order given.
    public func tiles(_ paths: [TilePath]) async throws(FetchError) -> [Tile] {
        var tiles: [Tile] = []
        tiles.reserveCapacity(paths.count)
        try await inOrder(paths, fetch: { client, path throws(FetchError) in try await client.tile(path) },
                          consume: { (_: Int, tile: Tile) throws(FetchError) in tiles.append(tile) },
                          failure: { $0 })
        return tiles
    }

    /// Fetches the item of each of `paths` (tile paths, file names), up to
    /// the configuration's number in flight at once, and hands each to
    /// `consume` in the order of `paths` as soon as it and those before it
    /// have arrived. At most that number of items are held at any time,
    /// however many paths there are, so a whole log can be streamed. The
    /// first failure (a fetch's, turned into `Failure` by `failure`, or
    /// `consume`'s) cancels the rest.
    public func inOrder<Path: Sendable, Item: Sendable, Failure: Error>(
        _ paths: [Path],
        fetch: @escaping @Sendable (TiledLogClient, Path) async throws(FetchError) -> Item,
        consume: (Int, Item) throws(Failure) -> Void,
        failure: (FetchError) -> Failure
    ) async throws(Failure) {
        let limit = http.configuration.maximumInFlight
        let client = self
        var stopped: Failure?
        await withTaskGroup(of: (Int, Result<Item, FetchError>).self) { group in
            var started = 0
            var consumed = 0
            var arrived: [Int: Item] = [:]
            while consumed < paths.count {
                // Items are started only while fewer than `limit` wait to
                // be consumed, so a slow first item bounds what is held.
                while started < paths.count, started - consumed < limit {
                    let index = started
                    let path = paths[index]
                    group.addTask {
                        do throws(FetchError) {
                            return (index, .success(try await fetch(client, path)))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                    started += 1
                }
                guard let (index, result) = await group.next() else { break }
                switch result {
                case .failure(let error):
                    stopped = failure(error)
                    group.cancelAll()
                    return
                case .success(let item):
                    arrived[index] = item
                }
                while let item = arrived.removeValue(forKey: consumed) {
                    do throws(Failure) {
                        try consume(consumed, item)
                    } catch {
                        stopped = error
                        group.cancelAll()
                        return
                    }
                    consumed += 1
                }
            }
        }
        if let stopped { throw stopped }
    }
}
