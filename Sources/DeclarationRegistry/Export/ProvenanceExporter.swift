import CryptoPrimitives

/// The provenance file written beside a CSV export (`list.csv` gets
/// `list.csv.provenance.json`): where the table comes from and how to
/// verify it, so that the table itself is only a header and its rows.
///
/// It holds the JSON export's members without the signatories (schema
/// `declaration-registry/provenance/v1`), and the table's file name and
/// SHA-256, which tie the two files together.
package enum ProvenanceExporter {
    /// The version of the provenance file's schema; see docs/EXPORT.md.
    package static let schema = "declaration-registry/provenance/v1"

    /// The path of the provenance file of the table at `path`.
    package static func path(besides path: String) -> String { path + ".provenance.json" }

    /// The provenance of `table` (the CSV bytes of `listing`, to be written
    /// as the file `name`), as JSON ending with a line feed.
    package static func render(_ listing: SignatoryListing, table name: String, bytes table: [UInt8]) -> [UInt8] {
        let document: JSONText = .object(
            [("schema", .string(schema)),
             ("table", .object([("file", .string(name)), ("sha256", .string(SHA256.hash(table).hex))]))]
                + JSONExporter.provenanceMembers(listing))
        var out = ExportBuffer(capacity: 4 * 1024)
        document.write(to: &out, indent: "")
        out.line("")
        return out.bytes
    }
}
