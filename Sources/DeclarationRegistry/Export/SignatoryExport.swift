import RegistryStorage

/// Exports the list of signatories of a registry, after verifying it.
///
/// A list is only ever made from a registry that verifies: if verification
/// fails, `export` throws `RegistryError.verificationFailed` and produces
/// nothing.
public enum SignatoryExport {
    /// Verifies the registry in `layout` and returns its list of signatories
    /// in the format and language of `options`.
    ///
    /// The note embedded in the list is the registrar's checkpoint exactly
    /// as the verification read it, under the registry's shared lock, so it
    /// is always the one the list was verified against.
    ///
    /// With `since` (the bytes of a checkpoint the caller saved after a full
    /// verification of its own), verifies incrementally, as
    /// `RegistryVerifier.verify(savedCheckpoint:trustingSavedCheckpoint:)`
    /// does: the entries it covers are re-hashed and replayed, and only the
    /// later ones have their signatures checked.
    ///
    /// Throws:
    /// - `RegistryError.verificationFailed` when the registry does not verify;
    /// - `RegistryError.storage` when it cannot be read.
    ///
    /// With `policy`, the checkpoint must meet it (`.checkpointRefused`
    /// otherwise), and the HTML and JSON lists name the witnesses that
    /// cosigned it; without one, they name none.
    public static func export(registry layout: RegistryLayout, options: ExportOptions,
                              since: (path: String, bytes: [UInt8])? = nil,
                              policy: CheckpointPolicy? = nil) throws(RegistryError) -> [UInt8] {
        try files(registry: layout, options: options, since: since, policy: policy, tableName: nil).list
    }

    /// What `export` gives, and for CSV with a `tableName` (the file name
    /// the list is written as), the provenance file to write beside it
    /// (`ProvenanceExporter`).
    package static func files(registry layout: RegistryLayout, options: ExportOptions,
                              since: (path: String, bytes: [UInt8])?, policy: CheckpointPolicy?,
                              tableName: String?) throws(RegistryError) -> (list: [UInt8], provenance: [UInt8]?) {
        let report = try RegistryVerifier(layout: layout).verify(savedCheckpoint: since,
                                                                 trustingSavedCheckpoint: since != nil, policy: policy)
        let listing = SignatoryListing(report: report, checkpointNote: String(decoding: report.checkpointNote, as: UTF8.self),
                                       options: options)
        let list = render(listing, options: options)
        guard options.format == .csv, let tableName else { return (list, nil) }
        return (list, ProvenanceExporter.render(listing, table: tableName, bytes: list))
    }

    /// Lays out `listing` in `options.format`; the same listing and options
    /// always give the same bytes.
    package static func render(_ listing: SignatoryListing, options: ExportOptions) -> [UInt8] {
        switch options.format {
        case .csv: return CSVExporter.render(listing, byteOrderMark: options.byteOrderMark)
        case .json: return JSONExporter.render(listing)
        case .markdown: return MarkdownExporter.render(listing)
        case .html: return HTMLExporter.render(listing)
        }
    }

    /// Verifies, exports and writes the result to `path` atomically: the
    /// file is written whole or not at all, and is left untouched when the
    /// registry does not verify. A CSV list gets its provenance file beside
    /// it, `path` + ".provenance.json" (`ProvenanceExporter`), written first.
    /// With `replacingExisting` (the default, since publishing usually
    /// overwrites yesterday's list) an existing regular file is replaced;
    /// anything else at `path` (a symbolic link, FIFO, device or directory)
    /// is never replaced. Without it, an existing path is refused, and
    /// nothing is written.
    ///
    /// Throws:
    /// - `RegistryError.verificationFailed` when the registry does not verify;
    /// - `RegistryError.storage` when it cannot be read, or `path` cannot
    ///   be written (EEXIST, or `.refusedToReplace`, for what is there).
    public static func export(registry layout: RegistryLayout, options: ExportOptions,
                              since: (path: String, bytes: [UInt8])? = nil, policy: CheckpointPolicy? = nil,
                              to path: String, replacingExisting: Bool = true) throws(RegistryError) {
        let exported = try files(registry: layout, options: options, since: since, policy: policy,
                                 tableName: fileName(of: path))
        do {
            try write(exported, to: path, replacingExisting: replacingExisting)
        } catch {
            throw .storage(error)
        }
    }

    /// Writes an export's files: the provenance file first, then the
    /// list. When the list cannot be written, a provenance file this call
    /// created is removed again, so a failure leaves nothing new behind.
    package static func write(_ exported: (list: [UInt8], provenance: [UInt8]?), to path: String,
                              replacingExisting: Bool) throws(StorageError) {
        guard let provenance = exported.provenance else {
            try FileSystem.writeOutput(path, bytes: exported.list, replacingExisting: replacingExisting)
            return
        }
        let companion = ProvenanceExporter.path(besides: path)
        if let kind = FileSystem.entryKind(path), !replacingExisting || kind != .regularFile {
            // What would be refused at `path` is refused before the
            // provenance file is touched.
            try FileSystem.writeOutput(path, bytes: exported.list, replacingExisting: replacingExisting)
        }
        let existed = FileSystem.entryKind(companion) != nil
        try FileSystem.writeOutput(companion, bytes: provenance, replacingExisting: replacingExisting)
        do {
            try FileSystem.writeOutput(path, bytes: exported.list, replacingExisting: replacingExisting)
        } catch {
            if !existed { FileSystem.remove(companion) }
            throw error
        }
    }

    /// The last component of `path`, as the provenance file names its table.
    package static func fileName(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}
