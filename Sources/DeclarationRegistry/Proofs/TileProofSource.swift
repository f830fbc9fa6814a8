import CryptoPrimitives
import LogClient
import RegistryFormat
import RegistryStorage
import TransparencyLog

/// A published site's tiles as a proof source (c2sp.org/tlog-tiles): the
/// few Merkle tiles an inclusion proof of one entry reads (one or two per
/// tile level) and the entry bundle that holds the entry, read from a site
/// directory or fetched from its URL. Nothing else of the log is read, so a
/// proof takes the same few files whatever the log's size.
///
/// It does not check what it read beyond its form: `EntryProof.make`
/// checks the entry and verifies the inclusion proof against the signed
/// root, which fails if a tile or the bundle differs from what the
/// registrar signed.
struct TileProofSource: RegistryProofSource {
    let location: String
    /// The tiles the inclusion proof of `index` reads.
    private let tiles: TileSet
    /// The entry proved, and its ledger line (the bundle's entry).
    private let index: UInt64
    private let line: [UInt8]
    /// The key whose latest entry is `index`, when that is what was asked.
    private let key: Ed25519PublicKey?

    /// The paths a proof of the entry at `index` in the tree of `treeSize`
    /// reads: its Merkle tiles, and its entry bundle (nil when the tree has
    /// no such entry).
    static func paths(index: UInt64, treeSize: UInt64) -> (tiles: [TilePath], bundle: TilePath?) {
        let bundle = index < treeSize
            ? TilePath.entryBundle(index: index / UInt64(TilePath.fullWidth), treeSize: treeSize) : nil
        return (TileSet.tilesForInclusionProof(index: index, treeSize: treeSize), bundle)
    }

    /// The source of the entry at `index` of the tree of `treeSize`, from
    /// `tiles` (those `paths` names) and its entry bundle `bundle`, both
    /// from `location`; `key`, when the entry was found as that key's latest.
    init(location: String, treeSize: UInt64, index: UInt64, tiles: [Tile], bundle: EntryBundle,
         key: Ed25519PublicKey? = nil) throws(RegistryError) {
        var set = TileSet(treeSize: treeSize)
        for tile in tiles { set.insert(tile) }
        let offset = Int(index % UInt64(TilePath.fullWidth))
        guard offset < bundle.entries.count else {
            throw .verificationFailed(VerificationFailure(
                file: location, sequence: Int64(index) + 1,
                message: "the entry bundle holds \(bundle.entries.count) entries, not entry \(index + 1); publish the site again"))
        }
        self.location = location
        self.tiles = set
        self.index = index
        self.line = bundle.entries[offset]
        self.key = key
    }

    /// Reads the tiles and the bundle of the entry at `index` from the
    /// published site in `site`: those files only, each within the size its
    /// path allows; a link, or another kind of file, in the site's place of
    /// one or of a folder on the way to it, is refused.
    static func reading(site: SiteLayout, treeSize: UInt64, index: UInt64,
                        key: Ed25519PublicKey? = nil) throws(RegistryError) -> TileProofSource {
        let (tilePaths, bundlePath) = paths(index: index, treeSize: treeSize)
        guard let bundlePath else { throw notRead("entry \(index + 1) in the tree of \(treeSize) entries") }
        let staging = SiteStaging(site: site)
        var tiles: [Tile] = []
        for path in tilePaths {
            let bytes = try read(path, from: staging, site: site, limit: path.width * SHA256.byteCount)
            do throws(TransparencyError) {
                tiles.append(try Tile(path: path, bytes: bytes))
            } catch {
                throw malformed(site.path(path.path), error)
            }
        }
        let bytes = try read(bundlePath, from: staging, site: site,
                             limit: TiledLogClient.entryBundleLimit(width: bundlePath.width))
        let bundle: EntryBundle
        do throws(TransparencyError) {
            bundle = try EntryBundle(path: bundlePath, bytes: bytes)
        } catch {
            throw malformed(site.path(bundlePath.path), error)
        }
        return try TileProofSource(location: site.path(bundlePath.path), treeSize: treeSize, index: index,
                                   tiles: tiles, bundle: bundle, key: key)
    }

