/// The list as RFC 4180 CSV: UTF-8, CRLF line ends, optionally a BOM.
///
/// One header record, then one record per signatory, governments first,
/// so that it opens as a table. Where the list comes from (the registry,
/// the checkpoint, the command that verifies it) is not in the table: it
/// goes beside it, in the provenance file (`ProvenanceExporter`).
///
/// Every field goes through `ExportEscaping.csvField`, which neutralises
/// formulas (OWASP) and quotes as RFC 4180 requires.
package enum CSVExporter {
    /// The UTF-8 byte order mark.
    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The columns, in order.
    package static let columns: [Vocabulary] = [
        .columnName, .columnKind, .columnJurisdiction, .columnJurisdictionName, .columnCountry, .columnRepresentative,
        .columnTitle, .columnLanguage, .columnSignedOn, .columnRecordedOn, .columnSignedAtUTC, .columnRecordedAtUTC,
        .columnEntry, .columnKeyID, .columnWebsite,
    ]

    /// The CSV bytes of `listing`.
    package static func render(_ listing: SignatoryListing, byteOrderMark: Bool = false) -> [UInt8] {
        var out = ExportBuffer(capacity: 1024 + 300 * listing.rowCount)
        if byteOrderMark { out.bytes += Self.byteOrderMark }
        for (index, column) in columns.enumerated() {
            if index > 0 { out.bytes.append(UInt8(ascii: ",")) }
            ExportEscaping.appendCSVField(listing.text(column), to: &out)
        }
        out.bytes += [0x0D, 0x0A]
        func field(_ value: String) {
            ExportEscaping.appendCSVField(value, to: &out)
            out.bytes.append(UInt8(ascii: ","))
        }
        for group in listing.groups {
            for row in group.rows {
                field(row.name)
                field(row.kindName)
                field(row.jurisdiction)
                field(row.jurisdictionName)
                field(row.countryName)
                field(row.representative)
                field(row.title)
                field(row.languageName)
                field(row.signedOn)
                field(row.recordedOn)
                field(row.signedAt)
                field(row.appendedAt)
                field(String(row.sequence))
                field(row.keyID)
                ExportEscaping.appendCSVField(row.website ?? "", to: &out)
                out.bytes += [0x0D, 0x0A]
            }
        }
        return out.bytes
    }
}
