/// The files one publish adds to a site, written and synced beside their
/// places first (`<name>.tmp-<pid>`), then renamed into place together by
/// `commit`, so that a publish refused half way (a file on the site that
/// differs, a root that does not match) changes nothing a reader sees,
/// and a crash leaves only complete files, each at its own path.
///
/// Nothing is ever written through a symbolic link or over anything but
/// a missing file: a link, or a file of the wrong kind, where the site
/// keeps a folder or a file is refused (`StorageError.Cause.inTheWay`). A
/// file already at its place is compared, never replaced: tiles and entry
/// bundles are immutable once served.
///
/// Not thread-safe; one publish uses it under the site's lock.
package final class SiteStaging {
    /// What `stage` found at the file's place.
    package enum Outcome: Sendable, Equatable {
        /// The same bytes are already there: nothing to write.
        case unchanged
        /// Nothing was there: the bytes are written beside it, to be
        /// renamed into place by `commit`.
        case staged
        /// Other bytes are there; nothing was written.
        case differs
    }

    /// The site.
    package let site: SiteLayout
    /// The paths inside the site of the files staged, in the order staged.
    package private(set) var staged: [String] = []
    private var pending: [(temporary: String, destination: String)] = []
    /// Folders this publish created, outermost first.
    private var created: [String] = []
    /// Folders whose entries changed and must be synced before the commit returns.
    private var foldersToSync: Set<String> = []
    /// Folders inside the site known to be folders (not links).
    private var checkedFolders: Set<String> = []

    /// Staging for the site in `site`, which must exist.
    package init(site: SiteLayout) {
        self.site = site
    }

    /// What is at `relative` on the site, read whole (at most `limit`
    /// bytes): nil when nothing is there. A link or another kind of file
    /// there, or in place of a folder on the way to it, is refused.
    package func read(_ relative: String, limit: Int) throws(StorageError) -> [UInt8]? {
        guard try checkFolders(holding: relative, creating: false) else { return nil }
        guard try checkFile(relative) else { return nil }
        return try FileSystem.read(site.path(relative), limit: limit, links: .refuse)
    }

    /// Whether a regular file is at `relative`: false when nothing is there
    /// (nor, perhaps, the folders to it); a link or another kind of file
    /// there, or in place of one of its folders, is refused.
    package func checkFile(_ relative: String) throws(StorageError) -> Bool {
        guard try checkFolders(holding: relative, creating: false) else { return false }
        let path = site.path(relative)
        switch FileSystem.entryKind(path) {
        case nil: return false
        case .regularFile: return true
        case let kind?:
            throw StorageError(path: path, operation: "publishing", cause: .inTheWay(found: kind.description, expected: "a regular file"))
        }
    }

    /// Stages `bytes` for `relative`: compares them with the file already
    /// there, or writes and syncs them beside it (creating the folders on
    /// the way) for `commit` to rename into place.
    package func stage(_ bytes: [UInt8], at relative: String) throws(StorageError) -> Outcome {
        _ = try checkFolders(holding: relative, creating: true)
        let destination = site.path(relative)
        if try checkFile(relative) {
            let existing: [UInt8]
            do {
                existing = try FileSystem.read(destination, limit: bytes.count, links: .refuse)
            } catch where error.readLimit != nil {
                return .differs
            }
            return existing == bytes ? .unchanged : .differs
        }
        guard !pending.contains(where: { $0.destination == destination }) else { return .staged }
        let temporary = RegistryLayout.temporaryPath(for: destination)
        FileSystem.remove(temporary)
        try FileSystem.createNew(temporary, bytes: bytes)
        pending.append((temporary, destination))
        staged.append(relative)
        return .staged
    }

    /// Renames every staged file into place, then syncs the folders whose
    /// entries changed, so all of them are durable before the caller goes
    /// on (to the checkpoint, which must come last). Temporary files a
    /// crashed publish left in those folders are removed.
    package func commit() throws(StorageError) {
        for (temporary, destination) in pending {
            try FileSystem.commitReplacement(temporary, over: destination)
            foldersToSync.insert(FileSystem.parent(of: destination))
        }
        pending.removeAll()
        // The site directory too, where a crash may have left a checkpoint's
        // or ledger's temporary file whatever this publish stages.
        for relative in Set(staged.map { SiteLayout.folders(holding: $0).last ?? "" } + [""]) {
            let folder = relative.isEmpty ? site.directory : site.path(relative)
            FileSystem.removeFiles(in: folder) { SiteLayout.isLeftoverTemporaryFile(named: $0, in: relative) }
        }
        // Deepest first: a new folder's own entries, then its name in its parent.
        for folder in foldersToSync.sorted(by: { $0.count > $1.count }) {
            try FileSystem.syncDirectory(folder)
        }
        foldersToSync.removeAll()
    }

    /// Removes the temporary files not yet renamed and the folders this
    /// publish created that are still empty: what a refused publish does,
    /// so that it changes nothing.
    package func abandon() {
        for (temporary, _) in pending { FileSystem.remove(temporary) }
        pending.removeAll()
        for folder in created.reversed() {
            try? FileSystem.removeEmptyDirectory(folder, operation: "tidying up")
        }
        created.removeAll()
    }

    /// Checks (or with `creating`, makes) each folder on the way to
    /// `relative`; false when one is missing and not made.
    private func checkFolders(holding relative: String, creating: Bool) throws(StorageError) -> Bool {
        for folder in SiteLayout.folders(holding: relative) where !checkedFolders.contains(folder) {
            let path = site.path(folder)
            switch FileSystem.entryKind(path) {
            case .directory?:
                break
            case nil:
                guard creating else { return false }
                try FileSystem.makeDirectory(path)
                created.append(path)
                foldersToSync.insert(FileSystem.parent(of: path))
            case let kind?:
                throw StorageError(path: path, operation: "publishing", cause: .inTheWay(found: kind.description, expected: "a directory"))
            }
            checkedFolders.insert(folder)
        }
        return true
    }
}
