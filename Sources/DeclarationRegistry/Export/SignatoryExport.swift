/// Exports the list of signatories of a registry, after verifying it.
///
/// A list is only ever made from a registry that verifies: if verification
/// fails, `export` throws the `VerificationFailure` and produces nothing.
public enum SignatoryExport {
    /// How many times `export` rereads a checkpoint that an append replaced
    /// while the registry was being verified.
    static let attempts = 3

    /// Verifies the registry in `layout` and returns its list of signatories
    /// in the format and language of `options`.
    ///
    /// The registrar's signed checkpoint is read first and verified as a
    /// saved checkpoint, so the note embedded in the export is exactly the
    /// one the list was verified against.
    ///
    /// Throws `VerificationFailure` when the registry does not verify,
    /// `StorageError` when it cannot be read, and `ExportError` when appends
    /// kept replacing the checkpoint during the export.
    public static func export(registry layout: RegistryLayout, options: ExportOptions) throws -> [UInt8] {
        let verifier = RegistryVerifier(layout: layout)
        for _ in 0..<attempts {
            // No header means no registry: let the verifier say so in its words.
            guard FileAccess.exists(layout.header), FileAccess.exists(layout.checkpoint) else {
                _ = try verifier.verify()
                break
            }
            let note = try FileAccess.read(layout.checkpoint, limit: 64 * 1024)
            let report = try verifier.verify(savedCheckpoint: (path: layout.checkpoint, bytes: note))
            // The checkpoint file is replaced atomically, so `note` is one
            // whole checkpoint; it is the verified one unless an append
            // replaced it in between.
            guard report.savedCheckpoint == report.checkpoint else { continue }
            let listing = SignatoryListing(report: report, checkpointNote: String(decoding: note, as: UTF8.self),
                                           options: options)
            return render(listing, options: options)
        }
        throw ExportError.registryKeptChanging(path: layout.checkpoint, attempts: attempts)
    }

    /// Lays out `listing` in `options.format`; the same listing and options
    /// always give the same bytes.
    public static func render(_ listing: SignatoryListing, options: ExportOptions) -> [UInt8] {
        switch options.format {
        case .csv: return CSVExporter.render(listing, byteOrderMark: options.byteOrderMark)
        case .json: return JSONExporter.render(listing)
        case .markdown: return MarkdownExporter.render(listing)
        case .html: return HTMLExporter.render(listing)
        }
    }

    /// Verifies, exports and writes the result to `path` atomically: the
    /// file is replaced whole or not at all, and is left untouched when the
    /// registry does not verify. An existing file is replaced, since
    /// publishing usually overwrites yesterday's list.
    public static func export(registry layout: RegistryLayout, options: ExportOptions, to path: String) throws {
        let bytes = try export(registry: layout, options: options)
        try FileAccess.replace(path, bytes: bytes)
    }
}