    /// Fetches the tiles and the bundle of the entry at `index` from the
    /// log `client` reads, all at once: a proof's few requests.
    static func fetching(from client: TiledLogClient, treeSize: UInt64, index: UInt64,
                         key: Ed25519PublicKey? = nil) async throws(RemoteVerificationError) -> TileProofSource {
        let (tilePaths, bundlePath) = paths(index: index, treeSize: treeSize)
        guard let bundlePath else {
            throw .registry(notRead("entry \(index + 1) in the tree of \(treeSize) entries"))
        }
        async let fetchedBundle = bundle(bundlePath, from: client)
        let tiles: [Tile]
        do throws(FetchError) {
            tiles = try await client.tiles(tilePaths)
        } catch {
            _ = await fetchedBundle
            throw .fetch(error)
        }
        let bundle: EntryBundle
        switch await fetchedBundle {
        case .success(let fetched): bundle = fetched
        case .failure(let error): throw .fetch(error)
        }
        do throws(RegistryError) {
            return try TileProofSource(location: client.prefix.urlString(bundlePath.path), treeSize: treeSize,
                                       index: index, tiles: tiles, bundle: bundle, key: key)
        } catch {
            throw .registry(error)
        }
    }

    func latestEntryIndex(signedBy key: Ed25519PublicKey, treeSize: UInt64) throws(RegistryError) -> UInt64? {
        guard key == self.key, treeSize == tiles.treeSize else {
            throw Self.notRead("the entries of key \(key.keyID) in the tree of \(treeSize) entries")
        }
        return index
    }

    func entryLine(at index: UInt64, treeSize: UInt64) throws(RegistryError) -> [UInt8] {
        guard index == self.index, treeSize == tiles.treeSize else {
            throw Self.notRead("entry \(index + 1) in the tree of \(treeSize) entries")
        }
        return line
    }

    func inclusionProof(forLeafAt index: UInt64, treeSize: UInt64) throws(RegistryError) -> [SHA256Digest] {
        guard index == self.index, treeSize == tiles.treeSize else {
            throw Self.notRead("the inclusion proof of entry \(index + 1) in the tree of \(treeSize) entries")
        }
        do {
            return try tiles.inclusionProof(forLeafAt: index)
        } catch {
            throw .verificationFailed(VerificationFailure(file: location, message: error.description))
        }
    }

    // MARK: - Steps

    private static func bundle(_ path: TilePath, from client: TiledLogClient) async -> Result<EntryBundle, FetchError> {
        do throws(FetchError) {
            return .success(try await client.entryBundle(path))
        } catch {
            return .failure(error)
        }
    }

    private static func read(_ path: TilePath, from staging: SiteStaging, site: SiteLayout,
                             limit: Int) throws(RegistryError) -> [UInt8] {
        let bytes: [UInt8]?
        do {
            bytes = try staging.read(path.path, limit: limit)
        } catch {
            throw .storage(error)
        }
        guard let bytes else {
            throw .verificationFailed(VerificationFailure(
                file: site.path(path.path),
                message: "the site has no \(path.kind == .entries ? "entry bundle" : "Merkle tile") \(path.path), which its checkpoint's tree has: the site is incomplete; run `declaration publish` again"))
        }
        return bytes
    }

    private static func malformed(_ path: String, _ error: TransparencyError) -> RegistryError {
        .verificationFailed(VerificationFailure(
            file: path, message: "not a tile of the log (\(error)): the site was changed after it was published; run `declaration publish` again"))
    }

    /// A question the source was not made to answer: a mistake of the
    /// caller's, reported rather than answered wrongly.
    private static func notRead(_ what: String) -> RegistryError {
        .invalidField(FieldError(field: "proof source", problem: .malformed(
            expected: "a question about the entry it read", found: what)))
    }
}
