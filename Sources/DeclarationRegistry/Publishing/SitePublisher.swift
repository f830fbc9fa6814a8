import RegistryFormat
import RegistryStorage
import TransparencyLog

/// Publishes the public part of a registry into a site directory that any
/// static web server can serve as a C2SP tlog-tiles log (docs/PUBLISHING.md):
/// the checkpoint, the header, the declaration, the ledger lines the
/// checkpoint covers, and the Merkle tiles and entry bundles of that tree.
///
/// A publish after an append writes only what the append added: the new
/// partial tiles and bundle, any tile or bundle the append filled up, the
/// new lines at the end of `ledger.jsonl`, and the checkpoint. It starts
/// from the site's own checkpoint and partial tiles, and reads only the
/// registry's new lines; a site without a checkpoint is computed from the
/// whole ledger. Every file but the checkpoint is in place, synced, before
/// the checkpoint is replaced, so a reader never sees a checkpoint whose
/// tiles are missing, and a crash at any point leaves a site that is still
/// whole for the checkpoint it serves.
///
/// What it checks (it is not `RegistryVerifier.verify`, whose signature
/// checks it does not repeat): the registry's header and declaration, as
/// verify does; the registrar's signature on the registry's checkpoint and
/// on the site's; that the tiles computed give the registry's checkpoint
/// root, and the last line its chain head; that the site holds this
/// registry (same header, declaration and key) and a checkpoint of its
/// history (never larger, never another root for a size); and that every
/// file already on the site that a publish would write holds exactly what
/// it would write. Verify a registry before publishing it.
public struct SitePublisher: Sendable {
    /// The registry to publish.
    public var registry: RegistryLayout
    /// The site directory.
    public var site: String

    /// Where a publish stops as if its process were killed there: how the
    /// tests show what a crash at each step leaves.
    enum Interruption: Sendable, Equatable {
        /// The new files are written beside their places, none renamed.
        case beforeRenaming
        /// Tiles, bundles, header and declaration are in place; not the ledger.
        case beforeLedger
        /// Everything but the checkpoint is in place.
        case beforeCheckpoint
    }

    /// Set by tests only.
    var interruption: Interruption?

    /// A publisher of the registry in `registry` to the site in `site`.
    public init(registry: String, site: String) {
        self.registry = RegistryLayout(directory: registry)
        self.site = site
    }

    /// Brings the site to the registry's checkpoint, writing only what it
    /// lacks (see the type's documentation). With `recomputingAll`, every
    /// tile and bundle is computed from the whole ledger and compared with
    /// the site's copy, so that a file altered anywhere on the site is
    /// found, not only among those a publish reads or writes.
    ///
    /// The site directory is created if missing (its parent must exist).
    /// Its files are written under an exclusive lock on it, and the
    /// registry is read as `RegistryVerifier` reads it, under its shared
    /// lock, so an append in progress is never seen half done.
    ///
    /// Throws:
    /// - `.notARegistry` when there is no registry at `registry`;
    /// - `.verificationFailed` when the registry's header, declaration or
    ///   checkpoint does not verify, or its ledger does not give its
    ///   checkpoint's root and chain head;
    /// - `.siteRefused` when the site holds another registry, a checkpoint
    ///   of another history, or a file that differs from what this
    ///   registry gives for it (nothing was published), or is the registry
    ///   directory itself;
    /// - `.storage` when a file cannot be read or written, or a symbolic
    ///   link or a file of another kind is where the site keeps a file or
    ///   folder (`StorageError.Cause.inTheWay`). A failure after the new
    ///   files were renamed into place leaves a site still whole for the
    ///   checkpoint it serves; publishing again completes it.
    public func publish(recomputingAll: Bool = false) throws(RegistryError) -> PublishReport {
        guard FileSystem.exists(registry.header) else { throw .notARegistry(path: registry.directory) }
        let layout = SiteLayout(directory: site)
        let created = try prepareDirectory(layout)
        do throws(RegistryError) {
            let lock: FileLock
            do {
                lock = try FileLock(directory: layout.directory, what: "the site", exclusive: true)
            } catch {
                throw .storage(error)
            }
            defer { lock.release() }
            let publication = try SitePublication(registry: registry, site: layout, interruption: interruption)
            return try publication.run(recomputingAll: recomputingAll)
        } catch {
            // A refused first publish leaves no empty site behind.
            if created { try? FileSystem.removeEmptyDirectory(layout.directory, operation: "tidying up") }
            throw error
        }
    }

    /// Creates the site directory if it is missing, and refuses one that is
    /// the registry itself, whose private files (the derived state, the
    /// lock, backups) a site must not serve.
    /// Returns whether it created it.
    private func prepareDirectory(_ layout: SiteLayout) throws(RegistryError) -> Bool {
        let identities: (site: FileIdentity, registry: FileIdentity)
        var created = false
        do throws(StorageError) {
            if !FileSystem.exists(layout.directory) {
                try FileSystem.makeDirectory(layout.directory)
                created = true
                try FileSystem.syncDirectory(containing: layout.directory)
            }
            guard FileSystem.isDirectory(layout.directory) else {
                let found = FileSystem.entryKind(layout.directory)?.description ?? "not a directory"
                throw StorageError(path: layout.directory, operation: "publishing",
                                   cause: .inTheWay(found: found, expected: "its directory"))
            }
            identities = (try FileSystem.status(layout.directory).identity,
                          try FileSystem.status(registry.directory).identity)
        } catch {
            throw .storage(error)
        }
        guard identities.site != identities.registry else {
            throw .siteRefused(PublishFailure(
                .isTheRegistry, file: layout.directory,
                message: "the site directory is the registry's own directory, whose private files (the derived state, the lock, backups) a site must not serve; publish to a directory of its own"))
        }
        return created
    }
}
